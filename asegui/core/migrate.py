"""analyze(document) -> findings; apply(document, findings, decisions) -> Result."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from msgspec import Struct, field

from .. import collector
from . import emit, rules
from .device.compile import DevicePreview, compile_device
from .device.settings import DEFAULT as DEFAULT_SETTINGS
from .device.settings import DeviceSettings
from .document import Document, ModuleRef, load
from .emit import Form
from .findings import NOTHING, Decided, Decision, Decisions, Edit, Finding, Outcome, Param, Status
from .i18n import _
from .lazy import lazy
from .patch import Conflict, apply_edits
from .pointers import resolve
from .renames import map_pointer

FORMS = ("auto", "deployable", "expanded")


def analyze(doc: Document, settings: DeviceSettings | None = None,
            progress: Callable[[int, int], object] | None = None) -> list[Finding]:
    """Every finding for the document, in catalogue order; the document is not changed. ``progress(done, total)``
    follows the rules (and may raise to stop)."""
    with collector.paused():
        return list(rules.run(doc, settings or DEFAULT_SETTINGS, progress))


class Rendered(Struct, dict=True):
    text: str
    spans: dict[str, tuple[int, int]]


class Result(Struct, dict=True):
    """The outcome of one conversion: findings with their decisions applied, and the output."""

    document: Document
    findings: list[Decided]      # each finding with what this result decided of it
    root: Any                    # the output, expanded (createOptions as objects)
    form: Form
    conflicts: list[Conflict] = field(default_factory=list)
    renames: dict[str, str] = field(default_factory=dict)
    stale_decisions: list[str] = field(default_factory=list)
    settings: DeviceSettings = DEFAULT_SETTINGS
    device: DevicePreview | None = None  # what the device creates from ``root``
    _input_count: int = 0
    _context: Decisions = field(default_factory=Decisions)
    _cache: dict[tuple[str, str], Rendered] = field(default_factory=dict)
    # (the expanded output of the result this one was re-applied from, the input and output pointers of the one
    # module that differs; None: none differs): this result's expanded output is that text with the module anew
    _base: tuple[Rendered, str | None, str | None] | None = None
    # once the expanded output is made so: (the module's input pointer, its first output line, its last line in the
    # earlier text, the lines it gained, negative if it lost some), from which the window's diff is spliced too
    splice: tuple[str, int, int, int] | None = None
    _warned: dict[str, list[str]] = field(default_factory=dict)  # output_warnings by module (input pointer)

    @lazy
    def text(self) -> str:
        """The output manifest in the requested form (made on first use: the window re-applies on every
        decision but needs this text only to export)."""
        doc = self.document
        with collector.paused():
            shaped = emit.shape(doc, self.root, self.form, self.renames, self.kept_pieces) \
                if self.form != "expanded" else self.root
            return emit.dumps(shaped, doc.indent())

    @lazy
    def kept_pieces(self) -> frozenset[str]:
        """Modules whose createOptions pieces MAN004 would rewrite (comments, renumbering, oversize pieces) and whose
        rewrite was rejected: written back as the input had them."""
        kept = set()
        for finding in self.findings:
            if finding.code == "MAN004" and finding.applicability == "auto" and not finding.accepted:
                ref = self.document.module(finding.module or "")
                if ref is not None:
                    kept.add(ref.pointer)
        return frozenset(kept)

    @lazy
    def output_warnings(self) -> list[str]:
        """What the output itself would run into, which no finding of the input could say: a module whose
        createOptions the accepted fixes (``k8s-experimental`` settings, mounts) made longer than 8 pieces of
        512 characters, though the input's fitted (MAN001 reports an input already too long). Made on first
        use: the CLI, the report and the window ask; a re-apply per decision does not need it. A result re-applied
        to one module takes the others' from the result it came from."""
        warnings = []
        for module in self.document.modules:
            found = self._warned.get(module.pointer)
            if found is None:
                found = self._warned[module.pointer] = self._module_warnings(module)
            warnings += found
        return warnings

    def _module_warnings(self, module: ModuleRef) -> list[str]:
        if module.co_form in ("absent", "invalid"):
            return []
        before = resolve(self.document.root, module.create_options_pointer)
        after = resolve(self.root, map_pointer(module.create_options_pointer, self.renames))
        if not isinstance(after, dict) or after == before:
            return []
        warnings = []
        if module.pointer in self.kept_pieces:
            warnings.append(_("createOptions of module \"{module}\" is rewritten although its MAN004 rewrite was "
                              "rejected: accepted fixes changed it, and changed pieces are written as strict JSON "
                              "in pieces of 512").format(module=module.name))
        limit = emit.MAX_CREATE_OPTIONS
        length = len(emit.compact(after))
        if length > limit >= len(emit.compact(before)):
            warnings.append(_("After the accepted fixes, createOptions of module \"{module}\" is {length} "
                              "characters of compact JSON, more than the {limit} (8 pieces of 512) the IoT Edge "
                              "tools can rebuild or edit: shorten it (see MAN001)")
                            .format(module=module.name, length=length, limit=limit))
        return warnings

    @property
    def input_sha256(self) -> str:
        import hashlib  # on first use: the window's first frame does not need it

        return hashlib.sha256(self.document.data).hexdigest()

    def summary(self) -> dict[str, int]:
        counts = {"error": 0, "warning": 0, "info": 0}
        for finding in self.findings:
            counts[finding.severity] += 1
        return counts

    @property
    def unresolved_errors(self) -> list[Decided]:
        """Error findings that still need a person: a value to give, a manual step to acknowledge, or a rejected fix
        to give a reason for (the note)."""
        return [f for f in self.findings if f.severity == "error" and not f.resolved]

    @property
    def exit_code(self) -> int:
        return 1 if self.unresolved_errors else 0

    def check_device(self, decisions: Mapping[str, Decision | Mapping[str, Any]] | None = None) -> list[Decided]:
        """Compile what the device will create and append the device-phase findings, decided by ``decisions`` (the
        ones :func:`apply` was given); once per result. Reads only this result, so it may run on another thread
        while nothing else changes the result; returns the findings it added."""
        if self.device is not None:
            return self.findings[self._input_count:]
        doc, renames = self.document, self.renames
        with collector.paused():
            device = compile_device(doc, self.root, renames, self.settings)
            found = list(rules.run_device(rules.DeviceContext(doc, self.root, self.form, renames, device)))
            on_device, unknown = decide(found, decisions, self._context)
        self._input_count = len(self.findings)
        self.stale_decisions = [key for key in self.stale_decisions if key in set(unknown)]
        self.findings = self.findings + on_device
        self.device = device
        return on_device

    def render(self, side: str = "output", form: Form = "expanded") -> Rendered:
        """Text and pointer->line spans of the input or the output, in a form (for the window)."""
        doc = self.document
        # The input side never changes: it is rendered once per document, not once per decision.
        cache = doc.cache.setdefault("rendered", {}) if side == "input" else self._cache
        key = (side, form)
        if key not in cache and side == "output" and form == "expanded" and self._base is not None:
            base, place, module = self._base
            self._base = None  # used once: it holds the earlier result's text
            if place is None:
                cache[key] = base
            else:
                with collector.paused():
                    spliced = emit.respliced(base.text, base.spans, place, resolve(self.root, place),
                                             doc.indent())
                if spliced is not None:
                    cache[key] = Rendered(*spliced)
                    first, last = base.spans[place]
                    self.splice = (module or "", first, last, spliced[1][place][1] - last)
        if key not in cache:
            with collector.paused():
                if side == "input":
                    root = emit.shape(doc, doc.root, form)
                else:
                    root = emit.shape(doc, self.root, form, self.renames, self.kept_pieces)
                indent = doc.indent()
                cache[key] = Rendered(emit.dumps(root, indent), emit.line_map(root, indent))
        rendered: Rendered = cache[key]
        return rendered


