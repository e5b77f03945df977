"""A site of devices converted with one set of decisions: each manifest as ``asegui-cli convert`` converts it, what
still needs a person per device, and the devices with the same GPU manifest grouped for IoT Hub's automatic
deployments (one deployment per group, its target condition naming the group's devices).

The tool never talks to IoT Hub: it writes the deployments' content and the ``az iot edge deployment create``
commands for a person to run.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

from msgspec import Struct, field

from ..core import ManifestError, convert, report
from ..core.device import DeviceSettings
from ..core.findings import Decision
from ..core.i18n import _, language, set_language
from ..core.redact import mask_text, secrets
from ..fileio import write_atomic
from .session import needs_me

SUMMARY_NAME = "fleet-summary.json"
DEPLOYMENTS = "deployments"
PRIORITY = 10  # every group's devices are its own: no two deployments target one device, so one priority serves


class Device(Struct):
    """One input's outcome: where its GPU manifest was written, and what still needs a person."""

    input: str
    device_id: str
    status: str  # "clean", "needs-person" or "unreadable"
    output: str | None = None
    error: str | None = None
    counts: dict[str, int] = field(default_factory=dict)
    needs: list[str] = field(default_factory=list)
    needs_text: list[str] = field(default_factory=list)  # each need's message, secrets masked (for the report)
    checklist: list[dict[str, Any]] = field(default_factory=list)  # what to do on the device (report.device_checklist)
    digest: str = ""  # the GPU manifest's SHA-256 (the manifest itself is in ``output``): what groups devices

    def to_json(self) -> dict[str, Any]:
        return {"input": self.input, "device_id": self.device_id, "output": self.output, "status": self.status,
                "error": self.error, "counts": self.counts, "needs": self.needs}


class Group(Struct):
    """Devices whose GPU manifests are byte for byte the same: one IoT Hub deployment."""

    name: str
    devices: list[str]  # device ids
    content: str  # the deployment's content file, relative to the output folder

    @property
    def target_condition(self) -> str:
        """IoT Hub's query language: the group's devices by id."""
        quoted = ", ".join("'" + device.replace("'", "''") + "'" for device in self.devices)
        return f"deviceId IN [{quoted}]"

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, "devices": self.devices, "content": self.content,
                "targetCondition": self.target_condition, "priority": PRIORITY}


def inputs(paths: Iterable[str]) -> list[Path]:
    """Files as given, and every ``*.json`` of a folder (not its subfolders), in name order; a path that is
    neither stays, so that it is reported unreadable with the others."""
    found: list[Path] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(sorted(p for p in path.glob("*.json") if p.is_file()))
        else:
            found.append(path)
    return found


def convert_one(path: Path, chosen: Mapping[str, Decision] | None, form: str, settings: DeviceSettings,
                outdir: Path) -> Device:
    """One device, as ``asegui-cli convert`` converts it (decisions by finding id; ids it lacks are no error), its
    GPU manifest written to ``outdir`` by the process that made it (the text never travels between processes)."""
    device_id = path.stem
    try:
        data = path.read_bytes()
        result = convert(data, chosen, form=form, source=str(path), settings=settings)  # type: ignore[arg-type]
    except ManifestError as exc:
        return Device(str(path), device_id, "unreadable", error=str(exc.with_source(str(path))))
    except OSError as exc:
        return Device(str(path), device_id, "unreadable", error=f"{path}: {exc.strerror or exc}")
    waiting = [f for f in result.findings if needs_me(f)]
    hidden = [*secrets(result.document), *secrets(result.document, result.root)]
    text = result.text.encode("utf-8")
    target = outdir / path.name
    write_atomic(target, text)
    return Device(str(path), device_id, "needs-person" if waiting or result.exit_code else "clean",
                  output=str(target), counts=result.summary(), needs=[f.id for f in waiting],
                  needs_text=[mask_text(f"{f.code} {f.module or '-'}: {f.message}", hidden) for f in waiting],
                  checklist=report.device_checklist(result), digest=hashlib.sha256(text).hexdigest())


