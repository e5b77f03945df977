"""asegui-cli: check, convert, preview, explain, rules — the core from a shell, for many devices at once.

Exit codes: 0 nothing needs a person; 1 error findings remain that the tool cannot resolve
alone, or whose fix was rejected without a reason in its note (convert still writes its output); 2 the input
cannot be read or the usage is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .core import (
    AREAS,
    Decided,
    DeviceSettings,
    ManifestError,
    Result,
    Status,
    all_rules,
    convert,
    decisions,
    get_rule,
    preview,
)
from .core.i18n import LANGUAGES, _, choose, option_in, set_language
from .core.redact import redact_text
from .fileio import write_atomic

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)  # --la would be --lang to argparse, and not to the language pick
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> Any:  # argparse would exit 2 with its own text; keep that, minus noise
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="asegui-cli", description=_(
        "Migrate Azure IoT Edge deployment manifests from Azure Stack Edge Pro FPGA to Pro GPU."))
    parser.add_argument("--version", action="version", version=f"asegui-cli {__version__}")
    _language_option(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    check = sub.add_parser("check", help=_("list what must change, without writing anything"))
    check.add_argument("input", metavar="INPUT")
    check.add_argument("--decisions", metavar="FILE", help=_("apply the decisions in FILE first"))
    check.add_argument("--format", choices=("text", "json"), default="text")
    _device_options(check)

    conv = sub.add_parser("convert", help=_("write the GPU manifest"))
    conv.add_argument("input", metavar="INPUT")
    conv.add_argument("-o", "--output", metavar="OUTPUT", required=True)
    conv.add_argument("--decisions", metavar="FILE", help=_("replay the decisions saved in FILE"))
    conv.add_argument("--save-decisions", metavar="FILE", help=_("save every decision taken to FILE"))
    conv.add_argument("--form", choices=("auto", "deployable", "expanded"), default="auto",
                      help=_("auto keeps the input's form; deployable writes createOptions as strings"))
    conv.add_argument("--report", metavar="FILE", help=_("also write a migration report (.md, .html or .json)"))
    conv.add_argument("--force", action="store_true", help=_("allow OUTPUT to be the input file"))
    _device_options(conv)

    view = sub.add_parser("preview", help=_("print the Kubernetes objects the GPU device will create"))
    view.add_argument("input", metavar="INPUT")
    view.add_argument("--decisions", metavar="FILE", help=_("replay the decisions saved in FILE first"))
    view.add_argument("-o", "--output", metavar="OUTPUT", help=_("write the objects to OUTPUT instead of printing"))
    view.add_argument("--format", choices=("yaml", "json"), default="yaml",
                      help=_("yaml: a ---separated stream; json: a kubectl-style List"))
    _device_options(view)

    fleet = sub.add_parser("fleet", help=_("convert many devices' manifests with one set of decisions, and group "
                                           "them into IoT Hub deployments"))
    fleet.add_argument("inputs", metavar="INPUT", nargs="+", help=_("manifest files, and folders of them (*.json)"))
    fleet.add_argument("-o", "--output", metavar="OUTDIR", required=True, help=_("where to write everything"))
    fleet.add_argument("--decisions", metavar="FILE", help=_("decisions to apply by finding id to every device"))
    fleet.add_argument("--form", choices=("auto", "deployable", "expanded"), default="auto")
    fleet.add_argument("--jobs", type=int, default=1, metavar="N", help=_("convert in N processes (default 1)"))
    fleet.add_argument("--report", metavar="FILE", help=_("the site's report as .html, .md or .json (default "
                                                          "OUTDIR/fleet-report.html)"))
    _device_options(fleet)

    rules = sub.add_parser("rules", help=_("list every rule"))
    rules.add_argument("--format", choices=("text", "json"), default="text")

    explain = sub.add_parser("explain", help=_("explain one rule"))
    explain.add_argument("code", metavar="CODE")

    schema = sub.add_parser("schema", help=_("print the JSON Schema of the decisions file or of the JSON report"))
    schema.add_argument("name", choices=("decisions", "report"), metavar="decisions|report")
    for command in sub.choices.values():  # also after the command (``asegui-cli check --lang zh_CN …``)
        command.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS, help=argparse.SUPPRESS)
    return parser


def _language_option(parser: argparse.ArgumentParser) -> None:
    """``--lang``, read by :func:`main` before the parser is made (the help is translated too); only human text
    changes: codes, JSON keys, severities and statuses stay English."""
    parser.add_argument("--lang", choices=LANGUAGES, metavar="|".join(reversed(LANGUAGES)),
                        help=_("language of the messages: zh_CN or en (default: the system's, from LANGUAGE, LC_ALL, "
                               "LC_MESSAGES or LANG)"))


def _device_options(parser: argparse.ArgumentParser) -> None:
    """The GPU device's own settings; by default what the decisions file saved, else an ASE Pro GPU's."""
    parser.add_argument("--gpus", type=int, choices=(1, 2), metavar="N",
                        help=_("GPUs the device has: 1 or 2 (default 1, or the decisions file's)"))
    parser.add_argument("--service-type", choices=("LoadBalancer", "ClusterIP"),
                        help=_("Service type of modules with port bindings (default LoadBalancer)"))


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(choose(option_in(argv)))
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if not args.command:
            parser.print_help(sys.stderr)
            return EXIT_UNREADABLE
        handler = {"check": cmd_check, "convert": cmd_convert, "preview": cmd_preview, "fleet": cmd_fleet,
                   "rules": cmd_rules, "explain": cmd_explain, "schema": cmd_schema}
        return int(handler[args.command](args))
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        print(_("Try 'asegui-cli --help'."), file=sys.stderr)
        return EXIT_UNREADABLE
    except ManifestError as exc:
        print(f"asegui-cli: {exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"asegui-cli: {where}{exc.strerror or exc}", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except IsADirectoryError:
        raise ManifestError(_("this is a folder, not a manifest file"), source=path) from None
    except FileNotFoundError:
        raise ManifestError(_("no such file"), source=path) from None


def _decisions_and_settings(args: argparse.Namespace) -> tuple[Any, DeviceSettings]:
    """The decisions file's decisions and device settings, then the command line's settings over them."""
    chosen, settings = None, DeviceSettings()
    if getattr(args, "decisions", None):
        data = _read(args.decisions)
        chosen = decisions.loads(data, source=args.decisions)
        settings = decisions.loads_settings(data, source=args.decisions) or settings
    if getattr(args, "gpus", None) is not None:
        settings = settings.replace(gpus=args.gpus)
    if getattr(args, "service_type", None):
        settings = settings.replace(service_type=args.service_type)
    return chosen, settings


def _run(args: argparse.Namespace, form: str = "auto") -> Result:
    chosen, settings = _decisions_and_settings(args)
    result = convert(_read(args.input), chosen, form=form, source=args.input,  # type: ignore[arg-type]
                     settings=settings)
    return _warn(result)


def _warn(result: Result) -> Result:
    """The warnings a conversion has for the person running it, on stderr."""
    for stale in result.stale_decisions:
        print(_("asegui-cli: warning: the decision for {id} matches no finding in this input").format(id=stale),
              file=sys.stderr)
    for message in [c.message for c in result.conflicts] + result.output_warnings:
        print(_("asegui-cli: warning: {message}").format(message=message), file=sys.stderr)
    return result


def cmd_check(args: argparse.Namespace) -> int:
    result = _run(args)
    if args.format == "json":
        payload = {"input": args.input, "findings": [f.to_json() for f in result.findings],
                   "summary": result.summary()}
        print(redact_text(json.dumps(payload, indent=2, ensure_ascii=False), result.document))
    else:
        print(redact_text(format_text(result), result.document))
    return result.exit_code


_MARK = {"error": "error", "warning": "warning", "info": "info"}


def format_text(result: Result) -> str:
    """Findings for people: grouped by area, one line each, module first."""
    lines: list[str] = []
    for area in AREAS:
        group = [f for f in result.findings if f.area == area]
        if not group:
            continue
        lines.append(f"{area} ({len(group)})")
        for f in group:
            module = f.module or "-"
            lines.append(f"  {module}: {f.severity} {f.code} [{f.status}] {f.message}{_hint(f)}")
    counts = result.summary()
    unresolved = len(result.unresolved_errors)
    lines.append(_("{error} error(s), {warning} warning(s), {info} info; {unresolved} error(s) need a person")
                 .format(unresolved=unresolved, **counts))
    return "\n".join(lines)


def _hint(finding: Decided) -> str:
    """What a person does about an error whose fix was rejected without a reason, after its message."""
    if finding.status == Status.REASON_NEEDED:
        return " " + _("(its fix was rejected: reject with a note to say why, e.g. \"handled outside the "
                       "manifest\", in the decisions file)")
    return ""


def _print_unresolved(result: Result) -> None:
    for finding in result.unresolved_errors:
        print(f"  {finding.module or '-'}: {finding.code} {finding.message}{_hint(finding)}", file=sys.stderr)


def cmd_convert(args: argparse.Namespace) -> int:
    source, output = Path(args.input), Path(args.output)
    if args.report:
        from .core.report import SUFFIXES
        if Path(args.report).suffix.lower() not in SUFFIXES:
            raise UsageError(_("asegui-cli: --report {path}: the report is written as {kinds}, chosen by the "
                               "file's extension").format(path=args.report, kinds=", ".join(sorted(SUFFIXES))))
    if not args.force and output.exists() and source.exists() and output.resolve() == source.resolve():
        raise UsageError(_("asegui-cli: refusing to write over the input {path}; pass --force to allow it")
                         .format(path=args.input))
    result = _run(args, args.form)
    write_atomic(output, result.text.encode("utf-8"))
    if args.save_decisions:
        write_atomic(Path(args.save_decisions),
                     decisions.dumps(result.findings, result.input_sha256, result.settings).encode("utf-8"))
    if args.report:
        from .core.report import render_report
        write_atomic(Path(args.report), render_report(result, Path(args.report).suffix,
                                                      input_name=args.input, output_name=args.output).encode("utf-8"))
    counts = result.summary()
    print(_("Wrote {output}: {error} error(s), {warning} warning(s), {info} info; {unresolved} error(s) need a person.")
          .format(output=args.output, unresolved=len(result.unresolved_errors), **counts), file=sys.stderr)
    _print_unresolved(result)
    return result.exit_code


def cmd_fleet(args: argparse.Namespace) -> int:
    """Every device as `convert` converts it, one set of decisions for all, the groups IoT Hub deploys to."""
    from .review import fleet

    if args.jobs < 1:
        raise UsageError(_("asegui-cli: --jobs must be 1 or more"))
    if args.report and Path(args.report).suffix.lower() not in (".html", ".md", ".json"):
        raise UsageError(_("asegui-cli: --report {path}: the site's report is written as .html, .md or .json, "
                           "chosen by the file's extension").format(path=args.report))
    chosen, settings = _decisions_and_settings(args)
    paths = fleet.inputs(args.inputs)
    if not paths:
        raise UsageError(_("asegui-cli: no manifest (*.json) in {inputs}").format(inputs=", ".join(args.inputs)))
    with _progress(len(paths)) as tell:
        site = fleet.convert_site(paths, Path(args.output), chosen, args.form, settings, args.jobs, tell)
    with site:  # each device's record waits in the site's file, not in memory, until the summary and report
        summary = fleet.write_site(Path(args.output), site, fleet.group(site.entries),
                                   Path(args.report) if args.report else None)
    counts = summary["counts"]
    print(_("Wrote {outdir}: {devices} device(s) in {groups} deployment group(s); {clean} clean, {needs} need a "
            "person, {unreadable} unreadable (see {summary}).").format(
        outdir=args.output, devices=len(site.entries), groups=len(summary["groups"]), clean=counts["clean"],
        needs=counts["needs-person"], unreadable=counts["unreadable"], summary=fleet.SUMMARY_NAME), file=sys.stderr)
    return fleet.exit_code(site.entries)


class _progress:  # noqa: N801 - used as a context manager, like the functions it stands for
    """Each device as it is done, on stderr: a bar on a terminal (rich), a line each otherwise (a log, CI)."""

    def __init__(self, total: int) -> None:
        self.total, self.done = total, 0
        self._bar: Any = None

    def __enter__(self) -> Callable[[Any], None]:
        if sys.stderr.isatty():
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

            self._bar = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                                 TimeRemainingColumn(), transient=True)
            self._bar.start()
            self._task = self._bar.add_task(_("converting"), total=self.total)
        return self._tell

    def _tell(self, device: Any) -> None:
        self.done += 1
        if self._bar is not None:
            self._bar.update(self._task, advance=1, description=Path(device.input).name)
            return
        state = {"clean": _("clean"), "needs-person": _("needs a person ({count})").format(count=len(device.needs)),
                 "unreadable": _("unreadable: {error}").format(error=device.error)}[device.status]
        print(f"[{self.done}/{self.total}] {Path(device.input).name}: {state}", file=sys.stderr, flush=True)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


def cmd_preview(args: argparse.Namespace) -> int:
    """The objects the device's runtime will create, as kubectl would show them; exit codes as ``check``."""
    from .core.device.yaml_text import dump_all, dump_list

    result = _run(args)
    objects = preview(result)
    text = dump_all(objects) if args.format == "yaml" else dump_list(objects)
    text = redact_text(text, result.document)
    if args.output:
        write_atomic(Path(args.output), text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    summary = result.device.summary() if result.device else {}
    services = ", ".join(f"{count} {kind}" for kind, count in summary.get("services", {}).items()) or _("none")
    print(_("{deployments} Deployment(s); Services: {services} ({ips} external IP(s)); share claims: {claims}; "
            "GPUs: {gpus} of {device_gpus}").format(services=services, ips=summary.get("external_ips", 0),
                                                     claims=", ".join(summary.get("claims", [])) or _("none"),
                                                     deployments=summary.get("deployments", 0),
                                                     gpus=summary.get("gpus", 0),
                                                     device_gpus=summary.get("device_gpus", 0)), file=sys.stderr)
    _print_unresolved(result)
    return result.exit_code


def cmd_rules(args: argparse.Namespace) -> int:
    rules = all_rules()
    if args.format == "json":
        print(json.dumps([r.to_json() for r in rules], indent=2, ensure_ascii=False))
        return EXIT_OK
    for r in rules:
        print(f"{r.code}  {r.area:<10} {r.severity:<7} {r.applicability:<6} {_(r.title)}")
    return EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    r = get_rule(args.code)
    if r is None:
        raise UsageError(_("asegui-cli: no rule {code}; 'asegui-cli rules' lists them").format(code=args.code))
    print(f"{r.code} ({r.slug}) — {_(r.title)}")
    print(_("area: {area}; severity: {severity}; fix: {fix}").format(area=r.area, severity=r.severity,
                                                                      fix=r.applicability))
    print()
    print(_(r.explanation))
    if r.before:
        print()
        print(_("Before (FPGA):"))
        print("  " + r.before)
    if r.after:
        print(_("After (GPU):"))
        print("  " + r.after)
    print()
    print(_("Source: {source}").format(source=r.source))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """The JSON Schema the files this tool writes satisfy, for scripts and editors that check them."""
    from .core.boundary import json_schema  # imports pydantic: only for this command

    print(json.dumps(json_schema(args.name), indent=2, ensure_ascii=False))
    return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
