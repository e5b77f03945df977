"""Manifest mechanics: createOptions size and form, twin size, schema versions, placeholders, the root key, the
file's comments and repeated keys."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from .. import jsonc
from ..document import Document
from ..emit import CHUNK_SIZE, MAX_CREATE_OPTIONS, compact, split_chunks
from ..findings import Edit, Example, Finding, Param, Rule
from ..i18n import _
from ..placeholders import has_placeholder, may_hold_placeholders, placeholder_tokens
from ..pointers import join, resolve
from . import _links as L
from ._registry import Context, rule

MAX_DESIRED = 32 * 1024                          # bytes, IoT Hub's limit for a twin's desired properties
_SCHEMA_OK = re.compile(r"1\.0(\.\d+)?|1\.1(\.0)?")
_LAYERED_SCHEMA = "properties.desired.schemaVersion"


RUNTIME_MAX_CHUNKS = 100  # the pieces the device's edgeAgent joins (Docker Constants.TwinValueMaxChunks)


@rule("MAN001", "create-options-too-long", "manifest", "warning", "manual",
      "createOptions longer than 8 × 512 characters",
      "IoT Hub stores createOptions as strings of at most 512 characters, so it is split into pieces "
      "`createOptions`, `createOptions01`, `createOptions02` … The IoT Edge tooling stops at eight pieces, 4096 "
      "characters of compact JSON (iotedgedev and the VS Code extension refuse to build more): a manifest over "
      "that cannot be regenerated or edited with those tools. The device's runtime is not limited to eight: its "
      "edgeAgent joins up to 100 pieces (51,200 characters), so a longer createOptions still deploys — a warning. "
      "Over 100 pieces the runtime drops the rest, the JSON it parses is cut short, and the deployment fails: an "
      "error. Either way IoT Hub's 32 KB limit on `$edgeAgent` (MAN002) applies, and the conversion adds "
      "`k8s-experimental` settings, which makes createOptions longer still. To shorten it: move long `Env` lists to "
      "the module's `env` section, drop options the GPU device ignores, or bake settings into the image.",
      "Azure/iotedge release/1.1-k8s-preview, edge-agent/.../Docker/Constants.cs (TwinValueMaxChunks = 100) and "
      "DockerConfig.cs; Azure/iotedge design doc \"Extending createOptions length\"; Azure/iotedgedev "
      "deploymentmanifest.py (TWIN_VALUE_MAX_CHUNKS = 8); microsoft/vscode-azure-iot-edge constants.ts",
      before='"createOptions": "…", "createOptions01": "…", … "createOptions08": "…"',
      after="(at most createOptions07, 4096 characters of compact JSON)",
      severities=("error",),
      links=(L.DOCKER_CONSTANTS, L.DOCKER_CONFIG, L.CREATE_OPTIONS),
      example=Example({"Env": ["PAYLOAD=" + "x" * 5000]}, {"Env": ["PAYLOAD=x"]}, at="createOptions"))
def check_create_options_length(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        options = module.create_options
        if not options:
            continue
        length = len(_compact_of(ctx, options.data))
        if length <= MAX_CREATE_OPTIONS:
            continue
        pieces = -(-length // CHUNK_SIZE)
        if pieces > RUNTIME_MAX_CHUNKS:
            yield Finding(r, module.name, options.pointer,
                          _("createOptions is {length} characters of compact JSON, {pieces} pieces of 512: the "
                            "runtime reads only the first {runtime} pieces, so the module's createOptions is cut "
                            "short and the deployment fails").format(length=length, pieces=pieces,
                                                                     runtime=RUNTIME_MAX_CHUNKS),
                          severity="error")
        else:
            yield Finding(r, module.name, options.pointer,
                          _("createOptions is {length} characters of compact JSON, {pieces} pieces of 512: the "
                            "device's runtime reads it (up to {runtime} pieces), but the IoT Edge tools stop at "
                            "{limit} characters (8 pieces) and cannot rebuild or edit this manifest")
                          .format(length=length, pieces=pieces, runtime=RUNTIME_MAX_CHUNKS, limit=MAX_CREATE_OPTIONS))


def _compact_of(ctx: Context, options: dict[str, Any]) -> str:
    """A module's createOptions as compact JSON, made once for MAN001 and MAN002."""
    made = ctx.cache.setdefault("manifest.compact", {})
    key = id(options)  # the views' dicts live as long as the context
    if key not in made:
        made[key] = compact(options)
    return made[key]


