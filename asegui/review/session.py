"""The state of one review, without Qt: the document, the decisions, undo and redo.

The window asks this object for everything it shows; it holds no migration logic of its own.
Analysis runs once per document; every change of a decision re-runs ``apply`` (cheap), so the
output pane, the counts and the export always come from the same ``Result``.

The device phase of a result (compiling the objects the device creates and checking them) may be left to a
runner the window gives (:attr:`Session.run_device`, a worker thread): the GPU manifest is shown at once, and the
findings on the device's objects follow when :meth:`Session.device_ready` is called with the phase. Until then
the session shows the previous device findings and objects (:attr:`Session.device_pending` says so); export,
reports and saved decisions call :meth:`Session.complete` first.
"""

from __future__ import annotations

import copy
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from msgspec import Struct

from ..core import (
    AREAS,
    Decided,
    Decision,
    DeviceSettings,
    Document,
    Finding,
    Rendered,
    Result,
    analyze,
    apply,
    decisions,
    get_rule,
    lines_for,
    load,
    map_pointer,
    pointer_join,
    resolve,
)
from ..core.i18n import _
from ..core.reapply import reapply, same
from ..core.redact import redact_text
from .diff import Changes, Opcodes, diff_lines, text_lines
from .spliced import spliced_anchors, spliced_changes
from .undo import UndoStack

if TYPE_CHECKING:
    from ..core.device.compile import DevicePreview

NEEDS_ME = ("needs input", "open", "rejected, reason needed")
KEPT = 8  # masked texts and mapped pointer lists kept (most recent), across both sides and forms


def needs_me(finding: Decided) -> bool:
    """The finding waits for a person: a value to give, a manual step to acknowledge, or the reason an error's fix
    was rejected."""
    return finding.status in NEEDS_ME


class Step(Struct, dict=True):
    """One undoable change: the decisions (and the device's settings) before and after it."""

    label: str
    before: dict[str, Decision]
    after: dict[str, Decision]
    settings_before: DeviceSettings | None = None  # None: the step leaves the settings alone
    settings_after: DeviceSettings | None = None


class DefaultsApplied(Struct, frozen=True, dict=True):
    """What :meth:`Session.use_defaults` changed, by kind (each finding counted once)."""

    confirmed: int = 0   # applied with a proposed value, now confirmed
    turned_on: int = 0   # on by default but rejected: applied again
    turned_off: int = 0  # off by default (a limit on every module…) but turned on: not applied any more
    left_off: int = 0    # off by default and not applied: left so (not counted in ``changed``)

    @property
    def changed(self) -> int:
        """Findings whose decision changed."""
        return self.confirmed + self.turned_on + self.turned_off

    def text(self) -> str:
        """In words, e.g. "3 confirmed, 1 turned off; 2 off by default left off"."""
        parts = [words.format(count=count) for count, words in (
            (self.confirmed, _("{count} confirmed")), (self.turned_on, _("{count} turned on")),
            (self.turned_off, _("{count} turned off"))) if count]
        said = ", ".join(parts) or _("nothing changed")
        if self.left_off:
            said += "; " + _("{count} off by default left off").format(count=self.left_off)
        return said


class _Earlier(Struct):
    """The expanded side of the result before one re-applied to one module: its diff, anchors and output, from which
    the new result's are spliced (:mod:`.spliced`)."""

    changes: Changes
    anchors: list[tuple[int, int]] | None
    output: Rendered


class DevicePhase:
    """The device phase of one result, decided by the decisions it was applied with: run once, on any thread
    (:meth:`Result.check_device` reads only its result, and the lock keeps a worker and :meth:`Session.complete`
    from running it at the same time)."""

    def __init__(self, result: Result, chosen: dict[str, Decision]) -> None:
        self.result = result
        self.decisions = chosen  # the session's dict of that moment: it is replaced, never changed, by a decision
        self.superseded = False  # a newer apply came: a worker that has not started it skips it
        self.done = False
        self._lock = threading.Lock()

    def run(self) -> None:
        with self._lock:
            if not self.done:
                self.result.check_device(self.decisions)
                self.done = True