def convert_all(paths: list[Path], outdir: Path, chosen: Mapping[str, Decision] | None, form: str,
                settings: DeviceSettings, jobs: int = 1,
                progress: Callable[[Device], object] | None = None) -> list[Device]:
    """Every device, in the order given, its GPU manifest written to ``outdir`` as soon as it is made (so a site
    of a thousand holds one at a time, not all); ``jobs`` > 1 converts in that many processes. ``progress`` hears
    of each device as it is done (in the order they finish)."""
    outdir.mkdir(parents=True, exist_ok=True)

    def done(device: Device) -> Device:
        if progress is not None:
            progress(device)
        return device

    if jobs <= 1 or len(paths) <= 1:
        return [done(convert_one(path, chosen, form, settings, outdir)) for path in paths]
    from concurrent.futures import ProcessPoolExecutor, as_completed

    finished: dict[int, Device] = {}
    # each worker speaks the language of the run (a spawned process starts in English)
    with ProcessPoolExecutor(max_workers=jobs, initializer=set_language, initargs=(language(),)) as pool:
        futures = {pool.submit(convert_one, path, chosen, form, settings, outdir): index
                   for index, path in enumerate(paths)}
        for future in as_completed(futures):
            finished[futures.pop(future)] = done(future.result())
    return [finished[index] for index in range(len(paths))]


def group(devices: list[Device]) -> list[Group]:
    """The readable devices by identical GPU manifest, largest group first (then by the first device's order)."""
    by_digest: dict[str, list[Device]] = {}
    for device in devices:
        if device.status != "unreadable":
            by_digest.setdefault(device.digest, []).append(device)
    ordered = sorted(by_digest.items(), key=lambda item: -len(item[1]))
    groups = []
    for number, (digest, members) in enumerate(ordered, 1):
        name = f"ase-gpu-{number:02d}-{digest[:8]}"
        groups.append(Group(name, [d.device_id for d in members], f"{DEPLOYMENTS}/{name}.json"))
    return groups


def deployment_content(text: bytes) -> dict[str, Any]:
    """What ``az iot edge deployment create --content`` takes: ``{"content": {"modulesContent": …}}``."""
    manifest = json.loads(text)
    if isinstance(manifest, dict) and isinstance(manifest.get("content"), dict):
        return {"content": manifest["content"]}
    if isinstance(manifest, dict) and "modulesContent" in manifest:
        return {"content": {"modulesContent": manifest["modulesContent"]}}
    return {"content": {"modulesContent": manifest}}


