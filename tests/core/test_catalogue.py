"""The rule catalogue: every code DESIGN requires is declared once, fully documented."""

from __future__ import annotations

from asegui.core import AREAS, all_rules, get_rule

REQUIRED = """STO001 STO002 STO003 STO004 STO005 STO006 STO007
NET001 NET002 NET003 NET004 NET005 NET006 NET007 NET008
RES001 RES002 RES003 RES004 RES005 RES006 RES007 RES008 RES009
PRX001 PRX002 PRX003
NAM001 NAM002 NAM003 NAM004 NAM005 NAM006
PLT001 PLT002 PLT003 PLT004 PLT005 PLT006 PLT007
MAN001 MAN002 MAN003 MAN004 MAN005 MAN006""".split()


def test_every_required_code_is_declared():
    declared = {r.code for r in all_rules()}
    assert sorted(set(REQUIRED) - declared) == []


def test_each_rule_is_documented_and_in_a_known_area():
    for r in all_rules():
        assert r.area in AREAS and r.code[:3] == {"storage": "STO", "networking": "NET", "resources": "RES",
                                                  "proxy": "PRX", "naming": "NAM", "platform": "PLT",
                                                  "manifest": "MAN"}[r.area]
        assert r.severity in ("error", "warning", "info")
        assert r.applicability in ("auto", "choice", "manual")
        assert len(r.title) > 8 and len(r.explanation) > 80 and len(r.source) > 10, r.code
        assert get_rule(r.code.lower()) is r


def test_rules_are_listed_in_area_order():
    areas = [r.area for r in all_rules()]
    assert areas == sorted(areas, key=AREAS.index)
