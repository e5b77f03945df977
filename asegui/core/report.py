"""The migration report: what was found, what was decided, what changed, what the device still needs.

One record (:func:`report_data`), three renderers: Markdown, HTML (one self-contained file,
styles inlined, readable printed) and JSON. Secrets are masked (``••••``) in the record before
any renderer sees it, and once more in the finished text; the HTML escapes every value that
comes from the manifest.
"""

from __future__ import annotations

import hashlib
import html
import json
import re
from datetime import datetime, timezone
from typing import Any

from .. import __version__
from . import i18n
from .findings import AREAS, SEVERITIES, Decided
from .i18n import _
from .migrate import Result
from .pointers import join, resolve
from .redact import MASK, mask_text, redact_value, secrets
from .renames import map_pointer

FORMAT = "asegui-report"
VERSION = 1
SUFFIXES = (".md", ".html", ".htm", ".json")  # what render_report accepts (any case)

# What goes on the device checklist, and under which heading.
_CHECKLIST_KINDS = {"STO005": "share", "NET007": "ip", "RES005": "image"}
_CHECKLIST_ORDER = ("share", "ip", "image", "other")


def device_checklist(result: Result) -> list[dict[str, Any]]:
    """What a person does on the GPU device for this result (shares, external IPs, images to rebuild, other
    steps), secrets masked: the report's checklist, for a site's report to merge across its devices."""
    hidden = _secrets(result)
    return [{"kind": item["kind"], "code": item["code"], "module": item["module"],
             "text": mask_text(item["text"], hidden)} for item in _checklist(result.findings)]


def checklist_headings() -> dict[str, str]:
    """The checklist's kinds as headings, in their order."""
    return {kind: _checklist_headings()[kind] for kind in _CHECKLIST_ORDER}


def page(title: str, body: str) -> str:
    """A report page: the reports' own style, ``body`` already HTML."""
    return (f"<!DOCTYPE html>\n<html lang=\"{_html_lang()}\"><head><meta charset=\"utf-8\"><title>{_e(title)}</title>"
            f"<style>{_CSS}</style></head><body>\n{body}\n</body></html>\n")


def _html_lang() -> str:
    """The page's language as HTML names it: a browser picks CJK glyph forms and fonts by it."""
    return i18n.language().replace("_", "-")


def _checklist_headings() -> dict[str, str]:
    return {"share": _("Shares to create"), "ip": _("External IP addresses to reserve"),
            "image": _("Images to rebuild for the GPU"), "other": _("Other steps on the device")}


def render_report(result: Result, suffix: str, input_name: str, output_name: str,
                  now: datetime | None = None) -> str:
    """The report of ``result`` as Markdown (``.md``), HTML (``.html``) or JSON (``.json``) text."""
    kind = suffix.lower()
    if kind in (".htm",):
        kind = ".html"
    if kind not in SUFFIXES:
        raise ValueError(_("A report is written as .md, .html or .json, not {suffix!r}; "
                           "give the report file one of those extensions.").format(suffix=suffix))
    data = report_data(result, input_name, output_name, now)
    if kind == ".json":
        text = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    elif kind == ".md":
        text = _markdown(data)
    else:
        text = _html(data)
    # Belt and braces: a secret that slipped into any text (a message, a note) is masked here too.
    return mask_text(text, _secrets(result))


def _secrets(result: Result) -> list[str]:
    doc = result.document
    found = set(secrets(doc)) | set(secrets(doc, result.root))
    return sorted(found, key=len, reverse=True)


def report_data(result: Result, input_name: str, output_name: str, now: datetime | None = None) -> dict[str, Any]:
    """The report as one JSON-ready record, secrets already masked."""
    doc = result.document
    moment = (now or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(microsecond=0)
    output_bytes = result.text.encode("utf-8")
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "tool": {"name": "asegui", "version": __version__},
        "generated": moment.isoformat().replace("+00:00", "Z"),
        "input": {"name": input_name, "sha256": hashlib.sha256(doc.data).hexdigest(), "bytes": len(doc.data),
                  "encoding": doc.encoding},
        "output": {"name": output_name, "sha256": hashlib.sha256(output_bytes).hexdigest(),
                   "bytes": len(output_bytes), "form": result.form},
        "summary": _summary(result),
        "findings": [_finding(f) for f in result.findings],
        "conflicts": [{"pointer": c.pointer, "applied": c.first or None, "not_applied": c.second, "message": c.message}
                      for c in result.conflicts],
        "output_warnings": list(result.output_warnings),
        "changed_modules": _changed_modules(result),
        "checklist": _checklist(result.findings),
        "device": _device(result),
    }
    masked: dict[str, Any] = redact_value(data, _secrets(result))
    return masked