def twin_size(value: Any, compacted: Callable[[dict[str, Any]], str] = compact) -> int:
    """IoT Hub's twin size of a value: UTF-8 lengths of keys and strings, 8 bytes a number, 4 a boolean.

    A createOptions object counts as the compact JSON string pieces it is deployed as.
    """
    if isinstance(value, dict):
        total = 0
        for key, item in value.items():
            if key == "createOptions" and isinstance(item, dict):
                total += sum(len(k.encode("utf-8")) + len(v.encode("utf-8"))
                             for k, v in split_chunks(compacted(item)).items())
            elif not key.startswith("$") or key in ("$edgeAgent", "$edgeHub"):
                total += len(key.encode("utf-8")) + twin_size(item, compacted)
        return total
    if isinstance(value, list):
        return sum(twin_size(item, compacted) for item in value)
    if isinstance(value, str):
        return len(value.encode("utf-8"))
    if isinstance(value, bool):
        return 4
    if isinstance(value, (int, float)):
        return 8
    return 0  # null


@rule("MAN002", "edgeagent-twin-too-large", "manifest", "error", "manual",
      "$edgeAgent desired properties over 32 KB",
      "IoT Hub rejects a deployment whose `$edgeAgent` desired properties — every module's settings, env and "
      "createOptions together — exceed 32 KB. The size is counted as IoT Hub does: the UTF-8 length of every "
      "key and string value, 8 bytes for a number and 4 for a boolean, with createOptions counted as the "
      "compact JSON pieces it is deployed as (not the indented text of the file). Split the modules over "
      "layered deployments, or shorten long env values and createOptions. For a layered deployment only this "
      "layer is counted; the device's merged deployment is larger.",
      "Microsoft Learn: IoT Edge limits and restrictions; IoT Hub device twins — Device twin size",
      before="(a $edgeAgent section of 40 KB)",
      after="(split into a base and a layered deployment under 32 KB each)",
      links=(L.LIMITS, L.TWINS),
      example=Example({"env": {"BIG": {"value": "x" * 40_000}}}, {"env": {"SMALL": {"value": "x"}}}, at="module"))
def check_agent_size(r: Rule, ctx: Context) -> Iterator[Finding]:
    doc = ctx.doc
    pointer = doc.agent if doc.agent is not None else join(doc.content, "$edgeAgent")
    section = resolve(doc.root, pointer)
    if not isinstance(section, dict):
        return
    size = twin_size(section, lambda options: _compact_of(ctx, options))
    if size > MAX_DESIRED:
        yield Finding(r, None, pointer,
                      _("$edgeAgent desired properties are {size} bytes as IoT Hub counts them; the limit is "
                        "{limit} bytes (32 KB)").format(size=size, limit=MAX_DESIRED))


def _schema_versions(ctx: Context) -> list[tuple[str, str, Any]]:
    """(system module, pointer, value) of each schemaVersion the document sets (or should set)."""
    doc = ctx.doc
    found: list[tuple[str, str, Any]] = []
    for name, desired in (("$edgeAgent", doc.agent), ("$edgeHub", doc.hub)):
        if desired is not None:
            pointer = join(desired, "schemaVersion")
            value = resolve(doc.root, pointer)
            if value is not None or doc.wrapper != "twin":  # a module twin export need not carry one
                found.append((name, pointer, value))
        elif doc.wrapper != "twin":
            section = resolve(doc.root, join(doc.content, name))
            if isinstance(section, dict) and _LAYERED_SCHEMA in section:
                found.append((name, join(doc.content, name, _LAYERED_SCHEMA), section[_LAYERED_SCHEMA]))
    return found