class Session:
    """One open manifest and the decisions taken on it."""

    def __init__(self, data: bytes, path: str | None = None, display_name: str | None = None,
                 defer_device: bool = False, progress: Callable[[int, int], object] | None = None) -> None:
        """``defer_device``: leave the first result's device phase pending for the runner the window gives next
        (:meth:`start_device`), so opening a file paints before the device's objects are compiled and checked.
        ``progress(done, total)``: as the analysis goes, rule by rule (it may raise to stop the opening)."""
        self.path = path
        self.display_name = display_name or (Path(path).name if path else "manifest.json")
        self.document: Document = load(data, path or self.display_name)  # raises ManifestError
        self.settings = DeviceSettings()
        # Input findings depend on the device's settings (a GPU count, a service type) and on nothing else: kept
        # per settings, so switching back and forth (or undoing it) does not analyze again.
        self._analyzed: dict[DeviceSettings, list[Finding]] = {
            self.settings: analyze(self.document, self.settings, progress)}
        self.analyzed: list[Finding] = self._analyzed[self.settings]
        self._by_id: dict[str, Decided] = {}  # the current result's decided input findings (set by _apply)
        self._device_by_id: dict[str, Decided] = {}
        self.decisions: dict[str, Decision] = {}
        self.history: UndoStack[Step] = UndoStack()
        self.stale: list[str] = []
        self.listeners: list[Callable[[], None]] = []
        # The window's runner of device phases (on a worker); None: each apply runs its device phase at once.
        self.run_device: Callable[[DevicePhase], None] | None = None
        self.device_listeners: list[Callable[[], None]] = []  # a device phase finished after its apply
        self._device_findings: list[Decided] = []  # of the last device phase finished (shown until the next one)
        self._device: DevicePreview | None = None
        self._phase: DevicePhase | None = None
        self._input_findings: list[Decided] = []
        self._findings: list[Decided] = []  # shown: the result's, or while its device phase runs, see findings
        self._changes: dict[str, Changes] = {}
        self._earlier: _Earlier | None = None  # what the result before a re-applied one showed (see _apply)
        self._counts: dict[str | None, dict[str, int]] = {}  # of the findings shown, by area (None: all)
        self._ids: tuple[list[Decided] | None, list[str]] = (None, [])  # the findings shown and their ids
        self._following: tuple[list[Finding] | None, list[str]] = (None, [])  # see _followers
        self.revision = 0  # one more for every result or device phase taken in (see revised_since)
        self._whole_since = 0  # the revision of the last whole apply: every outcome may have changed then
        self._revised: dict[str, int] = {}  # a finding id -> the revision its outcome last changed at
        self._memo: dict[tuple[str, str], Any] = {}  # derived from the current result
        self._written: tuple[str, dict[str, tuple[int, int]]] | None = None
        # derived from the document alone, so kept across decisions (a toggle re-renders one module):
        self._segments: dict[tuple[tuple[str, ...], tuple[str, ...]], Opcodes] = {}
        self._masked: dict[str, str] = {}
        self._lines_of: dict[str, list[str]] = {}
        self._mapped: dict[tuple[str, frozenset[tuple[str, str]]], list[tuple[int, str]]] = {}
        self.result: Result
        self._defer = defer_device
        self._apply()
        self._defer = False

    def prepare(self, form: str = "expanded") -> None:
        """Make what showing the session first needs (both sides' text, their differences, the scroll anchors):
        on a worker thread while a large file opens, so the window's own work after it is only the widgets'."""
        self.changes(form)
        self.anchors(form)
        for side in ("input", "output"):
            self.masked(self.rendered(side, form)[0])  # the panes show secrets masked

    # -- reading -----------------------------------------------------------------------------------------------
    @property
    def input_sha256(self) -> str:
        return self.result.input_sha256

    @property
    def findings(self) -> list[Decided]:
        """Every finding the checklist shows: the input's, then those on the objects the device creates (which
        come and go with the decisions: a fix can make two modules' volumes collide, a GPU limit exceed the
        device's). While the device phase is pending, those of the last phase finished."""
        return self._findings

    @property
    def device_pending(self) -> bool:
        """The current result's device phase has not been taken in yet (its worker is running or queued)."""
        return self._phase is not None

    @property
    def device(self) -> DevicePreview | None:
        """The objects the device creates, from the last device phase finished."""
        return self._device

    def finding(self, finding_id: str) -> Decided:
        found = self._by_id.get(finding_id) or self._device_by_id.get(finding_id)
        if found is None:
            raise KeyError(finding_id)
        return found

    def has_finding(self, finding_id: str) -> bool:
        return finding_id in self._by_id or finding_id in self._device_by_id

    def ids(self) -> list[str]:
        """The ids of the findings shown, in order (listed once per list of findings: the checklist asks on every
        decision whether they are still the ones it shows)."""
        if self._ids[0] is not self._findings:
            self._ids = (self._findings, [f.id for f in self._findings])
        return list(self._ids[1])

    def areas(self) -> list[str]:
        """Areas that have findings, in catalogue order (unknown areas last)."""
        present = {f.area for f in self.findings}
        return [a for a in AREAS if a in present] + sorted(present - set(AREAS))

    def counts(self, area: str | None = None) -> dict[str, int]:
        """How many findings (of one area, or all) there are, by severity, accepted and waiting for a person:
        counted once per result (the window asks for every area and the whole on each decision)."""
        if not self._counts:  # every area's and the whole's, in one pass over the findings
            self._counts[None] = _no_counts()
            for finding in self.findings:
                for key in (None, finding.area):
                    counts = self._counts.get(key)
                    if counts is None:
                        counts = self._counts[key] = _no_counts()
                    counts["total"] += 1
                    counts[finding.severity] = counts.get(finding.severity, 0) + 1
                    counts["needs_me"] += needs_me(finding)
                    counts["accepted"] += finding.accepted
        return dict(self._counts.get(area) or _no_counts())

    def revised_since(self, revision: int) -> set[str] | None:
        """The ids of findings whose outcome may have changed since :attr:`revision` was ``revision``; None when any
        may have (a whole apply): the checklist rewrites those rows only."""
        if revision < self._whole_since:
            return None
        return {key for key, changed_at in self._revised.items() if changed_at > revision}

    def rendered(self, side: str, form: str = "expanded") -> tuple[str, dict[str, tuple[int, int]]]:
        shown = self.result.render(side, form)  # type: ignore[arg-type]
        return shown.text, shown.spans

    def masked(self, text: str) -> str:
        """``text`` with registry passwords and secret env values masked (the secrets are the document's)."""
        found = self._masked.pop(text, None)
        if found is None:
            found = redact_text(text, self.document)
        self._masked[text] = found  # the most recently used last
        if len(self._masked) > KEPT:
            del self._masked[next(iter(self._masked))]
        return found

    def changes(self, form: str = "expanded") -> Changes:
        if form not in self._changes:
            before = self._lines(form)
            after, _spans = self.rendered("output", form)
            anchors = self.anchors(form)
            spliced = self._memo.get(("spliced", form))
            earlier = self._earlier if form == "expanded" else None
            if earlier is not None and self._same_output(earlier):
                self._changes[form] = earlier.changes
            elif earlier is not None and spliced is not None and self.result.splice:
                self._changes[form] = spliced_changes(earlier.changes, before, text_lines(after), spliced,
                                                      self.result.splice[3], self._segments)
            else:
                self._changes[form] = diff_lines(before, after, anchors, self._segments)
        return self._changes[form]

    def _lines(self, form: str) -> list[str]:
        """The lines of the input side, split once per document."""
        if form not in self._lines_of:
            self._lines_of[form] = text_lines(self.rendered("input", form)[0])
        return self._lines_of[form]

    def _mapped_input(self, form: str) -> list[tuple[int, str]]:
        """Each input place's first line and its pointer in the output: the same for the same renames."""
        renames = self.result.renames
        key = (form, frozenset(renames.items()))
        if key not in self._mapped:
            if len(self._mapped) >= KEPT:
                del self._mapped[next(iter(self._mapped))]
            _text, before = self.rendered("input", form)
            self._mapped[key] = [(first, map_pointer(pointer, renames)) for pointer, (first, _last) in before.items()]
        return self._mapped[key]

    def written(self) -> tuple[str, dict[str, tuple[int, int]]]:
        """The input's own text (comments, spacing, createOptions as written) and where each value is in it."""
        if self._written is None:  # the document's alone: kept across decisions
            from ..core.written import spans as written_spans  # the first frame does not show it

            text = self.document.text.replace("\r\n", "\n")
            self._written = (text, written_spans(text))
        return self._written

    def lines(self, finding: Decided, side: str, form: str = "expanded") -> list[tuple[int, int]]:
        """Line ranges to highlight for a finding on one side ("input", "output", or "written": the input as
        written)."""
        if side == "written":
            if finding.source_lines:
                return [(line, line) for line in finding.source_lines]
            _text, written = self.written()
            pointers = finding.places or (finding.pointer,)
            return sorted({found for found in (lines_for(written, p) for p in pointers) if found} - {written.get("")})
        _text, spans = self.rendered(side, form)
        if finding.places:
            renames = self.result.renames
            pointers = finding.places if side == "input" else [map_pointer(p, renames) for p in finding.places]
            return sorted({found for found in (lines_for(spans, p) for p in pointers) if found})
        if side == "input":
            found = lines_for(spans, finding.pointer)
            return [found] if found else []
        ranges: list[tuple[int, int]] = []
        for pointer in self._output_pointers(finding):
            found = lines_for(spans, pointer)
            if found and found not in ranges and found != spans.get(""):
                ranges.append(found)
        # a removed member falls back to its container: keep the most precise places only
        precise = [r for r in ranges if not any(o != r and r[0] <= o[0] and o[1] <= r[1] for o in ranges)]
        return sorted(precise) or ([spans[""]] if "" in spans else [])

    def _output_pointers(self, finding: Decided) -> list[str]:
        renames = self.result.renames
        pointers = [finding.output_pointer or map_pointer(finding.pointer, renames)]
        for edit in finding.edits:
            pointer = map_pointer(edit.path, renames)
            if edit.op == "append":  # point at the element appended, not the whole array
                array = resolve(self.result.root, pointer)
                if isinstance(array, list):
                    matches = [i for i, item in enumerate(array) if item == edit.value]
                    if matches:
                        pointer = f"{pointer}/{matches[-1]}"
            elif edit.op == "rename" and isinstance(edit.value, str):
                pointer = pointer_join(pointer[:pointer.rfind("/")], edit.value)
            pointers.append(pointer)
        return pointers

    def anchors(self, form: str = "expanded") -> list[tuple[int, int]]:
        """(input line, output line) pairs of places present on both sides, increasing on both.

        Scrolling is kept in step through these, so a module stays beside itself even when the
        two sides differ in length.
        """
        if ("anchors", form) in self._memo:
            return self._memo[("anchors", form)]
        _b, after = self.rendered("output", form)
        found = self._spliced_anchors(form)
        if found is not None:
            self._memo[("anchors", form)] = found
            return found
        pairs = []
        for first, pointer in self._mapped_input(form):
            target = after.get(pointer)
            if target:
                pairs.append((first, target[0]))
        pairs.sort()
        kept: list[tuple[int, int]] = []
        for left, right in pairs:
            if not kept or (left > kept[-1][0] and right > kept[-1][1]):
                kept.append((left, right))
        self._memo[("anchors", form)] = kept
        return kept

    def _spliced_anchors(self, form: str) -> list[tuple[int, int]] | None:
        """The anchors of a result re-applied to one module, from the earlier result's (see :mod:`.spliced`)."""
        earlier = self._earlier if form == "expanded" else None
        if earlier is None or earlier.anchors is None:
            return None
        if self._same_output(earlier):
            return earlier.anchors
        splice = self.result.splice
        if splice is None:
            return None
        module, first, last, shift = splice
        _text, before = self.rendered("input", form)
        _text, after = self.rendered("output", form)
        lines = before.get(module)
        if lines is None:
            return None
        top, bottom = lines
        inside = [(line, after[pointer][0]) for line, pointer in self._mapped_input(form)
                  if top <= line <= bottom and pointer in after]
        spliced = spliced_anchors(earlier.anchors, lines, (first, last), shift, inside)
        if spliced is None:
            return None
        self._memo[("spliced", form)] = spliced
        return spliced.anchors

    def _same_output(self, earlier: _Earlier) -> bool:
        """The current result's expanded output is the earlier result's own (its decision changed no edit)."""
        return earlier.output is self.result.render("output", "expanded")

    def unresolved_errors(self) -> list[Decided]:
        """The error findings shown that still need a person (after :meth:`complete`: the result's own)."""
        return [f for f in self.findings if f.severity == "error" and not f.resolved]

    def export_bytes(self) -> bytes:
        """Exactly what `asegui-cli convert` writes for the same decisions."""
        self.complete()
        return self.result.text.encode("utf-8")

    def decisions_bytes(self) -> bytes:
        """The decisions file, with the device's settings: a replay compiles the same objects."""
        self.complete()
        return decisions.dumps(self.result.findings, self.input_sha256, settings=self.settings).encode("utf-8")

    def start_device(self) -> None:
        """Hand a pending device phase to the runner (the window's worker) once there is one."""
        phase = self._phase
        if phase is not None and phase.done:  # it ran while the window showed another document: take it now
            self.device_ready(phase)
        elif phase is not None and self.run_device is not None:
            self.run_device(phase)

    def complete(self) -> bool:
        """Finish the current result's device phase here and now if it is pending (a worker running it is waited
        for), so an export, a report or a decisions file comes from a whole result; True if it was pending."""
        phase = self._phase
        return phase is not None and self.device_ready(phase)

    def device_ready(self, phase: DevicePhase) -> bool:
        """Take in a device phase a worker finished (on the thread the session lives on); a phase of an earlier
        apply is dropped. Runs the phase if the worker did not (or failed: its error is raised here).
        The device listeners are told; returns whether the phase was the current one."""
        if phase is not self._phase:
            return False
        phase.run()
        self._take_device(phase.result)
        for listener in list(self.device_listeners):
            listener()
        return True

    # -- changing ----------------------------------------------------------------------------------------------
    def current(self, finding_id: str) -> Decision:
        return copy.deepcopy(self.decisions.get(finding_id, Decision()))

    def set_accepted(self, finding_id: str, accepted: bool, label: str = "") -> None:
        decision = self.current(finding_id)
        if self.finding(finding_id).accepted == accepted and decision.accepted == accepted:
            return
        decision.accepted = accepted
        self._change(label or f"accept {finding_id}", {finding_id: decision})

    def set_param(self, finding_id: str, name: str, value: Any, label: str = "") -> str | None:
        """Give a parameter a value; returns the reason it is refused (nothing changes then)."""
        finding = self.finding(finding_id)
        param = next(p for p in finding.params if p.name == name)
        problem = param.problem(value)
        if problem:
            return problem
        value = param.coerce(value)
        if finding.values.get(name) == value and name in self.current(finding_id).params:
            return None
        decision = self.current(finding_id)
        decision.params[name] = value
        if decision.accepted is None and not finding.accepted:
            decision.accepted = True  # giving a value for a fix means wanting the fix
        self._change(label or f"set {name}", {finding_id: decision})
        return None

    def set_note(self, finding_id: str, note: str, label: str = "") -> None:
        """Say why (one undoable step): a rejected error's fix is settled once its note gives a reason."""
        decision = self.current(finding_id)
        if decision.note == note:
            return
        decision.note = note
        self._change(label or f"note on {finding_id}", {finding_id: decision})

    def accept_defaults(self, area: str | None = None, label: str = "") -> int:
        """:meth:`use_defaults`, returning how many findings it changed (what the window's message counts)."""
        return self.use_defaults(area, label).changed

    def use_defaults(self, area: str | None = None, label: str = "") -> DefaultsApplied:
        """Give every fix (of one area, or all) its default decision, as one undoable step, and say what changed.

        A fix on by default is applied (a proposed value confirmed, a rejected fix turned back on); one off by
        default (a memory and CPU limit on every module…) is not applied. Values a person gave and notes stay.
        Manual steps are left alone: acknowledging them is for a person who has done them. The step's label ends
        with the summary, so undo and redo say what they take back.
        """
        changed: dict[str, Decision] = {}
        counts = dict.fromkeys(("confirmed", "turned_on", "turned_off", "left_off"), 0)
        for finding in self.findings:
            if area is not None and finding.area != area:
                continue
            if finding.applicability == "manual":
                continue
            on = bool(finding.accepted_by_default)
            if not on and not finding.accepted:  # not applied, as by default (rejected or not)
                counts["left_off"] += 1
                continue
            if on and finding.accepted and finding.status != "review":
                continue  # applied as by default (or waiting for a value the fix has no default for)
            kind = "turned_off" if not on else "turned_on" if not finding.accepted else "confirmed"
            counts[kind] += 1
            decision = self.current(finding.id)
            decision.accepted = True if on else None
            changed[finding.id] = decision
        summary = DefaultsApplied(**counts)
        if changed:
            self._change(f"{label or 'accept defaults'}: {summary.text()}", changed)
        return summary

    def replace_decisions(self, chosen: dict[str, Decision], label: str = "",
                          settings: DeviceSettings | None = None) -> list[str]:
        """Load a decisions file's content (and the device's settings saved with it) as one undoable step;
        returns ids that match no finding.

        A decision on a finding about the device's objects is kept though no such finding is there yet: the
        other decisions loaded with it may bring it back."""
        known = set(self.ids())
        new = {key: copy.deepcopy(value) for key, value in chosen.items()
               if key in known or _device_phase(key)}
        before = copy.deepcopy(self.decisions)
        changed = settings is not None and settings != self.settings
        self._record(Step(label or "load decisions", before, new, self.settings if changed else None,
                          settings if changed else None))
        self.complete()  # which decisions on the device's objects match nothing is known after the device phase
        return [key for key in chosen if key not in new or key in self.stale]

    def set_settings(self, settings: DeviceSettings, label: str = "") -> None:
        """Convert for another device (GPUs, service type): one undoable step; the decisions stay."""
        if settings == self.settings:
            return
        self._record(Step(label or "device settings", copy.deepcopy(self.decisions), copy.deepcopy(self.decisions),
                          self.settings, settings))

    def _change(self, label: str, updates: dict[str, Decision]) -> None:
        before = copy.deepcopy(self.decisions)
        after = copy.deepcopy(self.decisions)
        after.update(updates)
        self._record(Step(label, before, after))

    def _record(self, step: Step) -> None:
        self.history.push(step)
        self._set(step.after, step.settings_after)

    @property
    def undo_stack(self) -> list[Step]:
        """The steps that can be undone, oldest first."""
        return self.history.done

    @property
    def can_undo(self) -> bool:
        return self.history.can_undo

    @property
    def can_redo(self) -> bool:
        return self.history.can_redo

    @property
    def modified(self) -> bool:
        """The decisions differ from the ones last saved (or opened)."""
        return self.history.modified

    def mark_saved(self) -> None:
        self.history.mark_saved()

    def undo(self) -> str | None:
        step = self.history.undo()
        if step is None:
            return None
        self._set(step.before, step.settings_before)
        return step.label

    def redo(self) -> str | None:
        step = self.history.redo()
        if step is None:
            return None
        self._set(step.after, step.settings_after)
        return step.label

    def _set(self, chosen: dict[str, Decision], settings: DeviceSettings | None = None) -> None:
        previous = self.decisions
        self.decisions = copy.deepcopy(chosen)
        changed: set[str] | None = None
        if settings is not None and settings != self.settings:
            self._use_settings(settings)
        else:
            changed = {key for key in previous.keys() | self.decisions.keys()
                       if not same(previous.get(key), self.decisions.get(key))}
        self._apply(changed)
        for listener in list(self.listeners):
            listener()

    def _use_settings(self, settings: DeviceSettings) -> None:
        """Analyze for other settings (once per settings: the input findings of each are kept)."""
        if settings not in self._analyzed:
            self._analyzed[settings] = analyze(self.document, settings)
        self.settings = settings
        self.analyzed = self._analyzed[settings]

    def _apply(self, changed: set[str] | None = None) -> None:
        """Apply the decisions (the result becomes the current one), then its device phase, at once or on the
        runner. ``changed``: the findings whose decisions are all that differ from the current result's; a change
        that one module's edits carry is applied to that module alone (:func:`reapply`, which gives what apply
        would)."""
        # as asegui-cli convert, the device phase apart: with a runner it follows on a worker
        result = reapply(self.result, self.analyzed, self.decisions, changed) if changed else None
        reapplied = result is not None
        # a result re-applied to one module: its diff and anchors are the earlier ones', that module's found again
        self._earlier = None
        if result is not None and "expanded" in self._changes:
            self._earlier = _Earlier(self._changes["expanded"], self._memo.get(("anchors", "expanded")),
                                     self.result.render("output", "expanded"))
        self._changes = {}
        self._memo = {}
        counted, decided_before, shown_before = self._counts, self._by_id, len(self._findings)
        self._counts = {}
        self.revision += 1
        if result is None:
            result = apply(self.document, self.analyzed, self.decisions, "auto", self.settings, device=False)
            self._whole_since = self.revision
            self._revised = {}
        else:  # the changed findings, and those whose texts follow other findings' outcomes
            self._revised.update(dict.fromkeys((*(changed or ()), *self._followers()), self.revision))
        if self._phase is not None:
            self._phase.superseded = True
        self.result = result
        self._input_findings = result.findings
        # what this result decided of each finding (a finding is a fact; its outcome is the result's)
        self._by_id = {f.id: f for f in result.findings}
        phase = DevicePhase(result, self.decisions)
        if self.run_device is None and self._defer:  # the window's runner takes it (start_device)
            self._phase = phase
            self._findings = list(self._input_findings)
        elif self.run_device is None:
            phase.run()
            self._take_device(result)
        else:
            self._phase = phase
            self._findings = self._input_findings + self._device_findings
            if reapplied and counted and len(self._findings) == shown_before:  # only the changed count anew
                self._counts = _recounted(counted, [(decided_before[key], self._by_id[key]) for key in changed or ()
                                                    if key in decided_before and key in self._by_id])
            self.run_device(phase)

    def _followers(self) -> list[str]:
        """The ids of the findings whose message or todo names what other findings' decisions make (STO005 the
        shares their mounts become): their texts may change with any decision."""
        if self._following[0] is not self.analyzed:
            self._following = (self.analyzed, [f.id for f in self.analyzed if type(f).describe is not Finding.describe])
        return self._following[1]

    def _take_device(self, result: Result) -> None:
        """The device phase of ``result`` (the current one) is done: show its findings and objects."""
        self._phase = None
        self.stale = list(result.stale_decisions)
        # the few findings on the device's objects are new objects after every apply
        self._findings = result.findings
        self._counts = {}
        self.revision += 1
        gone = self._device_findings
        self._device_findings = result.findings[len(self._input_findings):]
        self._revised.update(dict.fromkeys((f.id for f in (*gone, *self._device_findings)), self.revision))
        self._device_by_id = {f.id: f for f in self._device_findings}
        self._device = result.device


def _recounted(counts: dict[str | None, dict[str, int]],
               changed: list[tuple[Decided, Decided]]) -> dict[str | None, dict[str, int]]:
    """``counts`` with each finding's earlier outcome (the first of each pair) replaced by its new one: a decision
    changes what is accepted and what needs a person, never how many findings of each severity there are."""
    counts = {key: dict(value) for key, value in counts.items()}
    for before, after in changed:
        for key in (None, after.area):
            counts[key]["needs_me"] += needs_me(after) - needs_me(before)
            counts[key]["accepted"] += after.accepted - before.accepted
    return counts


def _no_counts() -> dict[str, int]:
    return {"total": 0, "error": 0, "warning": 0, "info": 0, "needs_me": 0, "accepted": 0}


def _device_phase(finding_id: str) -> bool:
    """The id names a rule that checks the device's objects (its findings depend on the other decisions)."""
    rule = get_rule(finding_id.split(":", 1)[0])
    return rule is not None and rule.phase == "device"
