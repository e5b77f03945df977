"""Every real manifest in ../shared/corpus: it converts or is rejected clearly, and nothing changes unexplained."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft4Validator, Draft7Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT4, DRAFT7

from asegui.core import ManifestError, Result, convert, load
from asegui.core.migrate import analyze, apply
from asegui.core.pointers import is_within, join, parent, resolve, split
from tests.conftest import SCHEMAS, corpus_files

CORPUS = corpus_files()
pytestmark = pytest.mark.skipif(not CORPUS, reason="../shared/corpus is not beside this checkout")


def _convert(path: Path) -> Result | None:
    try:
        return convert(path.read_bytes(), source=path.name)
    except ManifestError as exc:
        assert exc.message and exc.line is not None, f"{path.name}: rejected without a place: {exc}"
        return None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_converts_or_is_rejected_with_a_located_manifest_error(path: Path) -> None:
    _convert(path)  # anything but ManifestError propagates and fails the test


def test_the_known_invalid_files_are_the_rejected_ones() -> None:
    rejected = {p.name for p in CORPUS if _convert(p) is None}
    assert rejected == {"factory-ai-vision-installer-ava-placeholders.json",
                        "factory-ai-vision-jetson-merge-conflict.json",
                        "iotedgedev-nonstring-placeholder.json",
                        "lorawan-deviceconfig-udp-hostip-placeholders.json"}


def _differences(before: Any, after: Any, pointer: str = "") -> list[str]:
    """Pointers where two JSON values differ, written independently of the code under test."""
    if isinstance(before, dict) and isinstance(after, dict):
        found = []
        for key in list(before) + [k for k in after if k not in before]:
            if key not in before or key not in after:
                found.append(join(pointer, key))
            else:
                found.extend(_differences(before[key], after[key], join(pointer, key)))
        if not found and list(before) != list(after):
            found.append(pointer)  # same members, new order
        return found
    if isinstance(before, list) and isinstance(after, list) and len(before) == len(after):
        pairs = enumerate(zip(before, after, strict=True))
        return [d for i, (b, a) in pairs for d in _differences(b, a, join(pointer, i))]
    return [] if before == after and type(before) is type(after) else [pointer]


def _undo_renames(root: Any, result: Result) -> Any:
    """The output with every accepted key rename reversed, so it lines up with the input."""
    root = copy.deepcopy(root)
    for old, new in sorted(result.renames.items(), key=lambda item: len(split(item[0]))):
        container_pointer, old_key = parent(old)
        _parent_new, new_key = parent(new)
        container = resolve(root, container_pointer)
        assert isinstance(container, dict) and new_key in container
        items = [(old_key if k == new_key else k, v) for k, v in container.items()]
        container.clear()
        container.update(items)
    return root


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_every_difference_is_an_accepted_edit_and_every_edit_shows(path: Path) -> None:
    result = _convert(path)
    if result is None:
        return
    edits = [(f, e) for f in result.findings for e in f.edits]
    assert all(f.accepted for f, _e in edits)
    assert not result.conflicts, result.conflicts
    aligned = _undo_renames(result.root, result)
    for difference in _differences(result.document.root, aligned):
        covering = [f.id for f, e in edits if is_within(difference, e.path) or is_within(e.path, difference)]
        assert covering, f"{path.name}: {difference} changed without a finding"
    for finding, edit in edits:
        if edit.op in ("add", "replace"):
            assert resolve(aligned, edit.path) == edit.value, f"{finding.id}: {edit} has no effect"
        elif edit.op == "append":
            assert edit.value in resolve(aligned, edit.path), f"{finding.id}: {edit} has no effect"
        elif edit.op == "rename":
            assert edit.path in result.renames, f"{finding.id}: {edit} was not applied"


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_converting_leaves_the_input_document_as_it_was_read(path: Path) -> None:
    """The output shares untouched containers with the input; no edit may reach through into the input."""
    result = _convert(path)
    if result is None:
        return
    result.text  # noqa: B018 - writing the output must not change the input either
    fresh = load(path.read_bytes(), source=path.name)
    assert json.dumps(result.document.root) == json.dumps(fresh.root)


def _decision_sets(findings: list[Any]) -> dict[str, dict[str, Any] | None]:
    """Every fix accepted, none accepted, the defaults, and every fix accepted with its last option chosen."""
    other_options = {f.id: {"accepted": True, "params": {p.name: p.options[-1] for p in f.params if p.options}}
                     for f in findings}
    return {"all": {f.id: {"accepted": True} for f in findings}, "none": {f.id: {"accepted": False} for f in findings},
            "defaults": None, "other options": other_options}


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_applying_again_and_again_to_one_document_gives_what_a_fresh_conversion_gives(path: Path) -> None:
    """The window re-applies every decision to the document it read: no application may leave anything behind
    in the document (or in what the outputs share with it) that shows in a later one."""
    data = path.read_bytes()
    try:
        doc = load(data, source=path.name)
    except ManifestError:
        return
    findings = analyze(doc)
    sets = _decision_sets(findings)
    texts = {name: apply(doc, findings, decisions).text for name, decisions in sets.items()}
    again = {name: apply(doc, findings, decisions).text for name, decisions in reversed(sets.items())}
    assert again == texts
    for name, decisions in sets.items():
        assert convert(data, decisions, source=path.name).text == texts[name], name
    assert json.dumps(doc.root) == json.dumps(load(data, source=path.name).root)


def _chunk_number(key: str) -> int:
    digits = re.fullmatch(r"createOptions(\d*)", key)
    assert digits, key
    return int(digits.group(1) or 0)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_output_chunks_are_contiguous_and_at_most_512_characters(path: Path) -> None:
    result = _convert(path)
    if result is None:
        return
    bad_inputs = {m.name for m in result.document.modules if m.co_form == "invalid"}
    for module in result.document.modules:
        if module.name in bad_inputs:
            continue
        settings = _output_settings(result, module)
        pieces = {k: v for k, v in (settings or {}).items() if k.lower().startswith("createoptions")}
        if not pieces or isinstance(pieces.get("createOptions"), dict):
            continue
        numbers = sorted(_chunk_number(k) for k in pieces)
        assert numbers == list(range(len(numbers))), f"{path.name} {module.name}: {sorted(pieces)}"
        if any(f.module == module.name and f.edits for f in result.findings):
            assert all(len(v) <= 512 for v in pieces.values()), f"{path.name} {module.name}"


def _output_settings(result: Result, module: Any) -> dict[str, Any] | None:
    from asegui.core.renames import map_pointer
    value = resolve(json.loads(result.text), join(map_pointer(module.pointer, result.renames), "settings"))
    return value if isinstance(value, dict) else None


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_converting_the_output_again_changes_nothing(path: Path) -> None:
    result = _convert(path)
    if result is None:
        return
    again = convert(result.text.encode("utf-8"))
    assert again.text == result.text


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_output_is_utf8_lf_with_one_final_newline(path: Path) -> None:
    result = _convert(path)
    if result is None:
        return
    assert "\r" not in result.text and result.text.endswith("}\n") and not result.text.endswith("\n\n")
    assert not result.text.startswith("\ufeff")


def _registry() -> tuple[Registry, dict[str, dict[str, Any]]]:
    schemas = {p.name: json.loads(p.read_text(encoding="utf-8")) for p in SCHEMAS.glob("*.json")}
    resources = []
    for name, schema in schemas.items():
        spec = DRAFT7 if "draft-07" in schema.get("$schema", "") else DRAFT4
        resources.append((f"https://json.schemastore.org/{name}", Resource.from_contents(schema, spec)))
    return Registry().with_resources(resources), schemas


TOP_LEVEL = ["azure-iot-edge-deployment-1.0.json", "azure-iot-edge-deployment-2.0.json",
             "azure-iot-edge-deployment-template-1.0.json", "azure-iot-edge-deployment-template-2.0.json",
             "azure-iot-edge-deployment-template-3.0.json", "azure-iot-edge-deployment-template-4.0.json"]


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.name)
def test_output_validates_against_every_schema_the_input_validated_against(path: Path, schemas_dir: Path) -> None:
    """A schemaVersion lowered by MAN003 (edgeHub 1.2 -> 1.1, all the device runs) may move the output to the
    sibling schema of the same family: it must then validate against that one."""
    result = _convert(path)
    if result is None:
        return
    registry, schemas = _registry()
    from asegui.core.jsonc import parse
    raw_input = parse(load(path.read_bytes()).text).value
    output = json.loads(result.text)
    version_lowered = any(f.code == "MAN003" and f.edits for f in result.findings)

    def validator(name: str) -> Any:
        schema = schemas[name]
        cls = Draft7Validator if "draft-07" in schema.get("$schema", "") else Draft4Validator
        return cls(schema, registry=registry)

    for name in TOP_LEVEL:
        if not validator(name).is_valid(raw_input):
            continue
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message[:200]}"
                  for e in validator(name).iter_errors(output)]
        if errors and version_lowered:
            family = [n for n in TOP_LEVEL if ("template" in n) == ("template" in name)]
            assert any(validator(n).is_valid(output) for n in family), f"{path.name}: no {name} sibling fits"
            continue
        assert not errors, f"{path.name} valid under {name}, output is not: {errors[:3]}"