def _device(result: Result) -> dict[str, Any]:
    """What the GPU device will create: per module its objects, and what the device must give (IPs, claims, GPUs)."""
    device = result.device
    if device is None:
        return {"summary": {}, "modules": []}
    modules = []
    for module in device.modules:
        service = module.service
        modules.append({
            "module": module.name, "name": module.k8s_name,
            "objects": [f"{o['kind']}/{o['metadata']['name']}" for o in module.objects],
            "service_type": module.service_type,
            "ports": [p.to_json() for p in module.ports] if service else [],
            "claims": [v.claim["claimName"] for v in module.volumes.claims if v.claim] if module.volumes else [],
            "gpus": module.gpus})
    return {"summary": device.summary(), "settings": device.settings.to_json(), "modules": modules,
            "secrets": [s["metadata"]["name"] for s in device.secrets]}


def _device_lines(device: dict[str, Any]) -> tuple[str, list[tuple[str, str, str, str, str]]]:
    """The "On the device" section for both text formats: a summary sentence and a row per module."""
    summary = device.get("summary") or {}
    services = ", ".join(f"{count} {kind}" for kind, count in summary.get("services", {}).items()) or _("none")
    line = _("{deployments} Deployment(s); Services: {services}; {ips} external IP address(es) to reserve; share "
             "claims: {claims}; GPUs asked for: {gpus} of the device's {device_gpus}.").format(
        deployments=summary.get("deployments", 0), services=services, ips=summary.get("external_ips", 0),
        claims=", ".join(summary.get("claims", [])) or _("none"), gpus=summary.get("gpus", 0),
        device_gpus=summary.get("device_gpus", 0))
    rows = []
    for m in device.get("modules", []):
        ports = ", ".join(f"{p['port']}→{p.get('targetPort', p['port'])}/{p['protocol']}" for p in m["ports"])
        service = f"{m['service_type']} ({ports})" if m["service_type"] else "—"
        rows.append((m["module"], ", ".join(m["objects"]), service, ", ".join(m["claims"]) or "—", str(m["gpus"])))
    return line, rows


def _device_headings() -> tuple[str, ...]:
    return (_("Module"), _("Objects"), _("Service"), _("Share claims"), _("GPUs"))


