"""What the rule table says about each rule holds: the severities and fix kinds its findings carry, its before and
after examples, its code never reused, its sources as links."""

from __future__ import annotations

from pathlib import Path

import pytest

from asegui.core import ManifestError, convert
from asegui.core import rules as registry
from asegui.core.findings import AREAS, SEVERITIES, Rule
from asegui.core.rules import RETIRED, _registry, all_rules, example_manifest, rule
from tests.conftest import SAMPLE, corpus_files

RULES = all_rules()
MANIFESTS = [*corpus_files(), SAMPLE]


def _findings(path: Path) -> list:
    try:
        return convert(path.read_bytes(), source=path.name).findings
    except ManifestError:
        return []  # the corpus's invalid files (test_corpus checks they are the known ones)


@pytest.mark.parametrize("path", MANIFESTS, ids=lambda p: p.name)
def test_every_finding_carries_a_severity_and_fix_kind_its_rule_declares(path: Path) -> None:
    wrong = [f"{f.id}: {f.severity}/{f.applicability}, {f.code} declares {'|'.join(f.rule.severities)}/"
             f"{'|'.join(f.rule.applicabilities)}" for f in _findings(path)
             if f.severity not in f.rule.severities or f.applicability not in f.rule.applicabilities]
    assert not wrong, "\n".join(wrong)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_the_usual_severity_and_fix_kind_come_first(r: Rule) -> None:
    assert r.severities[0] == r.severity and r.applicabilities[0] == r.applicability
    assert set(r.severities) <= set(SEVERITIES) and set(r.applicabilities) <= {"auto", "choice", "manual"}
    assert len(set(r.severities)) == len(r.severities) and len(set(r.applicabilities)) == len(r.applicabilities)


def test_rules_json_lists_the_other_severities_and_fix_kinds_only_when_there_are_some() -> None:
    for r in RULES:
        data = r.to_json()
        assert data["severity"] == r.severity and data["applicability"] == r.applicability
        assert data.get("severities", [r.severity]) == list(r.severities), r.code
        assert data.get("applicabilities", [r.applicability]) == list(r.applicabilities), r.code
        assert ("severities" in data) == (len(r.severities) > 1), r.code
    assert registry.get("NET006").to_json()["severities"] == ["warning", "error"]  # type: ignore[union-attr]
    assert "severities" not in registry.get("STO001").to_json()  # type: ignore[union-attr]


def test_the_usual_severity_and_fix_kind_are_the_most_common_over_the_corpus() -> None:
    """Where a rule yields more than one kind of finding, the one it declares as usual is the one the corpus shows
    most (ties keep the declaration)."""
    if not corpus_files():
        pytest.skip("../shared/corpus is not beside this checkout")
    counts: dict[str, dict[tuple[str, str], int]] = {}
    for path in corpus_files():
        for f in _findings(path):
            kinds = counts.setdefault(f.code, {})
            kinds[(f.severity, str(f.applicability))] = kinds.get((f.severity, str(f.applicability)), 0) + 1
    for code, kinds in counts.items():
        declared = registry.get(code)
        assert declared is not None
        usual = kinds.get((declared.severity, declared.applicability), 0)
        assert usual == max(kinds.values()), f"{code}: declared {declared.severity}/{declared.applicability}, " \
                                             f"the corpus has {kinds}"


# Rules whose example cannot be a small manifest, each for a reason.
NO_EXAMPLE = {
    # The checklist of external IPs the device must provide: edgeHub's Service always needs one, so every manifest
    # raises it; there is no "after" that does not.
    "NET007": "raised for every manifest (edgeHub needs an external IP)",
    # A safety net: raised only when the tool's own accepted fixes break the official schema, a defect of the tool
    # that no input is meant to show (test_device_checks covers it staying silent).
    "MAN011": "raised only by a defect of the tool's own fixes",
}


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_every_rule_has_an_example_or_a_reason(r: Rule) -> None:
    assert (r.example is None) == (r.code in NO_EXAMPLE), r.code
    assert (r.before and r.after) or r.code == "MAN011", f"{r.code}: explain shows no before/after"


@pytest.mark.parametrize("r", [r for r in RULES if r.example is not None], ids=lambda r: r.code)
def test_before_raises_the_code_and_after_does_not(r: Rule) -> None:
    before = convert(example_manifest(r, "before"), source=f"{r.code}-before.json")
    after = convert(example_manifest(r, "after"), source=f"{r.code}-after.json")
    assert r.code in {f.code for f in before.findings}, f"{r.code}: before does not raise it"
    assert r.code not in {f.code for f in after.findings}, \
        f"{r.code}: after raises it: " + "; ".join(f.message for f in after.findings if f.code == r.code)


def test_a_retired_code_cannot_be_declared_again(monkeypatch: pytest.MonkeyPatch) -> None:
    assert not RETIRED & {r.code for r in RULES}
    monkeypatch.setattr(_registry, "RETIRED", frozenset({"XYZ999"}))  # where rule() reads it
    with pytest.raises(ValueError, match="XYZ999 is retired"):
        rule("XYZ999", "gone", AREAS[0], "info", "manual", "A rule that was removed", "…", "…")
    assert "XYZ999" not in registry.REGISTRY


def test_codes_are_unique_and_well_formed() -> None:
    codes = [r.code for r in RULES]
    assert len(codes) == len(set(codes))
    prefixes = {"storage": "STO", "networking": "NET", "resources": "RES", "proxy": "PRX", "naming": "NAM",
                "platform": "PLT", "manifest": "MAN"}
    assert all(r.code[:3] == prefixes[r.area] and r.code[3:].isdigit() and len(r.code) == 6 for r in RULES)


@pytest.mark.parametrize("r", RULES, ids=lambda r: r.code)
def test_every_source_is_a_link(r: Rule) -> None:
    assert r.links, f"{r.code} has no link"
    assert all(link.startswith("https://") and " " not in link for link in r.links), r.links
    assert r.to_json()["links"] == list(r.links)
