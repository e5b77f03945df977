"""Property tests: whatever bytes arrive, the core converts them or raises ManifestError — nothing else —
never hangs, and converting its own output again changes nothing.

Inputs are random manifests built from a strategy that mirrors the manifest model, and mutations of the
real manifests in ../shared/corpus. The normal run is derandomized with a bounded number of examples;
``python tests/fuzz.py --minutes 5`` runs the same properties for longer with fresh randomness.
"""

from __future__ import annotations

import codecs
import json
import re
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from asegui.core import Finding, ManifestError, Result, convert, jsonc, load, preview
from asegui.core.device.yaml_text import dump_all
from asegui.core.report import render_report

# ---------------------------------------------------------------- the property

EXAMPLE_TIMEOUT = 20  # seconds one input may take before it counts as a hang


class Hang(AssertionError):
    pass


@contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    """Fail an example that runs longer than ``seconds`` (main thread on POSIX; elsewhere no limit)."""
    if sys.platform == "win32" or not hasattr(signal, "SIGALRM"):
        yield
        return

    def expire(_signum: int, _frame: Any) -> None:
        raise Hang(f"conversion did not finish within {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def _second_pass_edits(again: Result) -> list[Finding]:
    return [f for f in again.findings if f.edits]


# Every non-idempotent conversion these properties found has been fixed; each has a regression test below.
KNOWN_BUGS: dict[str, Callable[[Result, Result], bool]] = {}
KNOWN_DEFAULT_BUGS: dict[str, str] = {}


def check_convert(data: bytes, reports: bool = True) -> str | None:
    """The property: convert returns or raises ManifestError; the output converts to itself.

    Returns the name of a known bug when the input only shows that one, else None.
    """
    with time_limit(EXAMPLE_TIMEOUT):
        try:
            result = convert(data)
        except ManifestError as exc:
            assert exc.message, "a ManifestError needs a message"
            return None
        for finding in result.findings:  # house rule: a proposed default is always valid
            bad = {name: problem for name, problem in finding.problems.items()
                   if finding.defaults().get(name) is not None}
            if bad and finding.code in KNOWN_DEFAULT_BUGS:
                return KNOWN_DEFAULT_BUGS[finding.code]
            assert not bad, f"{finding.id}: the proposed default is refused: {bad}"
        text = result.text
        objects = preview(result)  # the device view never raises on what convert accepts
        assert dump_all(objects).startswith("---") if objects else True
        assert json.dumps(result.document.root) == json.dumps(load(data).root), "converting changed the input"
        assert text.endswith("\n") and "\r" not in text.replace("\\r", "")
        encoded = text.encode("utf-8")  # what every writer does with it
        assert isinstance(json.loads(text), dict)
        again = convert(encoded)
        if again.text != text:
            known = next((name for name, matches in KNOWN_BUGS.items() if matches(result, again)), None)
            if known:
                return known
            late = [f"{f.code} {f.module}: {f.message}" for f in _second_pass_edits(again)]
            raise AssertionError(f"converting the output again changed it; second-pass edits: {late}")
        if reports:
            for suffix in (".md", ".html", ".json"):
                render_report(result, suffix, "in.json", "out.json")
    return None


def note_known(name: str | None) -> None:
    if name:
        event(f"known bug: {name}")


# ---------------------------------------------------------------- manifests from the model

ODD_TEXT = st.sampled_from(["", " ", "\u00e9", "模块", "\u200b", "\ufeff", "\U0001f600", "a\x00b", "\u202e", "\\",
                            '"', "${VAR}", "$VAR", "<Placeholder>", "__AML_NAME__", "..", "/", "a:b", "-"])
SMALL_TEXT = st.one_of(ODD_TEXT, st.text(max_size=12))
JUNK = st.one_of(st.none(), st.booleans(), st.integers(-2**40, 2**40), st.floats(allow_nan=False), SMALL_TEXT,
                 st.lists(st.integers(0, 9), max_size=2), st.dictionaries(SMALL_TEXT, st.integers(0, 9), max_size=2))


def sometimes_odd(strategy: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    """Mostly the right shape; now and then (one time in eight) a value of the wrong type."""
    return st.integers(0, 7).flatmap(lambda pick: JUNK if pick == 7 else strategy)


MODULE_NAMES = st.one_of(
    st.sampled_from(["app", "FpgaModelHost", "image_classifier", "my.module", "<script>alert(1)</script>",
                     "a" * 70, "模块", "__AML_MODULE_NAME", "${MODULE_NAME}", "Camera-1", "x", "dashboard",
                     "data_base", "UPPER", "with space", "edgeHubProxy"]),
    st.text(min_size=1, max_size=16))
SHARES = st.sampled_from(["localin", "cloudout", "Cloud_Out", "s", "share-1", "a" * 70, "${SHARE}", "模"])
HOST_PATHS = st.one_of(
    SHARES.map(lambda s: f"/home/hcsshares/{s}"),
    st.sampled_from(["/home/hcsshares/s/sub", "/home/hcsshares/", "/etc/hosts", "/var/run/docker.sock",
                     "/var/data", "/data/", "/tmp/.X11-unix", "/dev", "/dev/video0", "myvolume", "Sql_Data",
                     "$HOST_PATH", "${DATA}", "C:\\data", "/opt/app/config.json", "/"]),
    st.text(max_size=12))
TARGETS = st.one_of(st.sampled_from(["/home/input", "/home/output", "/data", "/etc/hosts", "/", "/in", "/in/"]),
                    st.text(max_size=10))
BINDS = st.one_of(st.builds(lambda s, t, mode: f"{s}:{t}{mode}", HOST_PATHS, TARGETS,
                            st.sampled_from(["", ":ro", ":rw", ":z", ":ro,Z"])),
                  SMALL_TEXT)
MOUNTS = st.fixed_dictionaries(
    {"Type": sometimes_odd(st.sampled_from(["volume", "bind", "tmpfs", "Volume", "npipe"])),
     "Source": sometimes_odd(st.one_of(SHARES, HOST_PATHS)), "Target": sometimes_odd(TARGETS)},
    optional={"ReadOnly": sometimes_odd(st.booleans())})
PORTS = st.one_of(st.sampled_from(["80/tcp", "8080/tcp", "5000/udp", "5000/tcp", "35000/tcp", "35001/tcp",
                                   "31000/tcp", "50051/tcp", "443", "1883/TCP", "abc", "70000/tcp", "0/tcp"]),
                  st.integers(0, 70000).map(lambda p: f"{p}/tcp"))
HOST_PORTS = st.one_of(st.sampled_from(["80", "8080", "35000", "35001", "31001", "", " 5000", "${PORT}", "0",
                                        "99999", "5000-5010"]),
                       st.integers(0, 70000).map(str), st.integers(0, 70000))
PORT_BINDINGS = st.dictionaries(
    PORTS, sometimes_odd(st.lists(st.fixed_dictionaries({}, optional={
        "HostPort": sometimes_odd(HOST_PORTS), "HostIp": st.sampled_from(["", "0.0.0.0", "127.0.0.1", "::"])}),
        max_size=2)), max_size=3)
ENV_NAMES = st.one_of(st.sampled_from(["Logging:LogLevel", "WIRESERVER_ADDRESS", "https_proxy", "HTTPS_PROXY",
                                       "no_proxy", "UpstreamProtocol", "DB_PASSWORD", "A", "1BAD", "a.b", "a-b",
                                       "x__y", "", "ModelHost"]),
                      st.text(max_size=8))
ENV_VALUES = st.one_of(st.sampled_from(["10.139.218.1", "http://proxy:3128", "http://u:p@proxy:8080", "AmqpWs",
                                        "FpgaModelHost:50051", "app:8080", "${VAR}", "", "hunter2-secret"]),
                       st.text(max_size=10))
ENV_LIST = st.lists(st.one_of(st.builds(lambda k, v: f"{k}={v}", ENV_NAMES, ENV_VALUES), SMALL_TEXT), max_size=4)
DEVICES = st.lists(st.fixed_dictionaries(
    {"PathOnHost": sometimes_odd(st.sampled_from(["/dev/catapult0", "/dev/catapult1", "/dev/video0", "/dev/dri",
                                                  "/dev/ttyUSB0", "/dev/i2c-1"]))},
    optional={"PathInContainer": st.sampled_from(["/dev/catapult0", "/dev/video0", "/dev/x"]),
              "CgroupPermissions": st.sampled_from(["rwm", "mrw", "r"])}), max_size=3)
K8S = st.fixed_dictionaries({}, optional={
    "resources": sometimes_odd(st.fixed_dictionaries({}, optional={
        "limits": sometimes_odd(st.dictionaries(st.sampled_from(["nvidia.com/gpu", "microsoft.com/fpga_catapult",
                                                                 "memory", "cpu"]),
                                                st.one_of(st.integers(-1, 4), st.sampled_from(["1", "128Mi", "x"])),
                                                max_size=3)),
        "requests": sometimes_odd(st.dictionaries(st.sampled_from(["microsoft.com/fpga_catapult", "cpu"]),
                                                  st.integers(0, 2), max_size=2))})),
    "strategy": sometimes_odd(st.fixed_dictionaries({"type": st.sampled_from(["Recreate", "RollingUpdate"])})),
    "serviceOptions": sometimes_odd(st.fixed_dictionaries({"type": st.sampled_from(["LoadBalancer", "ClusterIP",
                                                                                    "NodePort"])})),
    "volumes": sometimes_odd(st.lists(st.dictionaries(SMALL_TEXT, SMALL_TEXT, max_size=2), max_size=2)),
    "securityContext": sometimes_odd(st.dictionaries(SMALL_TEXT, st.integers(0, 1000), max_size=2)),
    "nodeSelector": sometimes_odd(st.dictionaries(SMALL_TEXT, SMALL_TEXT, max_size=1)),
    "service-options": sometimes_odd(st.dictionaries(SMALL_TEXT, SMALL_TEXT, max_size=1)),
})
HOST_CONFIG = st.fixed_dictionaries({}, optional={
    "Binds": sometimes_odd(st.lists(BINDS, max_size=4)),
    "Mounts": sometimes_odd(st.lists(sometimes_odd(MOUNTS), max_size=3)),
    "PortBindings": sometimes_odd(PORT_BINDINGS),
    "Devices": sometimes_odd(DEVICES),
    "Privileged": sometimes_odd(st.booleans()),
    "NetworkMode": sometimes_odd(st.sampled_from(["host", "Host", "bridge", "default", "container:x"])),
    "Memory": sometimes_odd(st.integers(-1, 2**36)),
    "NanoCpus": sometimes_odd(st.integers(0, 8 * 10**9)),
    "CpuQuota": st.integers(0, 200000), "CpuPeriod": st.integers(0, 200000),
    "IpcMode": sometimes_odd(st.sampled_from(["host", "shareable", "private", "container:app", "none"])),
    "ShmSize": sometimes_odd(st.integers(0, 2**33)),
    "CapAdd": st.lists(st.sampled_from(["SYS_ADMIN", "NET_ADMIN"]), max_size=2),
    "LogConfig": st.just({"Type": "json-file", "Config": {"max-size": "10m"}}),
    "RestartPolicy": st.just({"Name": "always"}),
    "ExtraHosts": st.lists(st.sampled_from(["host:10.0.0.1", "x"]), max_size=2),
    "Runtime": sometimes_odd(st.sampled_from(["nvidia", "runc"])),
    "runtime": st.just("nvidia"),
    "DeviceRequests": sometimes_odd(st.lists(st.fixed_dictionaries({"Count": st.integers(-1, 4),
                                                                    "Capabilities": st.just([["gpu"]])}),
                                             max_size=1)),
})
CREATE_OPTIONS = st.fixed_dictionaries({}, optional={
    "HostConfig": sometimes_odd(HOST_CONFIG),
    "Env": sometimes_odd(ENV_LIST),
    "ExposedPorts": sometimes_odd(st.dictionaries(PORTS, st.just({}), max_size=3)),
    "k8s-experimental": sometimes_odd(K8S),
    "K8s-Experimental": st.just({"strategy": {"type": "Recreate"}}),
    "Entrypoint": sometimes_odd(st.lists(SMALL_TEXT, max_size=2)),
    "Cmd": sometimes_odd(st.lists(st.one_of(SMALL_TEXT, st.just("--host=FpgaModelHost:50051")), max_size=2)),
    "User": st.sampled_from(["root", "1000"]),
    "Healthcheck": st.just({"Test": ["CMD", "true"]}),
    "NetworkingConfig": st.just({"EndpointsConfig": {"host": {}}}),
    "Labels": st.dictionaries(SMALL_TEXT, SMALL_TEXT, max_size=2),
    "Hostname": SMALL_TEXT,
})


@st.composite
def settings_with_create_options(draw: st.DrawFn) -> dict[str, Any]:
    """A module's settings, with createOptions as an object, a string, chunks, or missing/broken."""
    result: dict[str, Any] = {"image": draw(sometimes_odd(st.sampled_from([
        "contosoacr.azurecr.io/azureml-fpga-resnet50:1.0", "mcr.microsoft.com/azureml/fpga:1",
        "contoso.azurecr.io/app:1.0", "${MODULES.app}", "app"])))}
    options = draw(CREATE_OPTIONS)
    text = json.dumps(options, ensure_ascii=draw(st.booleans()), separators=draw(st.sampled_from([(",", ":"),
                                                                                                  (", ", ": ")])))
    form = draw(st.sampled_from(["object", "string", "string", "chunks", "chunks-gap", "chunks-1", "absent",
                                 "broken", "jsonc", "empty", "non-object"]))
    if form == "object":
        result["createOptions"] = options
    elif form == "string":
        result["createOptions"] = text
    elif form in ("chunks", "chunks-gap", "chunks-1"):
        size = draw(st.integers(1, 600))
        pieces = [text[i:i + size] for i in range(0, len(text), size)] or [""]
        names = ["createOptions"] + [f"createOptions{i:02d}" for i in range(1, len(pieces))]
        if form == "chunks-1":
            names = [f"createOptions{i}" for i in range(1, len(pieces) + 1)]
        chunks = dict(zip(names, pieces, strict=True))
        if form == "chunks-gap" and len(chunks) > 2:
            chunks.pop(names[1])
        result.update(chunks)
    elif form == "broken":
        result["createOptions"] = text[:draw(st.integers(0, max(0, len(text) - 1)))]
    elif form == "jsonc":
        result["createOptions"] = text.replace("}", ",}", 1) + " // comment"
    elif form == "empty":
        result["createOptions"] = draw(st.sampled_from(["", "{}", "  "]))
    elif form == "non-object":
        result["createOptions"] = draw(st.sampled_from(["[]", "1", "null", '"x"']))
    return result


@st.composite
def modules(draw: st.DrawFn) -> dict[str, Any]:
    body: dict[str, Any] = {"version": "1.0", "type": "docker",
                            "status": draw(sometimes_odd(st.sampled_from(["running", "stopped", "$STATUS"]))),
                            "restartPolicy": draw(sometimes_odd(st.sampled_from(
                                ["always", "on-failure", "on-unhealthy", "never"]))),
                            "settings": draw(sometimes_odd(settings_with_create_options()))}
    if draw(st.booleans()):
        body["env"] = draw(sometimes_odd(st.dictionaries(ENV_NAMES, sometimes_odd(st.fixed_dictionaries(
            {"value": sometimes_odd(ENV_VALUES)})), max_size=3)))
    if draw(st.booleans()):
        body["startupOrder"] = draw(sometimes_odd(st.integers(0, 10)))
    return body


@st.composite
def manifests(draw: st.DrawFn) -> bytes:
    """A whole deployment manifest, in one of the wrappers and encodings field engineers have."""
    names = draw(st.lists(MODULE_NAMES, min_size=0, max_size=5, unique=True))
    mods = {name: draw(modules()) for name in names}
    route_names = names or ["app"]
    routes = {f"r{i}": draw(st.one_of(
        st.builds(lambda a, b: f"FROM /messages/modules/{a}/outputs/* INTO "
                               f"BrokeredEndpoint(\"/modules/{b}/inputs/in\")",
                  st.sampled_from(route_names), st.sampled_from(route_names)),
        st.builds(lambda a: f"FROM /messages/modules/{a}/* INTO $upstream", st.sampled_from(route_names)),
        st.builds(lambda a: {"route": f"FROM /messages/modules/{a}/* INTO $upstream", "priority": 0},
                  st.sampled_from(route_names)),
        JUNK)) for i in range(draw(st.integers(0, 3)))}
    hub_env = draw(st.dictionaries(st.sampled_from(["https_proxy", "UpstreamProtocol", "OptimizeForPerformance"]),
                                   st.fixed_dictionaries({"value": ENV_VALUES}), max_size=2))
    hub = {"type": "docker", "status": "running", "restartPolicy": "always",
           "settings": {"image": "mcr.microsoft.com/azureiotedge-hub:1.1",
                        "createOptions": json.dumps({"HostConfig": {"PortBindings": {
                            "5671/tcp": [{"HostPort": "5671"}], "443/tcp": [{"HostPort": "443"}]}}})}}
    if hub_env:
        hub["env"] = hub_env
    agent = {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-agent:1.1",
                                            "createOptions": "{}"}}
    registry = draw(st.dictionaries(st.sampled_from(["contosoacr", "$ACR_NAME", "r"]), st.fixed_dictionaries(
        {"username": SMALL_TEXT, "password": sometimes_odd(st.sampled_from(["s3cr3t-pass", "${PASS}", "p"])),
         "address": st.just("contosoacr.azurecr.io")}), max_size=2))
    desired = {"schemaVersion": draw(sometimes_odd(st.sampled_from(["1.0", "1.1", "1.2", "2.0"]))),
               "runtime": {"type": "docker", "settings": {"minDockerVersion": "v1.25", "loggingOptions": "",
                                                          "registryCredentials": registry}},
               "systemModules": {"edgeAgent": agent, "edgeHub": hub}, "modules": mods}
    hub_desired = {"schemaVersion": "1.1", "routes": routes, "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}
    content: dict[str, Any] = {"$edgeAgent": {"properties.desired": desired},
                               "$edgeHub": {"properties.desired": hub_desired}}
    for name in draw(st.lists(st.sampled_from(names), max_size=2, unique=True)) if names else []:
        content[name] = {"properties.desired": {"threshold": 0.8, "peer": names[0]}}
    wrapper = draw(st.sampled_from(["modulesContent", "modulesContent", "content", "moduleContent", "bare",
                                    "layered", "template"]))
    root: Any
    if wrapper == "content":
        root = {"content": {"modulesContent": content}}
    elif wrapper == "moduleContent":
        root = {"moduleContent": content}
    elif wrapper == "bare":
        root = content
    elif wrapper == "layered":
        agent_part = {f"properties.desired.modules.{name}": body for name, body in mods.items()}
        hub_part = {f"properties.desired.routes.{name}": route for name, route in routes.items()}
        root = {"content": {"modulesContent": {"$edgeAgent": agent_part, "$edgeHub": hub_part}}}
    else:
        root = {"$schema-template": "4.0.0", "modulesContent": content} if wrapper == "template" \
            else {"modulesContent": content}
    indent = draw(st.sampled_from([2, 4, "\t", None]))
    text = json.dumps(root, indent=indent, ensure_ascii=draw(st.booleans()))
    if draw(st.booleans()):
        text = text.replace("\n", "\r\n")
    encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16", "utf-16-be-bom"]))
    if encoding == "utf-16-be-bom":
        return codecs.BOM_UTF16_BE + text.encode("utf-16-be", errors="surrogatepass")
    return text.encode(encoding, errors="surrogatepass")


# ---------------------------------------------------------------- mutations of real manifests

_CO = "\x00createOptions-as-string"


def _expand_strings(value: Any) -> Any:
    """createOptions strings become marked objects, so mutations reach inside them."""
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            if isinstance(key, str) and key.lower().startswith("createoptions") and isinstance(item, str):
                try:
                    parsed = json.loads(item)
                except (ValueError, RecursionError):
                    out[key] = item
                    continue
                out[key] = {_CO: parsed}
            else:
                out[key] = _expand_strings(item)
        return out
    if isinstance(value, list):
        return [_expand_strings(item) for item in value]
    return value


def _collapse_strings(value: Any) -> Any:
    if isinstance(value, dict):
        if list(value) == [_CO]:
            return json.dumps(value[_CO], separators=(",", ":"))
        return {key: _collapse_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_collapse_strings(item) for item in value]
    return value


def _containers(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = []
    stack = [(value, path)]
    while stack:
        item, where = stack.pop()
        if isinstance(item, (dict, list)):
            found.append(where)
            children = item.items() if isinstance(item, dict) else enumerate(item)
            stack.extend((child, (*where, key)) for key, child in children)
    return found


def _at(value: Any, path: tuple[Any, ...]) -> Any:
    for key in path:
        value = value[key]
    return value


HUGE = st.sampled_from([10_000, 100_000, 300_000])


@st.composite
def mutate_tree(draw: st.DrawFn, tree: Any) -> Any:
    """One to four structural mutations: drop a key, swap a type, huge or odd strings, nesting, renames."""
    tree = _expand_strings(tree)
    for _round in range(draw(st.integers(1, 4))):
        places = _containers(tree)
        if not places:
            break
        path = draw(st.sampled_from(sorted(places, key=lambda p: (len(p), repr(p)))))
        node = _at(tree, path)
        keys = list(node) if isinstance(node, dict) else list(range(len(node)))
        op = draw(st.sampled_from(["drop", "swap", "huge", "unicode", "nest", "rename", "duplicate", "empty"]))
        if not keys:
            continue
        key = draw(st.sampled_from(keys))
        if op == "drop":
            del node[key]
        elif op == "swap":
            node[key] = draw(JUNK)
        elif op == "huge":
            node[key] = draw(st.sampled_from(["A", "/home/hcsshares/", "é", "\\"])) * draw(HUGE)
        elif op == "unicode":
            odd = draw(st.sampled_from(["\u0000", "\u200b\u200d", "\ufeff", "\U0001f680", "\u0301", "\u202e",
                                        "Ω", "\u2028", "\ud7ff", "\ue000", "\uffff", "ｆｕｌｌ"]))
            item = node[key]
            node[key] = f"{item}{odd}" if isinstance(item, str) else odd
            if isinstance(node, dict) and isinstance(key, str) and draw(st.booleans()):
                node[f"{key}{odd}"] = node.pop(key)
        elif op == "nest":
            depth = draw(st.sampled_from([3, 20, 40]))  # deeper than MAX_DEPTH is tested by itself below
            value = node[key]
            for _level in range(depth):
                value = [value] if draw(st.booleans()) else {"x": value}
            node[key] = value
        elif op == "rename" and isinstance(node, dict):
            node[draw(SMALL_TEXT)] = node.pop(key)
        elif op == "duplicate" and isinstance(node, dict):
            node[f"{key}".upper() if isinstance(key, str) else "X"] = node[key]
        elif op == "empty":
            node[key] = {} if isinstance(node[key], dict) else [] if isinstance(node[key], list) else ""
    return _collapse_strings(tree)


@st.composite
def mutate_bytes(draw: st.DrawFn, data: bytes) -> bytes:
    """Byte-level damage: truncation, cut slices, inserted bytes, BOMs, other encodings."""
    op = draw(st.sampled_from(["truncate", "cut", "insert", "flip", "bom", "double-bom", "utf16-no-bom",
                               "latin1", "append", "nul"]))
    size = len(data)
    if op == "truncate":  # somewhere in the file, rarely at its very start
        return data[:size * draw(st.integers(1, 999)) // 1000]
    if op == "cut":
        start = draw(st.integers(0, size))
        return data[:start] + data[start + draw(st.integers(1, 64)):]
    if op == "insert":
        start = draw(st.integers(0, size))
        return data[:start] + draw(st.one_of(st.binary(min_size=1, max_size=8), st.sampled_from(
            [b"{", b"}", b"[", b",", b'"', b"//", b"/*", b"\\", b"\xff", b"\xc3", b"\xef\xbb\xbf"]))) + data[start:]
    if op == "flip" and size:
        index = draw(st.integers(0, size - 1))
        return data[:index] + bytes([data[index] ^ draw(st.integers(1, 255))]) + data[index + 1:]
    if op == "bom":
        return draw(st.sampled_from([codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE,
                                     codecs.BOM_UTF32_LE])) + data
    if op == "double-bom":
        return codecs.BOM_UTF8 + codecs.BOM_UTF8 + data
    if op == "utf16-no-bom":
        return data.decode("utf-8", errors="replace").encode("utf-16-le")
    if op == "latin1":
        return data.decode("utf-8", errors="replace").encode("latin-1", errors="replace") + b"\xe9"
    if op == "append":
        return data + draw(st.sampled_from([b"}", b",", b"\n// end", b"\x00", b" garbage"]))
    return data.replace(b":", b"\x00:", 1)


@st.composite
def corpus_mutations(draw: st.DrawFn, files: list[Path]) -> bytes:
    path = draw(st.sampled_from(files))
    data = path.read_bytes()
    try:
        tree = jsonc.parse(jsonc.decode(data).text).value
    except ManifestError:
        tree = None
    if tree is not None and draw(st.integers(0, 3)) > 0:
        mutated = draw(mutate_tree(tree))
        text = json.dumps(mutated, indent=draw(st.sampled_from([2, 4, None])), ensure_ascii=draw(st.booleans()))
        encoding = draw(st.sampled_from(["utf-8", "utf-8", "utf-8-sig", "utf-16"]))
        data = text.encode(encoding, errors="surrogatepass")
        if draw(st.integers(0, 4)) == 0:
            data = draw(mutate_bytes(data))
        return data
    return draw(mutate_bytes(data))


# ---------------------------------------------------------------- the tests (bounded, derandomized)

def bounded(examples: int) -> Callable[[Any], Any]:
    return settings(derandomize=True, max_examples=examples, deadline=None, database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture, HealthCheck.filter_too_much,
                                           HealthCheck.large_base_example])


@bounded(100)
@given(manifests())
def test_random_manifests_convert_or_raise_manifest_error_and_are_idempotent(data: bytes) -> None:
    note_known(check_convert(data))


@bounded(80)
@given(st.data())
def test_mutated_corpus_files_convert_or_raise_manifest_error_and_are_idempotent(corpus_dir: Path,
                                                                                 data: st.DataObject) -> None:
    files = sorted(corpus_dir.glob("*.json"))
    if not files:
        pytest.skip("the corpus folder is empty")
    note_known(check_convert(data.draw(corpus_mutations(files), label="input"), reports=False))


def test_every_corpus_file_round_trips(corpus_dir: Path) -> None:
    for path in sorted(corpus_dir.glob("*.json")):
        check_convert(path.read_bytes(), reports=False)


# ---------------------------------------------------------------- limits, each with a clear message

def _wrap_module(create_options: Any, as_string: bool = True) -> bytes:
    from tests.helpers import manifest, module
    return manifest({"app": module(create_options, as_string=as_string)})


def test_file_size_limit_names_the_limit() -> None:
    data = b" " * (jsonc.MAX_BYTES + 1)
    with pytest.raises(ManifestError, match=r"the limit is 16,777,216 bytes \(16 MiB\)") as caught:
        convert(data)
    assert f"{jsonc.MAX_BYTES + 1:,} bytes" in caught.value.message


def test_nesting_limit_names_the_limit() -> None:
    for depth in (jsonc.MAX_DEPTH + 1, 5_000, 200_000):
        nested = b'{"modulesContent": ' + b"[" * depth + b"]" * depth + b"}"
        with pytest.raises(ManifestError, match=rf"nested more than {jsonc.MAX_DEPTH} levels"):
            convert(nested)


def test_nesting_just_inside_the_limit_is_accepted() -> None:
    value: Any = {}
    for _level in range(jsonc.MAX_DEPTH - 10):  # the module's createOptions object sits 8 levels down
        value = {"x": value}
    check_convert(_wrap_module({"Labels": value}, as_string=False))


def test_string_length_limit_names_the_limit() -> None:
    text = json.dumps({"modulesContent": {"$edgeAgent": {"note": "x" * (jsonc.MAX_STRING + 1)}}})
    with pytest.raises(ManifestError, match=rf"the limit is {jsonc.MAX_STRING:,}"):
        convert(text.encode("utf-8"))


@pytest.mark.parametrize("depth", [jsonc.MAX_DEPTH + 10, 5_000, 100_000])
def test_deeply_nested_create_options_string_is_refused_with_the_limit(depth: int) -> None:
    # Found by these properties: a createOptions *string* used to be parsed outside the limits (RecursionError).
    data = json.loads(_wrap_module({}))
    settings_ = data["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]
    settings_["createOptions"] = '{"Labels":' + "[" * depth + "]" * depth + "}"
    encoded = json.dumps(data).encode("utf-8")
    check_convert(encoded, reports=False)
    result = convert(encoded)
    man004 = [f for f in result.findings if f.code == "MAN004" and f.module == "app"]
    assert man004 and f"more than {jsonc.MAX_DEPTH} levels" in man004[0].message


def test_lone_surrogate_escape_is_refused() -> None:
    # Found by these properties: "\\ud800" used to pass the loader and crash a rule with UnicodeEncodeError.
    from tests.helpers import manifest, module
    with pytest.raises(ManifestError, match="surrogate") as caught:
        convert(manifest({"app": module({}, env={"A": "\ud800"})}))
    assert caught.value.line is not None
    inside = convert(_wrap_module({"Env": ["A=\ud800"]}))  # inside a createOptions string: that module only
    assert any(f.code == "MAN004" and "surrogate" in f.message for f in inside.findings)
    check_convert(_wrap_module({"Env": ["A=\ud800"]}))


def test_exposed_port_only_module_converts_idempotently() -> None:
    # Found by these properties: PLT001 used to add Recreate only on the second pass, after NET001's binding.
    from tests.helpers import manifest, module
    assert check_convert(manifest({"apiserver": module({"ExposedPorts": {"80/tcp": {}}})}), reports=False) is None


@pytest.mark.parametrize("options", [
    {"HostConfig": {"runtime": "nvidia", "Runtime": "nvidia"}},
    {"HostConfig": {"NetworkMode": "host"}, "NetworkingConfig": {}, "NETWORKINGCONFIG": {}},
    {"HostConfig": {"Binds": ["/home/hcsshares/a:/x"], "BINDS": ["/home/hcsshares/b:/y"]}},
], ids=["RES006-runtime", "NET006-networkingconfig", "STO001-binds"])
def test_case_twin_keys_convert_idempotently(options: dict[str, Any]) -> None:
    # Found by these properties: keys spelt twice in different case used to be fixed one spelling per pass.
    from tests.helpers import manifest, module
    assert check_convert(manifest({"app": module(options)}), reports=False) is None


# Found by these properties: NAM001 proposed "a" for "0A" and refused it as A's Kubernetes name.
def test_digit_and_case_twin_module_names_get_valid_defaults_and_convert_idempotently() -> None:
    from tests.helpers import manifest, module
    # "0A" has a Service, whose name cannot start with a digit: NAM001 renames it (runtime audit §6.10).
    assert check_convert(manifest({"0A": module({"ExposedPorts": {"80/tcp": {}}}), "A": module({})}),
                         reports=False) is None


# Found by these properties: a user module named edgeAgent made NAM001 rename the system module.
def test_user_module_named_like_a_system_module_leaves_the_system_module_alone() -> None:
    from tests.helpers import manifest, module
    result = convert(manifest({"edgeAgent": module({})}))
    desired = json.loads(result.text)["modulesContent"]["$edgeAgent"]["properties.desired"]
    assert list(desired["systemModules"]) == ["edgeAgent", "edgeHub"]
    assert check_convert(manifest({"edgeAgent": module({})}), reports=False) is None


def test_module_names_equal_but_for_case_get_valid_defaults_and_convert_idempotently() -> None:
    # Found by tests/fuzz.py: AzureMonitorForIotEdgeModule beside AZUREMONITORFORIOTEDGEMODULE had its default
    # refused because the other module, itself renamed, held that Kubernetes name.
    from tests.helpers import manifest, module
    # A '.' makes both names ones the device refuses, so NAM001 renames both (runtime audit §6.10).
    assert check_convert(manifest({"Azure.Monitor": module({}), "AZURE.MONITOR": module({})}), reports=False) is None


@pytest.mark.parametrize("literal, words", [
    ("NaN", "NaN is not a JSON number"), ("Infinity", "Infinity is not a JSON number"),
    ("-Infinity", "-Infinity is not a JSON number"), ("1e400", "The number 1e400 is beyond"),
    ("-1E999", "The number -1E999 is beyond"), ("1.5e-400", "The number 1.5e-400 is beyond"),
    ("1" * 5000, "a number has more than 4,300 digits")])
def test_numbers_json_cannot_hold_are_refused_where_they_are(literal: str, words: str) -> None:
    # Found by a review: 1e400 came out as Infinity (not JSON), 1e-400 as 0.0, and 5,000 digits raised ValueError.
    text = '{"modulesContent": {"$edgeAgent": {"properties.desired": {"schemaVersion": "1.1",\n  "x": [1, %s]}}}}'
    with pytest.raises(ManifestError, match=re.escape(words)) as caught:
        convert((text % literal).encode("utf-8"))
    assert (caught.value.line, caught.value.column) == (2, 12)
    data = json.loads(_wrap_module({}))  # in a createOptions string: a finding for that module
    data["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"]["createOptions"] = \
        '{"Labels": {"x": ' + literal + "}}"
    inside = convert(json.dumps(data).encode("utf-8"))
    assert [f.module for f in inside.findings if f.code == "MAN004" and words in f.message] == ["app"]


def test_numbers_at_the_edges_of_what_json_tools_hold_are_kept() -> None:
    text = b'{"modulesContent": {"$edgeAgent": {"properties.desired": {"x": [1.5e308, 5e-324, 0e-999, -0.0, %s]}}}}'
    result = convert(text % (b"9" * 4300))
    assert result.root["modulesContent"]["$edgeAgent"]["properties.desired"]["x"] == [1.5e308, 5e-324, 0.0, -0.0,
                                                                                    int("9" * 4300)]


_HUGE = "9" * 5000  # past Python's 4,300-digit limit for int()
_NUMBER_SITES: list[tuple[str, dict[str, Any]]] = [
    ("Memory", {"HostConfig": {"Memory": _HUGE}}), ("NanoCpus", {"HostConfig": {"NanoCpus": 10**400}}),
    ("CpuQuota", {"HostConfig": {"CpuQuota": 10**400, "CpuPeriod": _HUGE}}),
    ("Memory", {"HostConfig": {"Memory": 10**400}}),
    ("Count", {"HostConfig": {"DeviceRequests": [{"Driver": "nvidia", "Count": _HUGE}]}}),
    ("HostPort", {"ExposedPorts": {"80/tcp": {}}, "HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": _HUGE}]}}}),
    ("HostPort", {"HostConfig": {"PortBindings": {"80/tcp": [{"HostPort": "\u00b2"}]}}}),
    ("User", {"User": _HUGE}), ("User", {"User": "\u00b2:0"}),
    ("fpga limit", {"k8s-experimental": {"resources": {"limits": {"microsoft.com/fpga_catapult": _HUGE}}}}),
    ("mention", {"Env": ["PEER=http://my.mod:" + _HUGE]}),
]