def decide(findings: list[Finding], decisions: Mapping[str, Decision | Mapping[str, Any]] | None,
           context: Decisions | None = None) -> tuple[list[Decided], list[str]]:
    """Each finding as ``decisions`` settle it (acceptance, values, status, edits), and the decision ids that match
    no finding. The findings are not changed: the outcomes are new, and ``context`` (made when not given) ties
    them to one result."""
    decisions = decisions or {}
    context = context or Decisions()
    known = set()
    decided = []
    for finding in findings:
        if decisions:  # ids are made on first use: without decisions, none is needed
            known.add(finding.id)
            decision = _as_decision(decisions.get(finding.id))
        else:
            decision = _NO_DECISION
        decided.append(Decided(finding, _outcome(finding, decision), context))
    return decided, [key for key in decisions if key not in known]


def _outcome(finding: Finding, decision: Decision) -> Outcome:
    values: Mapping[str, Any] = NOTHING
    problems: Mapping[str, str] = NOTHING
    if finding.params:
        values, problems = _settle(finding.params, decision)
    accepted = bool(finding.accepted_by_default if decision.accepted is None else decision.accepted)
    edits: tuple[Edit, ...] = ()
    if finding.applicability == "manual":
        if finding.severity == "info":
            status = Status.INFO
        else:
            status = Status.ACKNOWLEDGED if accepted else Status.OPEN
    elif not accepted:
        if decision.accepted is not False:
            status = Status.OFF
        elif finding.severity == "error" and not decision.note.strip():
            status = Status.REASON_NEEDED  # an error left in the output: settled once a person says why
        else:
            status = Status.REJECTED
    elif problems:
        status = Status.NEEDS_INPUT
    else:
        edits = tuple(finding.build(values if type(values) is dict else {})) if finding.build else ()
        confirmed = decision.accepted is True or bool(decision.params)
        status = Status.REVIEW if finding.applicability == "choice" and not confirmed else Status.APPLIED
    return Outcome(accepted, values, status, edits, problems, decision.note)