@rule("MAN003", "schema-version", "manifest", "error", "choice",
      "schemaVersion the GPU device's runtime does not accept",
      "The IoT Edge runtime on the GPU device accepts `$edgeAgent` and `$edgeHub` schema versions \"1.0\" and "
      "\"1.1\" only; anything else (\"1.2\", \"1.3\", a number instead of a string, a missing value) is refused "
      "with status 412 and nothing is deployed. \"1.1\" is recommended: it allows route objects with `priority` "
      "and `timeToLiveSecs`. Schema 1.1 also defines a module's `startupOrder`, but this runtime does not apply "
      "it: every module's Deployment is created at once, so a module must wait for what it needs itself. "
      "Settings that need a newer schema (edgeHub's MQTT broker, "
      "for example) are not supported by this runtime and are ignored. A placeholder such as "
      "`${EDGEAGENT_SCHEMA_VERSION}` is left to the build step (MAN005 lists it).",
      "Microsoft Learn: Properties of the IoT Edge agent and IoT Edge hub module twins (schemaVersion); "
      "Azure/iotedge release/1.1-k8s-preview, edge-agent/.../Agent.IoTHub/EdgeAgentConnection.cs "
      "(ValidateSchemaVersion) and edge-agent/.../Kubernetes/planners/KubernetesPlanner.cs (one deployment "
      "of every module, no startupOrder)",
      before='"schemaVersion": "1.2"',
      after='"schemaVersion": "1.1"',
      links=(L.AGENT_HUB_TWINS, L.AGENT_CONNECTION, L.PLANNER),
      example=Example({"schemaVersion": "1.2"}, {"schemaVersion": "1.1"}, at="desired"))
def check_schema_version(r: Rule, ctx: Context) -> Iterator[Finding]:
    for name, pointer, value in _schema_versions(ctx):
        if isinstance(value, str) and (_SCHEMA_OK.fullmatch(value) or has_placeholder(value)):
            continue
        param = Param("version", _("Schema version"), "enum", "1.1", options=("1.0", "1.1"))
        op = "replace" if value is not None else "add"

        def build(values: dict[str, Any], pointer: str = pointer, op: str = op) -> list[Edit]:
            return [Edit(op, pointer, values["version"])]  # type: ignore[arg-type]

        if value is None:
            message = _("{section} has no schemaVersion; the runtime needs \"1.0\" or \"1.1\"").format(section=name)
        else:
            message = _("{section} schemaVersion {value} is not accepted by the GPU device's runtime (\"1.0\" or "
                        "\"1.1\")").format(section=name, value=compact(value))
        yield Finding(r, None, pointer, message, params=(param,), build=build)


@rule("MAN004", "create-options-unreadable", "manifest", "error", "manual",
      "createOptions is not valid JSON or its pieces do not join",
      "edgeAgent joins `createOptions`, `createOptions01`, `createOptions02` … (contiguous two-digit numbers, "
      "each a string) and parses the result as a JSON object. A gap in the numbering, a piece that is not a "
      "string, or text that is not a JSON object stops the module from being deployed, on the FPGA device "
      "and on the GPU device alike. The tool cannot guess what was meant: fix the pieces by hand. createOptions "
      "that parses only after dropping comments or a trailing comma is written back as strict JSON; pieces "
      "named outside the standard scheme (`createOptions1`, `createOptions2`…) are renamed "
      "`createOptions`, `createOptions01`…; and pieces longer than 512 characters (which older IoT Hubs and "
      "the tools refuse) are split again into pieces of 512.",
      "Azure/iotedge edge-util JsonEx (ChunkedProperty); Azure/iotedge design doc \"Extending createOptions "
      "length\"; Microsoft Learn: How to configure container create options for IoT Edge modules",
      before='"createOptions": "{\\"HostConfig\\":{", "createOptions02": "}}"',
      after='"createOptions": "{\\"HostConfig\\":{", "createOptions01": "}}"',
      severities=("warning", "info"), applicabilities=("auto",),
      links=(L.JSON_EX, L.CREATE_OPTIONS),
      example=Example({"settings": {"createOptions": '{"HostConfig":{', "createOptions02": "}}"}},
          {"settings": {"createOptions": '{"HostConfig":{', "createOptions01": "}}"}}, at="module"))
