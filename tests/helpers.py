"""Build small manifests in tests, and read results back, without going through the code under test."""

from __future__ import annotations

import json
from typing import Any

from asegui.core import Finding, Result, convert


def module(create_options: dict[str, Any] | None = None, env: dict[str, str] | None = None,
           image: str = "contoso.azurecr.io/app:1.0", as_string: bool = True, **extra: Any) -> dict[str, Any]:
    """One user module; createOptions as a string (deployable) unless ``as_string=False``."""
    settings: dict[str, Any] = {"image": image}
    if create_options is not None:
        settings["createOptions"] = json.dumps(create_options) if as_string else create_options
    body: dict[str, Any] = {"version": "1.0", "type": "docker", "status": "running", "restartPolicy": "always",
                            "settings": settings}
    if env:
        body["env"] = {k: {"value": v} for k, v in env.items()}
    body.update(extra)
    return body


def manifest(modules: dict[str, dict[str, Any]], routes: dict[str, Any] | None = None,
             hub_env: dict[str, str] | None = None, hub_create_options: dict[str, Any] | None = None,
             agent_env: dict[str, str] | None = None, twins: dict[str, Any] | None = None,
             schema_version: str = "1.1") -> bytes:
    """A complete deployment manifest ``{"modulesContent": …}`` as UTF-8 bytes."""
    hub_settings: dict[str, Any] = {"image": "mcr.microsoft.com/azureiotedge-hub:1.1"}
    hub_settings["createOptions"] = json.dumps(hub_create_options if hub_create_options is not None else {
        "HostConfig": {"PortBindings": {"5671/tcp": [{"HostPort": "5671"}], "8883/tcp": [{"HostPort": "8883"}],
                                        "443/tcp": [{"HostPort": "443"}]}}})
    hub: dict[str, Any] = {"type": "docker", "status": "running", "restartPolicy": "always", "settings": hub_settings}
    if hub_env:
        hub["env"] = {k: {"value": v} for k, v in hub_env.items()}
    agent: dict[str, Any] = {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-agent:1.1",
                                                             "createOptions": "{}"}}
    if agent_env:
        agent["env"] = {k: {"value": v} for k, v in agent_env.items()}
    content: dict[str, Any] = {
        "$edgeAgent": {"properties.desired": {
            "schemaVersion": schema_version,
            "runtime": {"type": "docker", "settings": {"minDockerVersion": "v1.25", "loggingOptions": "",
                                                       "registryCredentials": {}}},
            "systemModules": {"edgeAgent": agent, "edgeHub": hub},
            "modules": modules}},
        "$edgeHub": {"properties.desired": {"schemaVersion": schema_version, "routes": routes or {
            "upstream": "FROM /messages/* INTO $upstream"}, "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}},
    }
    content.update(twins or {})
    return json.dumps({"modulesContent": content}, indent=2).encode("utf-8")


def run(data: bytes, decisions: dict[str, Any] | None = None, form: str = "auto") -> Result:
    return convert(data, decisions, form=form)  # type: ignore[arg-type]


def output(result: Result) -> dict[str, Any]:
    """The output manifest parsed with the standard library."""
    return json.loads(result.text)


def out_module(result: Result, name: str, system: bool = False) -> dict[str, Any]:
    desired = output(result)["modulesContent"]["$edgeAgent"]["properties.desired"]
    return desired["systemModules" if system else "modules"][name]


def out_create_options(result: Result, name: str, system: bool = False) -> dict[str, Any]:
    """A module's output createOptions, joined from its string pieces and parsed with json."""
    settings = out_module(result, name, system)["settings"]
    if isinstance(settings.get("createOptions"), dict):
        return settings["createOptions"]
    keys = sorted(k for k in settings if k.startswith("createOptions"))
    return json.loads("".join(settings[k] for k in keys)) if keys else {}


def findings(result: Result, code: str, module: str | None = None) -> list[Finding]:
    return [f for f in result.findings if f.code == code and (module is None or f.module == module)]