_NO_DECISION = Decision()  # shared, never changed: most findings have no decision


def _settle(params: tuple[Param, ...], decision: Decision) -> tuple[dict[str, Any], dict[str, str]]:
    """(values, problems) of a finding's parameters: the decision's value or the default, coerced when valid."""
    values: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for param in params:
        value = decision.params[param.name] if param.name in decision.params else param.default
        problem = param.problem(value)
        if problem:
            problems[param.name] = problem
        else:
            value = param.coerce(value)
        values[param.name] = value
    return values, problems


def _as_decision(value: Decision | Mapping[str, Any] | None) -> Decision:
    if value is None:
        return Decision()
    if isinstance(value, Decision):
        return value
    if not isinstance(value, Mapping):  # a caller's mistake, not the manifest's: say which
        raise TypeError(f"a decision is a Decision or a mapping with accepted/params/note, not {type(value).__name__}")
    accepted = value.get("accepted")
    params = value.get("params")
    note = value.get("note")
    return Decision(accepted=accepted if isinstance(accepted, bool) else None,
                    params=dict(params) if isinstance(params, Mapping) else {},
                    note=note if isinstance(note, str) else "")


def apply(doc: Document, findings: list[Finding],
          decisions: Mapping[str, Decision | Mapping[str, Any]] | None = None, form: Form = "auto",
          settings: DeviceSettings | None = None, device: bool = True) -> Result:
    """Decide, apply the accepted edits to a copy, and check what the device will create from it.

    The findings are not changed: the result owns what was decided of them (``result.findings``), so results of
    one analysis under different decisions stand side by side. ``device=False`` leaves the device phase
    (compiling the objects, the device-phase rules) to a later :meth:`Result.check_device`: the window re-applies
    on every decision and runs that part off its UI thread."""
    if form not in FORMS:
        raise ValueError(f"form must be one of {FORMS}, not {form!r}")
    settings = settings or DEFAULT_SETTINGS
    context = Decisions()
    with collector.paused():
        decided, stale = decide(findings, decisions, context)
        root, conflicts, renames = apply_edits(doc.root, [d for d in decided if d.outcome.edits])
    context.renames = renames
    result = Result(document=doc, findings=decided, root=root, form=form, conflicts=conflicts,
                    renames=renames, stale_decisions=stale, settings=settings, _context=context)
    if device:
        result.check_device(decisions)
    return result


def preview(result: Result, settings: DeviceSettings | None = None) -> list[dict[str, Any]]:
    """The Kubernetes objects the GPU device's runtime creates from ``result``'s converted manifest, in the order it
    applies them; registry passwords are masked. ``settings`` other than the result's compile it again."""
    if settings is None or settings == result.settings:
        device = result.device or compile_device(result.document, result.root, result.renames, result.settings)
    else:
        device = compile_device(result.document, result.root, result.renames, settings)
    return device.objects


def convert(data: bytes, decisions: Mapping[str, Decision | Mapping[str, Any]] | None = None,
            form: Form = "auto", source: str | None = None, settings: DeviceSettings | None = None) -> Result:
    """The public entry point: bytes of a manifest in, findings and the GPU manifest out.

    Raises :class:`ManifestError` (with ``line`` and ``column`` where known) for input that
    cannot be read as a deployment manifest.
    """
    with collector.paused():
        doc = load(data, source)
        return apply(doc, analyze(doc, settings), decisions, form, settings)
