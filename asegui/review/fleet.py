"""A site of devices converted with one set of decisions: each manifest as ``asegui-cli convert`` converts it, what
still needs a person per device, and the devices with the same GPU manifest grouped for IoT Hub's automatic
deployments (one deployment per group, its target condition naming the group's devices).

The tool never talks to IoT Hub: it writes the deployments' content and the ``az iot edge deployment create``
commands for a person to run.
"""

from __future__ import annotations

import hashlib
import json
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import msgspec
from msgspec import Struct, field

from ..core import ManifestError, convert, report
from ..core.device import DeviceSettings
from ..core.findings import Decision
from ..core.i18n import _, language, set_language
from ..core.redact import mask_text, secrets
from ..fileio import write_atomic, write_atomic_chunks
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
                outdir: Path, data: bytes | None = None) -> Device:
    """One device, as ``asegui-cli convert`` converts it (decisions by finding id; ids it lacks are no error), its
    GPU manifest written to ``outdir`` by the process that made it (the text never travels between processes).
    ``data``: the manifest as the window reviewed it, instead of the file as it is on disk now."""
    device_id = path.stem
    try:
        data = path.read_bytes() if data is None else data
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


class Entry(Struct):
    """What a site keeps of a device in memory: enough to group it and count it; the rest waits on disk."""

    input: str
    device_id: str
    status: str
    output: str | None
    digest: str
    offset: int  # where the device's full record starts in the site's records file


class Site:
    """The devices of a run as they finish: each full record (needs, messages, checklist) goes to a temporary
    JSON-lines file at once and is read back one at a time in input order, so a site of a thousand holds a
    thousand small entries, not a thousand records."""

    def __init__(self, total: int, folder: Path | None = None) -> None:
        self.entries: list[Entry] = []
        self._slots: list[Entry | None] = [None] * total
        self._file = tempfile.TemporaryFile(dir=folder)  # unnamed where the system allows: nothing left behind
        self._end = 0
        self._encode = msgspec.json.Encoder().encode
        self._decode = msgspec.json.Decoder(Device).decode

    def add(self, index: int, device: Device) -> None:
        """Device ``index`` (its place among the inputs) is done."""
        line = self._encode(device) + b"\n"
        self._file.seek(self._end)
        self._file.write(line)
        self._slots[index] = Entry(device.input, device.device_id, device.status, device.output, device.digest,
                                   self._end)
        self._end += len(line)

    def finish(self) -> Site:
        """Every device is in: the entries, in input order."""
        self.entries = [entry for entry in self._slots if entry is not None]
        self._slots = []
        self._file.flush()
        return self

    def records(self) -> Iterator[Device]:
        """The full records, one at a time, in input order."""
        for entry in self.entries:
            self._file.seek(entry.offset)
            yield self._decode(self._file.readline())

    def close(self) -> None:
        self._file.close()

    def __enter__(self) -> Site:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Listed:
    """Devices already in memory (the window's export) read as a site is."""

    def __init__(self, devices: list[Device]) -> None:
        self.entries = devices

    def records(self) -> Iterator[Device]:
        return iter(self.entries)


def convert_site(paths: list[Path], outdir: Path, chosen: Mapping[str, Decision] | None, form: str,
                 settings: DeviceSettings, jobs: int = 1, progress: Callable[[Device], object] | None = None) -> Site:
    """Every device, its GPU manifest written to ``outdir`` as soon as it is made and its record to the site's
    file (so a site of a thousand holds one at a time, not all); ``jobs`` > 1 converts in that many processes.
    ``progress`` hears of each device as it is done (in the order they finish)."""
    outdir.mkdir(parents=True, exist_ok=True)
    site = Site(len(paths), outdir)
    try:
        for index, device in _converted(paths, outdir, chosen, form, settings, jobs):
            if progress is not None:
                progress(device)
            site.add(index, device)
    except BaseException:
        site.close()
        raise
    return site.finish()


def _converted(paths: list[Path], outdir: Path, chosen: Mapping[str, Decision] | None, form: str,
               settings: DeviceSettings, jobs: int) -> Iterator[tuple[int, Device]]:
    """Each device with its place among the inputs, as it is done."""
    if jobs <= 1 or len(paths) <= 1:
        for index, path in enumerate(paths):
            yield index, convert_one(path, chosen, form, settings, outdir)
        return
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # each worker speaks the language of the run (a spawned process starts in English)
    with ProcessPoolExecutor(max_workers=jobs, initializer=set_language, initargs=(language(),)) as pool:
        futures = {pool.submit(convert_one, path, chosen, form, settings, outdir): index
                   for index, path in enumerate(paths)}
        try:
            for future in as_completed(futures):
                yield futures.pop(future), future.result()
        except BaseException:  # an unexpected error (or an interrupt) stops the site, as with one process
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def group(devices: Sequence[Entry | Device]) -> list[Group]:
    """The readable devices by identical GPU manifest, largest group first (then by the first device's order)."""
    by_digest: dict[str, list[str]] = {}
    for device in devices:
        if device.status != "unreadable":
            by_digest.setdefault(device.digest, []).append(device.device_id)
    ordered = sorted(by_digest.items(), key=lambda item: -len(item[1]))
    groups = []
    for number, (digest, members) in enumerate(ordered, 1):
        name = f"ase-gpu-{number:02d}-{digest[:8]}"
        groups.append(Group(name, members, f"{DEPLOYMENTS}/{name}.json"))
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
    """:func:`write_site` for devices already in memory (the window's export)."""
    return write_site(outdir, _Listed(devices), groups, report_path)


