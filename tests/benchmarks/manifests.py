"""Realistic FPGA deployment manifests of any size, for the benchmarks (deterministic for a given count)."""

from __future__ import annotations

import json
from typing import Any


def _model_host(i: int) -> dict[str, Any]:
    return {"Env": [f"WIRESERVER_ADDRESS=10.139.218.{i % 250 + 1}", "Logging:LogLevel:Default=Information"],
            "HostConfig": {"Privileged": True, "Binds": ["/etc/hosts:/etc/hosts"],
                           "Devices": [{"PathOnHost": "/dev/catapult0", "PathInContainer": "/dev/catapult0"},
                                       {"PathOnHost": "/dev/catapult1", "PathInContainer": "/dev/catapult1"}],
                           "PortBindings": {"50051/tcp": [{"HostPort": str(50051 + i)}]}}}


def _classifier(i: int) -> dict[str, Any]:
    return {"Env": ["Logging:LogLevel=Debug", f"ModelHost=FpgaModelHost{i}:50051", "Storage:Account=contoso"],
            "HostConfig": {"Binds": [f"/home/hcsshares/localin{i % 7}:/home/input",
                                     f"/home/hcsshares/cloudout{i % 5}:/home/output:ro"],
                           "Memory": 536870912, "NanoCpus": 1500000000}}


def _dashboard(i: int) -> dict[str, Any]:
    return {"ExposedPorts": {"8080/tcp": {}, "9090/tcp": {}},
            "HostConfig": {"Binds": [f"/var/dashboard/data{i}:/data"],
                           "PortBindings": {"8080/tcp": [{"HostPort": str(8080 + i)}],
                                            "9090/tcp": [{"HostPort": str(20000 + i)}]},
                           "LogConfig": {"Type": "json-file", "Config": {"max-size": "10m"}}}}


def _camera(i: int) -> dict[str, Any]:
    return {"Env": ["RTSP_URL=rtsp://camera.local:554/stream", "FRAME_RATE=15"],
            "HostConfig": {"Devices": [{"PathOnHost": "/dev/video0", "PathInContainer": "/dev/video0",
                                        "CgroupPermissions": "rwm"}],
                           "Binds": [f"/home/hcsshares/frames{i % 3}:/frames"], "ShmSize": 268435456,
                           "IpcMode": "shareable"}}


KINDS = (("FpgaModelHost", _model_host, "contosoacr.azurecr.io/azureml-fpga-resnet50:1.{i}"),
         ("image_classifier", _classifier, "contosoacr.azurecr.io/image-classifier:2.{i}"),
         ("Dashboard", _dashboard, "contosoacr.azurecr.io/dashboard:1.{i}"),
         ("camera_capture", _camera, "contosoacr.azurecr.io/camera:3.{i}"))


def fpga_manifest(count: int) -> bytes:
    """A deployable manifest (createOptions as strings) with ``count`` user modules, routes between them."""
    modules: dict[str, Any] = {}
    routes: dict[str, str] = {}
    names: list[str] = []
    for i in range(count):
        base, options, image = KINDS[i % len(KINDS)]
        name = f"{base}{i}"
        names.append(name)
        body: dict[str, Any] = {"version": "1.0", "type": "docker", "status": "running", "restartPolicy": "always",
                                "settings": {"image": image.format(i=i), "createOptions": json.dumps(
                                    options(i), separators=(",", ":"))}}
        if i % 3 == 0:
            body["env"] = {"https_proxy": {"value": "http://proxy.contoso.local:3128"},
                           "Telemetry:Interval": {"value": "30"}}
        modules[name] = body
    for i, name in enumerate(names):
        target = names[(i + 1) % len(names)]
        routes[f"r{i}"] = (f"FROM /messages/modules/{name}/outputs/results INTO "
                           f"BrokeredEndpoint(\"/modules/{target}/inputs/in\")")
    routes["upstream"] = "FROM /messages/* INTO $upstream"
    hub = {"type": "docker", "status": "running", "restartPolicy": "always",
           "settings": {"image": "mcr.microsoft.com/azureiotedge-hub:1.0", "createOptions": json.dumps(
               {"HostConfig": {"PortBindings": {"5671/tcp": [{"HostPort": "5671"}], "8883/tcp": [{"HostPort": "8883"}],
                                                "443/tcp": [{"HostPort": "443"}]}}}, separators=(",", ":"))},
           "env": {"https_proxy": {"value": "http://proxy.contoso.local:3128"}}}
    agent = {"type": "docker", "settings": {"image": "mcr.microsoft.com/azureiotedge-agent:1.0", "createOptions": "{}"},
             "env": {"https_proxy": {"value": "http://proxy.contoso.local:3128"}}}
    root = {"modulesContent": {
        "$edgeAgent": {"properties.desired": {
            "schemaVersion": "1.0",
            "runtime": {"type": "docker", "settings": {"minDockerVersion": "v1.25", "loggingOptions": "",
                                                       "registryCredentials": {"contosoacr": {
                                                           "username": "contosoacr", "password": "s3cr3t-Passw0rd",
                                                           "address": "contosoacr.azurecr.io"}}}},
            "systemModules": {"edgeAgent": agent, "edgeHub": hub},
            "modules": modules}},
        "$edgeHub": {"properties.desired": {"schemaVersion": "1.0", "routes": routes,
                                            "storeAndForwardConfiguration": {"timeToLiveSecs": 7200}}}}}
    for name in names[:: max(1, count // 10)]:
        root["modulesContent"][name] = {"properties.desired": {"threshold": 0.8, "modelHost": name}}
    return json.dumps(root, indent=2).encode("utf-8")