def _notices(data: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """What no finding says, titled, for each format to list: conflicting fixes, then problems of the output."""
    sections = [(_("Conflicts"), [c["message"] for c in data["conflicts"]]),
                (_("Warnings about the output"), list(data["output_warnings"]))]
    return [(title, messages) for title, messages in sections if messages]


def _summary(result: Result) -> dict[str, Any]:
    areas = {area: dict.fromkeys(SEVERITIES, 0) for area in AREAS}
    for finding in result.findings:
        areas.setdefault(finding.area, dict.fromkeys(SEVERITIES, 0))
        areas[finding.area][finding.severity] = areas[finding.area].get(finding.severity, 0) + 1
    total = dict.fromkeys(SEVERITIES, 0)
    for counts in areas.values():
        for severity, count in counts.items():
            total[severity] = total.get(severity, 0) + count
    statuses: dict[str, int] = {}
    for finding in result.findings:
        statuses[finding.status] = statuses.get(finding.status, 0) + 1
    return {"areas": areas, "total": total, "statuses": statuses,
            "unresolved_errors": len(result.unresolved_errors), "exit_code": result.exit_code}


def decision_text(finding: Decided) -> str:
    """The decision taken on a finding, in words: accepted, rejected, value given, acknowledged…"""
    given = {k: v for k, v in finding.values.items() if finding.defaults().get(k) != v}
    if finding.status == "applied":
        if given:
            return _("value given: {values}").format(values=_values_text(given))
        return _("accepted")
    return {
        "review": _("accepted with the proposed value (not yet confirmed)"),
        "needs input": _("needs a value: {problems}").format(problems="; ".join(finding.problems.values()) or "-"),
        "rejected": _("rejected"),
        "rejected, reason needed": _("rejected without a reason: reject with a note to say why"),
        "off": _("not applied (off by default)"),
        "open": _("open: not yet acknowledged"),
        "acknowledged": _("acknowledged"),
        "info": _("for information"),
    }.get(finding.status, finding.status or "-")


def _values_text(values: dict[str, Any]) -> str:
    return ", ".join(f"{name}={value}" for name, value in values.items())


def _finding(finding: Decided) -> dict[str, Any]:
    return {"id": finding.id, "code": finding.code, "area": finding.area, "severity": finding.severity,
            "module": finding.module, "title": _(finding.rule.title), "message": finding.message,
            "pointer": finding.pointer, "applicability": finding.applicability, "status": finding.status,
            "decision": decision_text(finding), "accepted": finding.accepted, "values": dict(finding.values),
            "problems": dict(finding.problems), "note": finding.note, "todo": finding.todo,
            "source": finding.rule.source}


def _changed_modules(result: Result) -> list[dict[str, Any]]:
    doc = result.document
    changed: list[dict[str, Any]] = []
    for module in doc.modules:
        out_pointer = map_pointer(module.pointer, result.renames)
        before_module, after_module = resolve(doc.root, module.pointer), resolve(result.root, out_pointer)
        if before_module == after_module and out_pointer == module.pointer:
            continue
        before = resolve(doc.root, module.create_options_pointer)
        after = resolve(result.root, join(out_pointer, "settings", "createOptions"))
        renamed_to = None
        if out_pointer != module.pointer:
            renamed_to = out_pointer.rsplit("/", 1)[-1].replace("~1", "/").replace("~0", "~")
            if module.parent != out_pointer.rsplit("/", 1)[0]:
                renamed_to = None
            elif module.key.startswith("properties.desired."):
                renamed_to = re.sub(r"^properties\.desired\.(modules|systemModules)\.", "", renamed_to)
        other = sorted(_changed_members(before_module, after_module))
        changed.append({"module": module.name, "renamed_to": renamed_to, "system": module.system,
                        "removed": after_module is None, "create_options_changed": before != after,
                        "other_changes": other, "before": before, "after": after})
    return changed


def _changed_members(before: Any, after: Any) -> list[str]:
    """Members of a module (and of its settings) other than createOptions that differ."""
    if not isinstance(before, dict) or not isinstance(after, dict):
        return []
    names: list[str] = []
    for key in dict.fromkeys([*before, *after]):
        if key == "settings" and isinstance(before.get(key), dict) and isinstance(after.get(key), dict):
            names.extend(f"settings/{inner}" for inner in _changed_members(before[key], after[key])
                         if not inner.lower().startswith("createoptions"))
        elif not str(key).lower().startswith("createoptions") and before.get(key) != after.get(key):
            names.append(str(key))
    return names


def _checklist(findings: list[Decided]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for finding in findings:
        kind = _CHECKLIST_KINDS.get(finding.code, "other")
        text = finding.todo
        if not text and kind == "image":
            text = _("Rebuild the image of module {module} for the GPU ({message})").format(
                module=finding.module or "-", message=finding.message)
        if not text and kind in ("share", "ip"):
            text = finding.message
        if not text:
            continue
        items.append({"kind": kind, "code": finding.code, "module": finding.module, "text": text,
                      "status": finding.status, "values": dict(finding.values)})
    return sorted(items, key=lambda item: _CHECKLIST_ORDER.index(item["kind"]))


# ---------------------------------------------------------------- Markdown

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~&])")


def _md(value: Any) -> str:
    """Manifest text as literal Markdown: punctuation escaped, one line (table-safe)."""
    text = "-" if value is None or value == "" else str(value)
    text = _MD_SPECIAL.sub(r"\\\1", text)
    return re.sub(r"\s*[\r\n]+\s*", " ", text)