def write_site(outdir: Path, site: Site | _Listed, groups: list[Group],
               report_path: Path | None = None) -> dict[str, Any]:
    """Beside the devices' GPU manifests (written by :func:`convert_site`): the groups' deployment contents, the
    commands to create them (``deploy.sh``, ``deploy.ps1``), ``fleet-summary.json`` and the site's report
    (``fleet-report.html``, or ``report_path`` in the form its suffix names), the last two written a device at a
    time; the summary's groups and counts (its devices are in the file)."""
    outputs = {d.device_id: d.output for d in site.entries if d.output}
    if groups:
        (outdir / DEPLOYMENTS).mkdir(exist_ok=True)
    for each in groups:
        content = deployment_content(Path(outputs[each.devices[0]]).read_bytes())
        write_atomic(outdir / each.content, (json.dumps(content, indent=2, ensure_ascii=False) + "\n").encode("utf-8"))
    write_atomic(outdir / "deploy.sh", _shell(groups).encode("utf-8"))
    write_atomic(outdir / "deploy.ps1", _powershell(groups).encode("utf-8"))
    (outdir / "deploy.sh").chmod(0o755)
    summary = {"groups": [g.to_json() for g in groups], "counts": _counts(site.entries)}
    devices = (d.to_json() for d in site.records())
    _write_streamed(outdir / SUMMARY_NAME, _json_chunks(
        [("devices", devices), ("groups", summary["groups"]), ("counts", summary["counts"])]))
    target = report_path or outdir / REPORT_NAME
    _write_streamed(target, _report_chunks(site, groups, target.suffix.lower()))
    return summary


def _counts(devices: Sequence[Entry | Device]) -> dict[str, int]:
    return {status: sum(1 for d in devices if d.status == status) for status in ("clean", "needs-person", "unreadable")}


def exit_code(devices: Sequence[Entry | Device]) -> int:
    """The worst device decides: 2 if any is unreadable, else 1 if any needs a person, else 0."""
    statuses = {d.status for d in devices}
    return 2 if "unreadable" in statuses else 1 if "needs-person" in statuses else 0


def _json_chunks(fields: Iterable[tuple[str, Any]]) -> Iterator[str]:
    """``json.dumps(dict(fields), indent=2, ensure_ascii=False) + "\\n"`` piece by piece: a field whose value is an
    iterator is written an item at a time (JSON's text never holds a raw newline, so indenting is replacing)."""
    opening = "{"
    for key, value in fields:
        yield opening + "\n  " + json.dumps(key, ensure_ascii=False) + ": "
        opening = ","
        if isinstance(value, Iterator):
            yield from _json_items(value)
        else:
            yield json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
    yield ("{}" if opening == "{" else "\n}") + "\n"


def _json_items(items: Iterator[Any]) -> Iterator[str]:
    """A list, a member of an object, as ``json.dumps(indent=2)`` writes it, an item at a time."""
    before = "[\n    "
    for item in items:
        yield before + json.dumps(item, indent=2, ensure_ascii=False).replace("\n", "\n    ")
        before = ",\n    "
    yield "[]" if before.startswith("[") else "\n  ]"


def _write_streamed(path: Path, chunks: Iterable[str]) -> None:
    """Written atomically as :func:`write_atomic` writes, from text made while it is written: a site's summary
    and report are never whole in memory. (Text is encoded as it goes: no newline translation, as the CLI.)"""
    write_atomic_chunks(path, (chunk.encode("utf-8") for chunk in chunks))


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


class Checklist:
    """The device checklists merged across the site as the devices go by: each step once, with the devices that
    need it (a thousand devices alike hold their steps once, not a thousand times)."""

    def __init__(self) -> None:
        self._merged: dict[tuple[str, str], list[str]] = {}

    def add(self, device: Device) -> None:
        for item in device.checklist:
            self._merged.setdefault((item["kind"], item["text"]), []).append(device.device_id)

    def items(self) -> list[dict[str, Any]]:
        """The steps by kind (in the report's order), then by text."""
        order = list(report.checklist_headings())
        return [{"kind": kind, "text": text, "devices": ids}
                for (kind, text), ids in sorted(self._merged.items(),
                                                key=lambda entry: (order.index(entry[0][0]), entry[0][1]))]


