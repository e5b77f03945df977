"""Web proxy: what a module behind a proxy needs on the GPU device, and which proxies cannot work."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..findings import Edit, Example, Finding, Param, Rule
from ..i18n import _
from ..model import ModuleView, per_module
from ..placeholders import has_placeholder
from ..pointers import join
from . import _links as L
from ._common import EnvEntry, env_entries
from ._registry import Context, rule

PROXY_NAMES = ("https_proxy", "http_proxy", "all_proxy")
NO_PROXY = "no_proxy"
UPSTREAM_PROTOCOLS = ("AmqpWs", "MqttWs", "Amqp", "Mqtt")


@per_module
def proxy_vars(module: ModuleView) -> list[EnvEntry]:
    """The module's proxy URL variables (``https_proxy``, ``HTTPS_PROXY``, ``http_proxy``…) that have a value."""
    return [v for v in env_entries(module) if v.name.strip().lower() in PROXY_NAMES and (v.value or "").strip()]


def _lists_localhost(value: str) -> bool:
    return any(item.strip().lower() in ("localhost", "*") for item in value.split(","))


@rule("PRX001", "no-proxy-localhost", "proxy", "error", "auto",
      "Proxy without no_proxy=localhost",
      "On the GPU device every module reaches the IoT Edge runtime (the workload and management APIs) through "
      "its proxy sidecar at `http://localhost:35000`/`35001`. A module whose environment sets a web proxy "
      "(`https_proxy` as Microsoft's guidance names it, and `http_proxy`/`all_proxy` which affect plain HTTP "
      "even more directly) would send those calls to the proxy and fail, so `no_proxy` must contain `localhost`. "
      "This applies to edgeAgent and edgeHub too. The fix adds `no_proxy` = `localhost` where the proxy is set "
      "(module `env` or createOptions `Env`), or appends `,localhost` to an existing `no_proxy`/`NO_PROXY`.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Web proxy; "
      "microsoft/iotedge-k8s-doc bp/network/proxy.md",
      before='"env": {"https_proxy": {"value": "http://proxy:3128"}}',
      after='"env": {"https_proxy": {"value": "http://proxy:3128"}, "no_proxy": {"value": "localhost"}}',
      links=(L.FPGA_TO_GPU + "#web-proxy", L.K8S_DOC + "bp/network/proxy.html"),
      example=Example({"env": {"https_proxy": {"value": "http://proxy:3128"}}},
          {"env": {"https_proxy": {"value": "http://proxy:3128"}, "no_proxy": {"value": "localhost"}}}, at="module"))