def _md_code(text: str, language: str = "json") -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{language}\n{text}\n{fence}"


def _pretty(value: Any) -> str:
    if value is None:
        return _("(none)")
    return json.dumps(value, indent=2, ensure_ascii=False)


def _markdown(data: dict[str, Any]) -> str:
    out: list[str] = [f"# {_('ASE migration report')}", ""]
    out += [f"- {_('Tool')}: asegui {_md(data['tool']['version'])}",
            f"- {_('Generated (UTC)')}: {_md(data['generated'])}",
            f"- {_('Input')}: {_md(data['input']['name'])} ({data['input']['bytes']:,} bytes, "
            f"{_md(data['input']['encoding'])})  ",
            f"  SHA-256 `{data['input']['sha256']}`",
            f"- {_('Output')}: {_md(data['output']['name'])} ({data['output']['bytes']:,} bytes, "
            f"{_md(data['output']['form'])})  ",
            f"  SHA-256 `{data['output']['sha256']}`", ""]
    summary = data["summary"]
    out += [f"## {_('Summary')}", "",
            f"| {_('Area')} | {_('Errors')} | {_('Warnings')} | {_('Info')} |", "|---|---:|---:|---:|"]
    for area, counts in summary["areas"].items():
        out.append(f"| {_md(area)} | {counts['error']} | {counts['warning']} | {counts['info']} |")
    total = summary["total"]
    out += [f"| **{_('Total')}** | **{total['error']}** | **{total['warning']}** | **{total['info']}** |", "",
            _("{count} error(s) still need a person.").format(count=summary["unresolved_errors"]), ""]

    out += [f"## {_('Findings')}", ""]
    if not data["findings"]:
        out += [_("No findings."), ""]
    for area in summary["areas"]:
        group = [f for f in data["findings"] if f["area"] == area]
        if not group:
            continue
        out += [f"### {_md(area)}", "",
                f"| {_('Code')} | {_('Severity')} | {_('Module')} | {_('Message')} | {_('Decision')} | {_('Note')} |",
                "|---|---|---|---|---|---|"]
        for f in group:
            out.append(f"| {_md(f['code'])} | {_md(f['severity'])} | {_md(f['module'])} | {_md(f['message'])} | "
                       f"{_md(f['decision'])} | {_md(f['note'])} |")
        out.append("")
    for title, messages in _notices(data):
        out += [f"### {title}", ""] + [f"- {_md(message)}" for message in messages] + [""]

    out += [f"## {_('Changed modules')}", ""]
    if not data["changed_modules"]:
        out += [_("No module changed."), ""]
    for m in data["changed_modules"]:
        out += [f"### {_md(m['module'])}", ""]
        out += _module_notes(m, _md)
        if m["create_options_changed"]:
            out += [f"{_('createOptions before (FPGA)')}:", "", _md_code(_pretty(m["before"])), "",
                    f"{_('createOptions after (GPU)')}:", "", _md_code(_pretty(m["after"])), ""]
        else:
            out += [_("createOptions unchanged."), ""]

    line, rows = _device_lines(data["device"])
    out += [f"## {_('On the device')}", "", _md(line), "",
            "| " + " | ".join(_device_headings()) + " |", "|---|---|---|---|---:|"]
    out += ["| " + " | ".join(_md(cell) for cell in row) + " |" for row in rows]
    out.append("")

    out += [f"## {_('Device checklist')}", ""]
    if not data["checklist"]:
        out += [_("Nothing to do on the device."), ""]
    for kind, heading in _checklist_headings().items():
        items = [item for item in data["checklist"] if item["kind"] == kind]
        if items:
            out += [f"### {heading}", ""]
            out += [f"- [ ] {_md(item['text'])}" for item in items]
            out.append("")
    return "\n".join(out).rstrip("\n") + "\n"