def check_create_options_form(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        ref = module.ref
        if ref.co_form == "invalid":
            yield Finding(r, module.name, ref.settings_pointer,
                          _("createOptions of module \"{module}\" cannot be read: {problem}")
                          .format(module=module.name, problem=ref.co_problem))
            continue
        if ref.co_lenient:
            yield Finding(r, module.name, ref.create_options_pointer,
                          _("createOptions of module \"{module}\" has comments or a trailing comma: rewritten as "
                            "strict JSON").format(module=module.name),
                          severity="warning", applicability="auto")
        if ref.co_renumber or ref.co_oversize:
            pieces = ", ".join(ref.co_chunks)
            if ref.co_renumber and ref.co_oversize:
                message = _("createOptions pieces of module \"{module}\" ({pieces}) are renamed and split again into "
                            "pieces of at most 512 characters: createOptions, createOptions01…")
            elif ref.co_renumber:
                message = _("createOptions pieces of module \"{module}\" ({pieces}) are renamed createOptions, "
                            "createOptions01…")
            else:
                message = _("createOptions of module \"{module}\" has pieces longer than 512 characters: split "
                            "again into createOptions, createOptions01… of at most 512")
            yield Finding(r, module.name, ref.settings_pointer, message.format(module=module.name, pieces=pieces),
                          severity="info", applicability="auto")


Chain = tuple[Any, Any] | None  # (parent chain, key): a pointer built only when it is needed


def _walk(value: Any) -> Iterator[tuple[Chain, str]]:
    """(chain, text) for every key and string value, in document order, without recursion.

    Pointers are kept as (parent, key) chains and written out by :func:`_pointer` only for the few
    texts that hold a placeholder; joining one for every member would be most of this rule's time.
    """
    stack: list[tuple[Any, Chain]] = [(value, None)]
    while stack:
        item, chain = stack.pop()
        if isinstance(item, str):
            yield chain, item
        elif isinstance(item, dict):
            pending = []
            for key, child in item.items():
                pending.append((key, (chain, key)))
                pending.append((child, (chain, key)))
            stack.extend(reversed(pending))
        elif isinstance(item, list):
            stack.extend((item[i], (chain, i)) for i in range(len(item) - 1, -1, -1))


def _text_to_scan(doc: Document) -> str:
    """The file's own text, which holds every key and string as the document has them — unless a ``\\u``
    escape may spell a token's character or a token may be cut between two createOptions pieces: then the
    document written out again (which costs as much as the rest of the rule)."""
    if "\\u" in doc.text or any(module.co_form == "chunks" for module in doc.modules):
        return compact(doc.root)
    return doc.text


def _pointer(chain: Chain) -> str:
    parts = []
    while chain is not None:
        chain, key = chain
        parts.append(key)
    return join("", *reversed(parts))


@rule("MAN005", "template-placeholders", "manifest", "info", "manual",
      "Template placeholders left for the build step",
      "The manifest holds placeholders (`${VAR}`, `$VAR`, `<Placeholder>`, `#VAR#`, `__VAR`) that a build step "
      "(iotedgedev, the VS Code extension, an Azure ML or installer script) replaces before deployment. The "
      "conversion keeps them as they are and does not check the values they will get: generate the deployment "
      "manifest with the same build step, or replace them by hand, and check the result for the GPU device "
      "(share names, ports, module names).",
      "Microsoft Learn: Use Visual Studio Code to develop and debug modules (deployment.template.json); "
      "Azure/iotedgedev",
      before='"image": "${MODULES.SampleModule}"',
      after='"image": "${MODULES.SampleModule}" (replaced by the build step)',
      links=(L.COMPOSITION,),
      example=Example({"settings": {"image": "${MODULES.SampleModule}"}},
          {"settings": {"image": "contoso.azurecr.io/samplemodule:1.0"}}, at="module"))
def check_placeholders(r: Rule, ctx: Context) -> Iterator[Finding]:
    if not may_hold_placeholders(_text_to_scan(ctx.doc)):
        return
    tokens: dict[str, str] = {}
    routes = {route.pointer for route in ctx.doc.routes}
    for chain, text in _walk(ctx.doc.root):
        found = placeholder_tokens(text)
        if not found:
            continue
        pointer = _pointer(chain)
        for token in found:
            if pointer in routes and token.startswith("$") and not token.startswith("${"):
                continue  # a route query's system property (`$connectionModuleId`), not a placeholder
            tokens.setdefault(token, pointer)
    if not tokens:
        return
    names = list(tokens)
    shown = ", ".join(names[:5]) + (", …" if len(names) > 5 else "")
    yield Finding(r, None, next(iter(tokens.values())),
                  _("{count} template placeholder(s) are left for the build step: {names}")
                  .format(count=len(names), names=shown))


@rule("MAN006", "module-content-root", "manifest", "warning", "auto",
      "Root key moduleContent becomes modulesContent",
      "Some older tools and documents spell the manifest's root key `moduleContent`. `az iot edge set-modules` "
      "and the Azure portal only accept `modulesContent` (or `{\"content\": {\"modulesContent\": …}}`), so the "
      "key is renamed; nothing inside it changes.",
      "Microsoft Learn: Learn how to deploy modules and establish routes in IoT Edge (deployment manifest); "
      "Azure CLI az iot edge set-modules",
      before='{"moduleContent": {"$edgeAgent": …}}',
      after='{"modulesContent": {"$edgeAgent": …}}',
      links=(L.COMPOSITION,),
      example=Example([('"modulesContent"', '"moduleContent"')], [], at="text"))
def check_root_key(r: Rule, ctx: Context) -> Iterator[Finding]:
    if ctx.doc.wrapper == "moduleContent" and "modulesContent" not in ctx.doc.root:
        yield Finding(r, None, "/moduleContent",
                      _("Root key \"moduleContent\" becomes \"modulesContent\", which az and the portal require"),
                      build=lambda values: [Edit("rename", "/moduleContent", "modulesContent")])


@rule("MAN007", "manifest-comments", "manifest", "info", "manual",
      "Comments in the manifest are not kept",
      "The manifest is JSON with comments (`//`, `/* */`) or trailing commas, as VS Code's "
      "`deployment.template.json` allows. The GPU manifest is written as strict JSON, which `az iot edge "
      "set-modules` and the Azure portal require, so comments and trailing commas are not in it. Keep any note "
      "you need elsewhere (the lines that held comments are listed here and in the report). Comments inside a "
      "createOptions string are MAN004's.",
      "RFC 8259 (JSON has no comments); Microsoft Learn: Azure CLI az iot edge set-modules; Visual Studio Code "
      "Azure IoT Edge deployment templates",
      before='{\n  // camera on the loading dock\n  "modulesContent": { … },\n}',
      after='{\n  "modulesContent": { … }\n}',
      links=(L.RFC_8259, L.COMPOSITION),
      example=Example([("{", "{\n  // camera on the loading dock")], [], at="text"))
def check_manifest_comments(r: Rule, ctx: Context) -> Iterator[Finding]:
    if not ctx.doc.jsonc:
        return
    lines = jsonc.comment_lines(ctx.doc.text)
    if not lines:
        message = _("The manifest has trailing commas; the GPU manifest is strict JSON without them")
    else:
        shown = ", ".join(str(line) for line in lines[:8]) + (", …" if len(lines) > 8 else "")
        where = _("at line {lines}") if len(lines) == 1 else _("at lines {lines}")
        message = _("The file has {count} comment(s), {where}; the GPU manifest is strict JSON and does not keep "
                    "them").format(count=len(lines), where=where.format(lines=shown))
    yield Finding(r, None, "", message, source_lines=tuple(lines))


@rule("MAN008", "duplicate-keys", "manifest", "warning", "manual",
      "A key written twice in one object",
      "Of two members with the same key in one object, JSON readers keep only the last: `az iot edge set-modules`, "
      "IoT Hub and this tool all do, so the earlier value (a whole module, an env variable, a list of binds) never "
      "reaches the device, and nothing says so. The GPU manifest is written with the last value only: check that it "
      "is the one meant, and move what is still needed from the earlier one. Inside a createOptions string the "
      "runtime also reads the last value; the string is written back as it was unless a fix rewrites it, and then "
      "it holds the last value only.",
      "RFC 8259 §4 (names within an object should be unique; most readers keep the last); Newtonsoft.Json "
      "DuplicatePropertyNameHandling.Replace (the IoT Hub service's reader); Python json",
      before='"modules": {"camera": {"settings": {"image": "cam:1"}}, "camera": {"settings": {"image": "cam:2"}}}',
      after='"modules": {"camera": {"settings": {"image": "cam:2"}}}',
      links=(L.RFC_8259 + "#section-4",),
      example=Example([('"restartPolicy": "always",', '"restartPolicy": "never", "restartPolicy": "always",')], [],
          at="text"))
def check_duplicate_keys(r: Rule, ctx: Context) -> Iterator[Finding]:
    for duplicate in ctx.doc.duplicates:
        pointer = join(duplicate.pointer, duplicate.key)
        owner = next((m.name for m in ctx.modules if pointer == m.pointer or pointer.startswith(m.pointer + "/")),
                     None)
        yield Finding(r, owner, pointer,
                      _("Key \"{key}\" is written {times} times in one object; only the last is read, and only the "
                        "last is in the GPU manifest").format(key=duplicate.key, times=duplicate.times))
    for module in ctx.modules:
        for duplicate in module.ref.co_duplicates:
            yield Finding(r, module.name, join(module.create_options_pointer + duplicate.pointer, duplicate.key),
                          _("Key \"{key}\" is written {times} times in one object of createOptions; the runtime "
                            "reads only the last, and a fix that rewrites createOptions keeps only the last")
                          .format(key=duplicate.key, times=duplicate.times))