@pytest.mark.parametrize("what, create_options", _NUMBER_SITES,
                         ids=[f"{index}-{what}" for index, (what, _options) in enumerate(_NUMBER_SITES)])
def test_numbers_no_reader_holds_in_any_field_convert_or_are_refused(what: str, create_options: dict[str, Any]) -> None:
    # Found by a review: int() of 5,000 digits (ValueError), of "²" (ValueError), and 10**400 / 2**20 (OverflowError).
    from tests.helpers import manifest, module
    check_convert(manifest({"my.mod": module({}), "app": module(create_options)}), reports=False)  # renamed: NAM006


def test_a_create_options_piece_number_with_too_many_digits_is_a_finding() -> None:
    data = json.loads(_wrap_module({"Env": ["A=1"]}))
    data["modulesContent"]["$edgeAgent"]["properties.desired"]["modules"]["app"]["settings"][
        "createOptions" + "1" * 4301] = "}"
    result = convert(json.dumps(data).encode("utf-8"))
    assert [f.code for f in result.findings if f.module == "app" and "too many digits" in f.message] == ["MAN004"]
    check_convert(json.dumps(data).encode("utf-8"), reports=False)


def test_whole_numbers_are_read_when_the_digit_limit_is_turned_off() -> None:
    # Found by a review: with the limit at 0 ("no limit") every number was refused, pieces and ports included.
    from asegui.core.jsonc import whole_number

    before = sys.get_int_max_str_digits()
    sys.set_int_max_str_digits(0)
    try:
        assert (whole_number("8080"), whole_number("9" * 5000) == int("9" * 5000), whole_number("\u00b2")) == \
            (8080, True, None)
    finally:
        sys.set_int_max_str_digits(before)
    assert (whole_number("9" * 4300) is not None, whole_number("9" * 4301)) == (True, None)


def test_a_port_binding_entry_that_is_not_an_object_converts() -> None:
    # Found by tests/fuzz.py after a change: reading a HostPort looked for keys in an entry that was a number.
    from tests.helpers import manifest, module
    check_convert(manifest({"app": module({"HostConfig": {"PortBindings": {"80/tcp": [0, "x", None]}}})}))