def _module_notes(m: dict[str, Any], escape: Any) -> list[str]:
    notes: list[str] = []
    if m["removed"]:
        notes.append(_("The module is not in the output."))
    if m["renamed_to"]:
        notes.append(_("Renamed to {name}.").format(name=escape(m["renamed_to"])))
    if m["other_changes"]:
        notes.append(_("Also changed: {members}.").format(members=", ".join(escape(x) for x in m["other_changes"])))
    return [*(f"- {n}" for n in notes), ""] if notes else []


# ---------------------------------------------------------------- HTML

_CSS = """
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Microsoft YaHei", "PingFang SC",
  "Noto Sans CJK SC", "Source Han Sans SC", "WenQuanYi Micro Hei", sans-serif; color: #1b1b1b;
       background: #fff; margin: 2em auto; max-width: 72em; padding: 0 1.5em; }
h1 { font-size: 1.6em; margin-bottom: .2em; } h2 { margin-top: 1.8em; border-bottom: 1px solid #ccc; }
h3 { margin-top: 1.4em; }
table { border-collapse: collapse; width: 100%; margin: .6em 0; }
th, td { border: 1px solid #c8c8c8; padding: .3em .5em; text-align: left; vertical-align: top; }
th { background: #f0f0f0; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
code, pre { font-family: ui-monospace, "Cascadia Mono", Consolas, "DejaVu Sans Mono", "Microsoft YaHei",
  "PingFang SC", "Noto Sans Mono CJK SC", "WenQuanYi Micro Hei Mono", monospace; font-size: 12.5px; }
pre { white-space: pre-wrap; word-break: break-word; margin: 0; }
.highlight { border: 1px solid #d0d0d0; padding: .5em; background: #f8f8f8; }
.sev-error { color: #a4000f; font-weight: 600; } .sev-warning { color: #7a4d00; font-weight: 600; }
.sev-info { color: #1f4e8c; }
.pair { display: grid; grid-template-columns: 1fr 1fr; gap: .8em; } .pair h4 { margin: .3em 0; }
.meta td:first-child { width: 12em; font-weight: 600; } .hash { word-break: break-all; }
ul.checklist { list-style: none; padding-left: .2em; } ul.checklist li::before { content: "\\2610  "; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; color: #000; }
  h2 { page-break-after: avoid; } table, .pair, .highlight, li { page-break-inside: avoid; }
  .pair { grid-template-columns: 1fr 1fr; } .highlight { background: none !important; }
  a { color: inherit; text-decoration: none; }
}
"""


def _e(value: Any) -> str:
    return html.escape("-" if value is None or value == "" else str(value), quote=True)


def _json_html(value: Any) -> str:
    from pygments import highlight
    from pygments.formatters import HtmlFormatter
    from pygments.lexers import JsonLexer
    return highlight(_pretty(value), JsonLexer(), HtmlFormatter(noclasses=True, nobackground=True, style="default"))


