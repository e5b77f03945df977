"""The conversion core: no Qt, importable and testable alone.

Public names (the window, the command line and outside scripts use only these)::

    from asegui.core import convert, ManifestError
    result = convert(open("deployment.json", "rb").read())
    for finding in result.findings:
        print(finding.id, finding.severity, finding.message)
    open("deployment.gpu.json", "w", encoding="utf-8").write(result.text)
"""

from . import decisions
from .device import DeviceSettings
from .document import Document, load
from .emit import lines_for
from .errors import ManifestError
from .findings import AREAS, Decided, Decision, Edit, Finding, Outcome, Param, Rule, Status
from .migrate import Rendered, Result, analyze, apply, convert, preview
from .pointers import join as pointer_join
from .pointers import resolve
from .renames import map_pointer
from .rules import all_rules
from .rules import get as get_rule

__all__ = ["AREAS", "Decided", "Decision", "DeviceSettings", "Document", "Edit", "Finding", "ManifestError",
           "Outcome", "Param", "Rendered", "Result", "Rule", "Status", "all_rules", "analyze", "apply", "convert",
           "decisions", "get_rule", "lines_for", "load", "map_pointer", "pointer_join", "preview", "resolve"]
