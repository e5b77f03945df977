"""The decisions file: what a person decided per finding, saved and replayed.

The window and the command line read and write this one format, so a review done in the
window can be replayed on dozens of devices from a script.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING, Any

from .device.settings import DeviceSettings
from .errors import ManifestError
from .findings import Decided, Decision
from .jsonc import decode, parse, strip_jsonc

if TYPE_CHECKING:
    from .boundary import DecisionsFile

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
    """Read a decisions file; a file that is not one, or a decision that is wrong, is a ManifestError naming the
    finding and the field (and where it is written, when the key can be found in the text)."""
    checked = _checked(data, source)
    return {key: Decision(accepted=entry.accepted, params=dict(entry.params or {}), note=entry.note or "")
            for key, entry in checked.decisions.items()}


def loads_settings(data: bytes, source: str | None = None) -> DeviceSettings | None:
    """The device settings saved in a decisions file, or None when it has none (files saved before they existed)."""
    device = _checked(data, source).device
    return None if device is None else DeviceSettings(**device.model_dump())


def _checked(data: bytes, source: str | None) -> DecisionsFile:
    """The file read and checked against the model of the format (:mod:`.boundary`)."""
    try:
        text = decode(data).text
        value = parse(text).value
    except ManifestError as exc:
        raise exc.with_source(source) from None
    from .boundary import Problem, read_decisions  # imports pydantic: only when a file is read, never at start-up

    try:
        return read_decisions(value)
    except Problem as problem:
        line, column = _position(text, problem.path)
        raise ManifestError(problem.message, line, column, source) from None


def _position(text: str, path: tuple[str | int, ...]) -> tuple[int | None, int | None]:
    """Line and column (1-based) of the last key of ``path``, found key by key in the text with comments blanked out
    (so columns stay the user's); (None, None) when a key is not written as ``json.dumps`` writes it."""
    if not path:
        return None, None
    try:
        blanked = strip_jsonc(text)[0]
    except ManifestError:
        return None, None
    index = 0
    for key in path:
        found = None
        for spelling in dict.fromkeys((json.dumps(str(key), ensure_ascii=False), json.dumps(str(key)))):
            found = re.compile(re.escape(spelling) + r"\s*:").search(blanked, index)
            if found:
                break
        if found is None:
            return None, None
        index = found.start()
    line = blanked.count("\n", 0, index) + 1
    return line, index - (blanked.rfind("\n", 0, index) + 1) + 1
