"""The decisions file: what a person decided per finding, saved and replayed.

The window and the command line read and write this one format, so a review done in the
window can be replayed on dozens of devices from a script.
"""

from __future__ import annotations

import json
from typing import Any

from .device.settings import DeviceSettings
from .errors import ManifestError
from .findings import Decided, Decision
from .i18n import _
from .jsonc import decode, parse

FORMAT = "asegui-decisions"
VERSION = 1


def dumps(findings: list[Decided], input_sha256: str = "", settings: DeviceSettings | None = None) -> str:
    """Every finding's current decision, in finding order; messages are there for the reader. The device's settings
    are saved beside them, so a replay compiles the same objects."""
    decisions: dict[str, Any] = {}
    for finding in findings:
        entry: dict[str, Any] = {"code": finding.code, "module": finding.module, "message": finding.message,
                                 "accepted": finding.accepted}
        if finding.values:
            entry["params"] = dict(finding.values)
        if finding.note:
            entry["note"] = finding.note
        decisions[finding.id] = entry
    data: dict[str, Any] = {"format": FORMAT, "version": VERSION, "input_sha256": input_sha256}
    if settings is not None:
        data["device"] = settings.to_json()
    data["decisions"] = decisions
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def loads(data: bytes, source: str | None = None) -> dict[str, Decision]:
    """Read a decisions file; a file that is not one is a ManifestError naming it."""
    try:
        value = parse(decode(data).text).value
    except ManifestError as exc:
        raise exc.with_source(source) from None
    if not isinstance(value, dict) or not isinstance(value.get("decisions"), dict):
        raise ManifestError(_("This is not a decisions file: it needs an object \"decisions\" "
                              "that maps finding ids to decisions."), source=source)
    result: dict[str, Decision] = {}
    for key, entry in value["decisions"].items():
        if not isinstance(entry, dict):
            raise ManifestError(_("The decision for {id} must be an object.").format(id=key), source=source)
        accepted = entry.get("accepted")
        if accepted is not None and not isinstance(accepted, bool):
            raise ManifestError(_("\"accepted\" for {id} must be true or false.").format(id=key), source=source)
        params = entry.get("params") or {}
        if not isinstance(params, dict):
            raise ManifestError(_("\"params\" for {id} must be an object.").format(id=key), source=source)
        note = entry.get("note") or ""
        result[key] = Decision(accepted=accepted, params=dict(params), note=str(note))
    return result


def loads_settings(data: bytes, source: str | None = None) -> DeviceSettings | None:
    """The device settings saved in a decisions file, or None when it has none (files saved before they existed)."""
    try:
        value = parse(decode(data).text).value
    except ManifestError as exc:
        raise exc.with_source(source) from None
    device = value.get("device") if isinstance(value, dict) else None
    if device is None:
        return None
    if not isinstance(device, dict):
        raise ManifestError(_("\"device\" must be an object of device settings."), source=source)
    try:
        return DeviceSettings.from_json(device)
    except (TypeError, ValueError) as exc:
        raise ManifestError(_("\"device\": {problem}").format(problem=exc), source=source) from None