def _html(data: dict[str, Any]) -> str:
    title = _("ASE migration report")
    out: list[str] = ["<!DOCTYPE html>", f'<html lang="{_html_lang()}">', "<head>", '<meta charset="utf-8">',
                      '<meta name="viewport" content="width=device-width, initial-scale=1">',
                      f"<title>{_e(title)} — {_e(data['input']['name'])}</title>",
                      f"<style>{_CSS}</style>", "</head>", "<body>", f"<h1>{_e(title)}</h1>",
                      '<table class="meta">']
    rows = [(_("Tool"), f"asegui {_e(data['tool']['version'])}"),
            (_("Generated (UTC)"), _e(data["generated"])),
            (_("Input"), f"{_e(data['input']['name'])} ({data['input']['bytes']:,} bytes, "
                         f"{_e(data['input']['encoding'])})<br><code class=\"hash\">SHA-256 "
                         f"{_e(data['input']['sha256'])}</code>"),
            (_("Output"), f"{_e(data['output']['name'])} ({data['output']['bytes']:,} bytes, "
                          f"{_e(data['output']['form'])})<br><code class=\"hash\">SHA-256 "
                          f"{_e(data['output']['sha256'])}</code>")]
    out += [f"<tr><td>{_e(label)}</td><td>{value}</td></tr>" for label, value in rows]
    out.append("</table>")

    summary = data["summary"]
    out += [f"<h2>{_e(_('Summary'))}</h2>", "<table>",
            f"<tr><th>{_e(_('Area'))}</th><th>{_e(_('Errors'))}</th><th>{_e(_('Warnings'))}</th>"
            f"<th>{_e(_('Info'))}</th></tr>"]
    for area, counts in summary["areas"].items():
        out.append(f"<tr><td>{_e(area)}</td><td class=\"n\">{counts['error']}</td>"
                   f"<td class=\"n\">{counts['warning']}</td><td class=\"n\">{counts['info']}</td></tr>")
    total = summary["total"]
    out += [f"<tr><th>{_e(_('Total'))}</th><th class=\"n\">{total['error']}</th>"
            f"<th class=\"n\">{total['warning']}</th><th class=\"n\">{total['info']}</th></tr>", "</table>",
            f"<p>{_e(_('{count} error(s) still need a person.').format(count=summary['unresolved_errors']))}</p>"]

    out.append(f"<h2>{_e(_('Findings'))}</h2>")
    if not data["findings"]:
        out.append(f"<p>{_e(_('No findings.'))}</p>")
    for area in summary["areas"]:
        group = [f for f in data["findings"] if f["area"] == area]
        if not group:
            continue
        out += [f"<h3>{_e(area)}</h3>", "<table>",
                "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in (_("Code"), _("Severity"), _("Module"), _("Message"),
                                                                 _("Decision"), _("Note"))) + "</tr>"]
        for f in group:
            severity = f["severity"] if f["severity"] in SEVERITIES else "info"
            out.append(f"<tr><td><code>{_e(f['code'])}</code></td>"
                       f"<td class=\"sev-{severity}\">{_e(f['severity'])}</td><td>{_e(f['module'])}</td>"
                       f"<td>{_e(f['message'])}</td><td>{_e(f['decision'])}</td><td>{_e(f['note'])}</td></tr>")
        out.append("</table>")
    for title, messages in _notices(data):
        out += [f"<h3>{_e(title)}</h3>", "<ul>"] + [f"<li>{_e(message)}</li>" for message in messages] + ["</ul>"]

    out.append(f"<h2>{_e(_('Changed modules'))}</h2>")
    if not data["changed_modules"]:
        out.append(f"<p>{_e(_('No module changed.'))}</p>")
    for m in data["changed_modules"]:
        out.append(f"<h3>{_e(m['module'])}</h3>")
        notes = _module_notes(m, _e)
        if notes:
            out.append("<ul>" + "".join(f"<li>{n[2:]}</li>" for n in notes if n) + "</ul>")
        if m["create_options_changed"]:
            out += ['<div class="pair">',
                    f"<div><h4>{_e(_('createOptions before (FPGA)'))}</h4>{_json_html(m['before'])}</div>",
                    f"<div><h4>{_e(_('createOptions after (GPU)'))}</h4>{_json_html(m['after'])}</div>", "</div>"]
        else:
            out.append(f"<p>{_e(_('createOptions unchanged.'))}</p>")

    summary_line, device_rows = _device_lines(data["device"])
    out += [f"<h2>{_e(_('On the device'))}</h2>", f"<p>{_e(summary_line)}</p>", "<table>",
            "<tr>" + "".join(f"<th>{_e(h)}</th>" for h in _device_headings()) + "</tr>"]
    out += ["<tr>" + "".join(f"<td>{_e(cell)}</td>" for cell in row) + "</tr>" for row in device_rows]
    out.append("</table>")

    out.append(f"<h2>{_e(_('Device checklist'))}</h2>")
    if not data["checklist"]:
        out.append(f"<p>{_e(_('Nothing to do on the device.'))}</p>")
    for kind, heading in _checklist_headings().items():
        items = [item for item in data["checklist"] if item["kind"] == kind]
        if items:
            out += [f"<h3>{_e(heading)}</h3>", '<ul class="checklist">']
            out += [f"<li>{_e(item['text'])}</li>" for item in items]
            out.append("</ul>")
    out += [f"<p><small>{_e(_('Secrets are shown as {mask}.').format(mask=MASK))}</small></p>", "</body>", "</html>"]
    return "\n".join(out) + "\n"