def check_no_proxy(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        proxies = proxy_vars(module)
        if not proxies:
            continue
        existing = [v for v in env_entries(module) if v.name.strip().lower() == NO_PROXY]
        if any(has_placeholder(v.value) for v in existing):
            continue  # a value the build step fills in: it may well hold localhost
        if existing and all(_lists_localhost(v.value or "") for v in existing):
            continue
        edits: list[Edit] = []
        for var in existing:
            if _lists_localhost(var.value or ""):
                continue
            current = (var.value or "").strip().rstrip(",")
            value = f"{current},localhost" if current else "localhost"
            edits.append(Edit("replace", var.value_pointer, value if var.in_section else f"{var.name}={value}"))
        if not existing:
            section = module.env_section
            if any(v.in_section for v in proxies) and section is not None:
                edits.append(Edit("add", join(section.pointer, NO_PROXY), {"value": "localhost"}))
            else:
                edits.append(Edit("append", module.env_list_pointer or "", f"{NO_PROXY}=localhost"))
        message = _("{module} uses a web proxy ({name}) and its no_proxy does not list localhost: its calls to the "
                    "IoT Edge runtime on http://localhost would go to the proxy") if existing else \
            _("{module} uses a web proxy ({name}) without no_proxy: its calls to the IoT Edge runtime on "
              "http://localhost would go to the proxy; no_proxy=localhost is added")

        def build(_values: dict[str, Any], edits: list[Edit] = edits) -> list[Edit]:
            return list(edits)

        yield Finding(r, module.name, proxies[0].pointer, message.format(module=module.name, name=proxies[0].name),
                      build=build)


@rule("PRX002", "upstream-protocol", "proxy", "warning", "choice",
      "edgeHub behind a proxy without UpstreamProtocol",
      "Behind a web proxy edgeHub reaches IoT Hub only over WebSockets on port 443: set its `UpstreamProtocol` "
      "to `AmqpWs` (or `MqttWs`). Keep `Amqp` or `Mqtt` only if the proxy lets ports 5671/8883 through. The "
      "same setting is Microsoft's fix when modules run but edgeHub cannot reach IoT Hub. It is added to "
      "edgeHub's `env` section.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Web proxy; Troubleshoot IoT "
      "Edge issues on Azure Stack Edge Pro GPU; Configure an IoT Edge device to communicate through a proxy server",
      before='edgeHub "env": {"https_proxy": {"value": "http://proxy:3128"}}',
      after='edgeHub "env": {"https_proxy": {"value": "http://proxy:3128"}, "UpstreamProtocol": {"value": "AmqpWs"}}',
      links=(L.FPGA_TO_GPU + "#web-proxy", L.NETWORK_PROXY),
      example=Example({"env": {"https_proxy": {"value": "http://proxy:3128"}}},
          {"env": {"https_proxy": {"value": "http://proxy:3128"}, "UpstreamProtocol": {"value": "AmqpWs"}}},
          at="edgeHub"))
def check_upstream_protocol(r: Rule, ctx: Context) -> Iterator[Finding]:
    hub = next((m for m in ctx.modules if m.system and m.name == "edgeHub"), None)
    if hub is None:
        return
    if any(v.name.strip().lower() == "upstreamprotocol" for v in env_entries(hub)):
        return
    system = [m for m in ctx.modules if m.system]
    behind = next((m for m in sorted(system, key=lambda m: m is not hub) if proxy_vars(m)), None)
    if behind is None:
        return
    proxy = proxy_vars(behind)[0]
    section = hub.env_section
    target = join(section.pointer if section else join(hub.pointer, "env"), "UpstreamProtocol")
    param = Param("protocol", _("Upstream protocol"), "enum", "AmqpWs", options=UPSTREAM_PROTOCOLS)

    def build(values: dict[str, Any]) -> list[Edit]:
        return [Edit("add", target, {"value": values["protocol"]})]

    pointer = proxy.pointer if behind is hub else (section.pointer if section else hub.pointer)
    yield Finding(r, hub.name, pointer,
                  _("{module} sets a web proxy ({name}) but edgeHub has no UpstreamProtocol: behind a proxy it "
                    "needs WebSockets (AmqpWs)").format(module=behind.name, name=proxy.name),
                  params=(param,), build=build)


_NTLM = re.compile(r"ntlm", re.IGNORECASE)


def proxy_problem(value: str) -> str | None:
    """Why a proxy URL cannot be used on the GPU device, or None."""
    text = value.strip()
    lowered = text.lower()
    userinfo = lowered.split("://", 1)[-1].split("@", 1)[0] if "@" in lowered else ""
    if _NTLM.search(text) or "\\" in userinfo or "%5c" in userinfo:
        return _("it uses NTLM (Windows) authentication, which the GPU device does not support")
    if re.search(r"\.pac(\?|#|$)", lowered) or lowered.endswith("wpad.dat"):
        return _("it is a PAC file (proxy auto-configuration), which the GPU device does not support")
    if lowered.startswith("https://"):
        return _("it is an https:// proxy URL; the GPU device supports only http:// proxies")
    return None


@rule("PRX003", "unsupported-proxy", "proxy", "warning", "manual",
      "Proxy the GPU device does not support",
      "The Azure Stack Edge Pro GPU device and its IoT Edge runtime support only a plain `http://` web proxy, "
      "with no authentication or basic authentication (`http://user:password@proxy:port`). NTLM-authenticated "
      "proxies, `https://` proxy URLs and PAC files (proxy auto-configuration) are not supported. Ask the network "
      "team for an `http://` proxy endpoint with basic authentication (or an allow-list for the device), and use "
      "it in the device's web proxy settings and in the modules' proxy variables.",
      "Microsoft Learn: Azure Stack Edge Pro GPU — Configure network, compute network, web proxy; Azure Stack "
      "Edge Pro GPU 2202/2207 release notes (NTLM proxy not supported)",
      before='"https_proxy": {"value": "http://DOMAIN\\\\user:pw@proxy:8080"}',
      after='"https_proxy": {"value": "http://user:pw@proxy:8080"} (a proxy with basic authentication)',
      links=(L.NETWORK_PROXY, L.RELEASE_2207),
      example=Example({"env": {"https_proxy": {"value": "http://DOMAIN\\user:pw@proxy:8080"},
          "no_proxy": {"value": "localhost"}}}, {"env": {"https_proxy": {"value": "http://user:pw@proxy:8080"},
          "no_proxy": {"value": "localhost"}}}, at="module"))
def check_unsupported_proxy(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for var in proxy_vars(module):
            problem = proxy_problem(var.value or "")
            if problem:
                yield Finding(r, module.name, var.pointer,
                              _("{name} cannot be used on the GPU device: {problem}; use an http:// proxy with "
                                "basic authentication instead").format(name=var.name, problem=problem))