def site_checklist(devices: Iterable[Device]) -> list[dict[str, Any]]:
    """The device checklists merged across the site: each step once, with the devices that need it, by kind."""
    merged = Checklist()
    for device in devices:
        merged.add(device)
    return merged.items()


def render_report(devices: list[Device], groups: list[Group], suffix: str) -> str:
    """The site's report: each device's status and what still needs a person, the deployment groups, and the
    steps on the devices merged across the site (``.html``, ``.md`` or ``.json``; secrets masked)."""
    return "".join(_report_chunks(_Listed(devices), groups, suffix))


def _report_chunks(site: Site | _Listed, groups: list[Group], suffix: str) -> Iterator[str]:
    """The site's report a device at a time; the merged checklist, last, is gathered on the way."""
    checklist = Checklist()

    def rows() -> Iterator[dict[str, Any]]:
        for device in site.records():
            checklist.add(device)
            yield {**device.to_json(), "needs_text": device.needs_text}

    count, grouped = len(site.entries), [g.to_json() for g in groups]
    if suffix == ".json":
        return _json_chunks(_lazy([("devices", lambda: rows()), ("groups", lambda: grouped),
                                   ("checklist", checklist.items)]))
    if suffix == ".md":
        return _markdown(count, rows(), grouped, checklist.items)
    return _html(count, rows(), grouped, checklist.items)


def _lazy(fields: list[tuple[str, Callable[[], Any]]]) -> Iterator[tuple[str, Any]]:
    """Each field's value made when it is reached (the checklist only once the devices are written)."""
    for key, make in fields:
        yield key, make()


def _markdown(count: int, devices: Iterator[dict[str, Any]], groups: list[dict[str, Any]],
              checklist: Callable[[], list[dict[str, Any]]]) -> Iterator[str]:
    yield "# " + _("Site migration: {count} device(s)").format(count=count) + "\n\n"
    yield "| " + " | ".join((_("device"), _("status"), _("still needs a person"))) + " |\n|---|---|---|\n"
    for device in devices:
        needs = device["error"] if device["status"] == "unreadable" else "; ".join(device["needs_text"]) or "-"
        yield f"| {device['device_id']} | {device['status']} | {needs.replace('|', '/')} |\n"
    yield "\n## " + _("Deployments") + "\n\n"
    for g in groups:
        yield f"- `{g['name']}`: {', '.join(g['devices'])} (`{g['targetCondition']}`)\n"
    steps = checklist()
    for kind, heading in report.checklist_headings().items():
        items = [i for i in steps if i["kind"] == kind]
        if items:
            yield "\n## " + heading + "\n\n"
            yield "".join(f"- [ ] {i['text']} — {', '.join(i['devices'])}\n" for i in items)


def _html(count: int, devices: Iterator[dict[str, Any]], groups: list[dict[str, Any]],
          checklist: Callable[[], list[dict[str, Any]]]) -> Iterator[str]:
    """The page around a body written a line at a time (``report.page`` around a marker gives its two halves)."""
    import html

    def e(value: Any) -> str:
        return html.escape(str(value), quote=True)

    marker = "\x00body\x00"
    head, tail = report.page(_("Site migration"), marker).split(marker)
    yield head + "<h1>" + e(_("Site migration: {count} device(s)").format(count=count)) + "</h1>\n"
    yield "<table><tr><th>" + "</th><th>".join(e(h) for h in (_("device"), _("status"),
                                                             _("still needs a person"))) + "</th></tr>\n"
    for device in devices:
        if device["status"] == "unreadable":
            needs = e(device["error"])
        else:
            needs = "<br>".join(e(text) for text in device["needs_text"]) or "-"
        yield f"<tr><td>{e(device['device_id'])}</td><td>{e(device['status'])}</td><td>{needs}</td></tr>\n"
    yield "</table>\n<h2>" + e(_("Deployments")) + "</h2><ul>\n"
    for g in groups:
        yield (f"<li><code>{e(g['name'])}</code>: {e(', '.join(g['devices']))} (<code>{e(g['targetCondition'])}"
               "</code>)</li>\n")
    yield "</ul>"
    steps = checklist()
    for kind, heading in report.checklist_headings().items():
        items = [i for i in steps if i["kind"] == kind]
        if items:
            yield f"\n<h2>{e(heading)}</h2><ul class=\"checklist\">\n"
            yield "".join(f"<li>{e(i['text'])} — {e(', '.join(i['devices']))}</li>\n" for i in items)
            yield "</ul>"
    yield tail