def write(outdir: Path, devices: list[Device], groups: list[Group], report_path: Path | None = None) -> dict[str, Any]:
    """Beside the devices' GPU manifests (written by :func:`convert_all`): the groups' deployment contents, the
    commands to create them (``deploy.sh``, ``deploy.ps1``), ``fleet-summary.json`` and the site's report
    (``fleet-report.html``, or ``report_path`` in the form its suffix names); the summary, as written."""
    outputs = {d.device_id: d.output for d in devices if d.output}
    if groups:
        (outdir / DEPLOYMENTS).mkdir(exist_ok=True)
    for each in groups:
        content = deployment_content(Path(outputs[each.devices[0]]).read_bytes())
        write_atomic(outdir / each.content, (json.dumps(content, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    write_atomic(outdir / "deploy.sh", _shell(groups).encode("utf-8"))
    write_atomic(outdir / "deploy.ps1", _powershell(groups).encode("utf-8"))
    (outdir / "deploy.sh").chmod(0o755)
    summary = {"devices": [d.to_json() for d in devices], "groups": [g.to_json() for g in groups],
               "counts": {status: sum(1 for d in devices if d.status == status)
                          for status in ("clean", "needs-person", "unreadable")}}
    write_atomic(outdir / SUMMARY_NAME, (json.dumps(summary, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    target = report_path or outdir / REPORT_NAME
    write_atomic(target, render_report(devices, groups, target.suffix.lower()).encode("utf-8"))
    return summary


def exit_code(devices: list[Device]) -> int:
    """The worst device decides: 2 if any is unreadable, else 1 if any needs a person, else 0."""
    statuses = {d.status for d in devices}
    return 2 if "unreadable" in statuses else 1 if "needs-person" in statuses else 0


def _shell(groups: list[Group]) -> str:
    lines = ["#!/bin/sh", "# Creates one IoT Hub automatic deployment per group of GPU devices with the same manifest.",
             "# Written by asegui-cli fleet; review fleet-summary.json first. Needs the Azure CLI and its azure-iot "
             "extension.", 'set -eu', ': "${HUB:?set HUB to the name of your IoT Hub}"', 'cd "$(dirname "$0")"']
    for each in groups:
        lines.append(f"az iot edge deployment create --hub-name \"$HUB\" --deployment-id {each.name} "
                     f"--content {each.content} --target-condition {_sh_quote(each.target_condition)} "
                     f"--priority {PRIORITY}")
    return "\n".join(lines) + "\n"


def _powershell(groups: list[Group]) -> str:
    lines = ["# Creates one IoT Hub automatic deployment per group of GPU devices with the same manifest.",
             "# Written by asegui-cli fleet; review fleet-summary.json first. Needs the Azure CLI and its azure-iot "
             "extension.", "$ErrorActionPreference = 'Stop'",
             "if (-not $env:HUB) { throw 'Set $env:HUB to the name of your IoT Hub' }", "Set-Location $PSScriptRoot"]
    for each in groups:
        condition = each.target_condition.replace("'", "''")
        lines.append(f"az iot edge deployment create --hub-name $env:HUB --deployment-id {each.name} "
                     f"--content {each.content} --target-condition '{condition}' --priority {PRIORITY}")
    return "\r\n".join(lines) + "\r\n"


def _sh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


# ---------------------------------------------------------------- the site's report

REPORT_NAME = "fleet-report.html"


def site_checklist(devices: list[Device]) -> list[dict[str, Any]]:
    """The device checklists merged across the site: each step once, with the devices that need it, by kind."""
    merged: dict[tuple[str, str], list[str]] = {}
    for device in devices:
        for item in device.checklist:
            merged.setdefault((item["kind"], item["text"]), []).append(device.device_id)
    order = list(report.checklist_headings())
    return [{"kind": kind, "text": text, "devices": ids}
            for (kind, text), ids in sorted(merged.items(), key=lambda entry: (order.index(entry[0][0]), entry[0][1]))]


def render_report(devices: list[Device], groups: list[Group], suffix: str) -> str:
    """The site's report: each device's status and what still needs a person, the deployment groups, and the
    steps on the devices merged across the site (``.html``, ``.md`` or ``.json``; secrets masked)."""
    data = {"devices": [{**d.to_json(), "needs_text": d.needs_text} for d in devices],
            "groups": [g.to_json() for g in groups], "checklist": site_checklist(devices)}
    if suffix == ".json":
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    if suffix == ".md":
        return _markdown(data)
    return _html(data)


def _markdown(data: dict[str, Any]) -> str:
    lines = ["# " + _("Site migration: {count} device(s)").format(count=len(data["devices"])), "",
             "| " + " | ".join((_("device"), _("status"), _("still needs a person"))) + " |", "|---|---|---|"]
    for device in data["devices"]:
        needs = device["error"] if device["status"] == "unreadable" else "; ".join(device["needs_text"]) or "-"
        lines.append(f"| {device['device_id']} | {device['status']} | {needs.replace('|', '/')} |")
    lines += ["", "## " + _("Deployments"), ""]
    lines += [f"- `{g['name']}`: {', '.join(g['devices'])} (`{g['targetCondition']}`)" for g in data["groups"]]
    headings = report.checklist_headings()
    for kind, heading in headings.items():
        items = [i for i in data["checklist"] if i["kind"] == kind]
        if items:
            lines += ["", "## " + heading, ""]
            lines += [f"- [ ] {i['text']} — {', '.join(i['devices'])}" for i in items]
    return "\n".join(lines) + "\n"


def _html(data: dict[str, Any]) -> str:
    import html

    def e(value: Any) -> str:
        return html.escape(str(value), quote=True)

    rows = []
    for device in data["devices"]:
        if device["status"] == "unreadable":
            needs = e(device["error"])
        else:
            needs = "<br>".join(e(text) for text in device["needs_text"]) or "-"
        rows.append(f"<tr><td>{e(device['device_id'])}</td><td>{e(device['status'])}</td><td>{needs}</td></tr>")
    body = ["<h1>" + e(_("Site migration: {count} device(s)").format(count=len(data["devices"]))) + "</h1>",
            "<table><tr><th>" + "</th><th>".join(e(h) for h in (_("device"), _("status"),
                                                                _("still needs a person"))) + "</th></tr>",
            *rows, "</table>", "<h2>" + e(_("Deployments")) + "</h2><ul>"]
    body += [f"<li><code>{e(g['name'])}</code>: {e(', '.join(g['devices']))} (<code>{e(g['targetCondition'])}"
             "</code>)</li>" for g in data["groups"]]
    body.append("</ul>")
    for kind, heading in report.checklist_headings().items():
        items = [i for i in data["checklist"] if i["kind"] == kind]
        if items:
            body.append(f"<h2>{e(heading)}</h2><ul class=\"checklist\">")
            body += [f"<li>{e(i['text'])} — {e(', '.join(i['devices']))}</li>" for i in items]
            body.append("</ul>")
    return report.page(_("Site migration"), "\n".join(body))
