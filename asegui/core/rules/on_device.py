"""Checks on what the device will create: the Kubernetes objects compiled from the converted manifest
(``asegui/core/device``). Each is something the runtime throws on or the API server refuses — and one such
failure stops every module of the deployment from updating (runtime-audit.md §1.3) — or a device that cannot
give what the pods ask for. They run after the fixes, so collisions a fix creates are caught too.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..device.compile import Problem
from ..device.validate import kubernetes_violations
from ..findings import Example, Finding, Rule
from ..i18n import _
from ..pointers import join
from . import _links as L
from ._registry import DeviceContext, rule

_RUNTIME = "Azure/iotedge release/1.1-k8s-preview, edge-agent/src/Microsoft.Azure.Devices.Edge.Agent.Kubernetes/"
_ABORTS = ("The runtime builds every module's objects before applying any, so this one failure stops every module "
           "of the deployment from updating.")


def _problems(ctx: DeviceContext, *kinds: str) -> Iterator[Problem]:
    return (p for p in ctx.device.problems if p.kind in kinds)


@rule("NET010", "edgehub-unreachable", "networking", "error", "manual",
      "edgeHub has no Service: no module can reach it",
      "Every module on the GPU device is told `IOTEDGE_GATEWAYHOSTNAME=edgehub` and connects to edgeHub through the "
      "Kubernetes Service named `edgehub`. The runtime creates that Service only from edgeHub's own port bindings "
      "(or exposed ports): unlike the Docker runtime, it adds no ports for edgeHub by itself. An edgeHub without "
      "them has no Service, so messages, twin updates and direct methods of every module fail. Give edgeHub the "
      "ports the device's edgeHub listens on: `\"PortBindings\": {\"443/tcp\": [{\"HostPort\": \"443\"}], "
      "\"5671/tcp\": [{\"HostPort\": \"5671\"}], \"8883/tcp\": [{\"HostPort\": \"8883\"}]}` (ASE's edgehub Service "
      "is a LoadBalancer on 443, 5671 and 8883).",
      _RUNTIME + "edgedeployment/service/KubernetesServiceMapper.cs, edgedeployment/deployment/"
      "KubernetesDeploymentMapper.cs (CollectModuleEnv); Docker's commands/CreateCommand.cs adds edgeHub's ports, this "
      "runtime does not; Microsoft Learn: Azure Stack Edge Pro GPU networking (edgehub service)",
      before='"edgeHub": {"settings": {"createOptions": "{}"}}',
      after='"edgeHub": {"settings": {"createOptions": "{\\"HostConfig\\":{\\"PortBindings\\":{…}}}"}}',
      phase="device",
      links=(L.SERVICE_MAPPER, L.DEPLOYMENT_MAPPER, L.DOCKER_CREATE, L.K8S_NETWORKING),
      example=Example({"settings": {"createOptions": "{}"}}, {}, at="edgeHub"))
def check_edgehub_service(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    device = ctx.device
    hub = next((m for m in device.modules if m.system and m.k8s_name == "edgehub"), None)
    if hub is None or hub.service is not None or not any(not m.system for m in device.modules):
        return
    ref = ctx.doc.module(hub.name)
    pointer = ref.create_options_pointer if ref else hub.pointer
    yield Finding(r, hub.name, pointer,
                  _("edgeHub has no port bindings, so the device creates no \"edgehub\" Service and none of the "
                    "{count} module(s) can reach it: add edgeHub's port bindings for 443, 5671 and 8883")
                  .format(count=sum(1 for m in device.modules if not m.system)))


@rule("NET011", "service-ports-clash", "networking", "error", "manual",
      "Service ports that clash",
      "The runtime gives a module's Service one port per exposed port (`exposedport-<port>-<protocol>`) and per port "
      "binding (`hostport-<container port>-<protocol>`, at the HostPort), kept by port number with the last one "
      "winning. Two HostPorts for one container port (`\"80/tcp\": [{\"HostPort\": \"8080\"}, {\"HostPort\": "
      "\"8081\"}]`) give two ports of one name: the API server refuses the Service — an error. " + _ABORTS + " "
      "A port number used twice (an exposed 8080 and a binding of HostPort 8080 to port 80; or 53/tcp and 53/udp) "
      "keeps only the last: the other is dropped without a word — a warning. Give each container port one HostPort "
      "and each Service port its own number.",
      _RUNTIME + "edgedeployment/service/KubernetesServiceMapper.cs (PrepareService), PortExtensions.cs; Kubernetes "
      "API: Service port names must be unique",
      before='"PortBindings": {"80/tcp": [{"HostPort": "8080"}, {"HostPort": "8081"}]}',
      after='"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}', phase="device",
      severities=("warning",),
      links=(L.SERVICE_MAPPER, L.PORT_EXTENSIONS),
      example=Example({"PortBindings": {"80/tcp": [{"HostPort": "8080"}, {"HostPort": "8081"}]}},
          {"PortBindings": {"80/tcp": [{"HostPort": "8080"}]}}))
def check_service_ports(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    for module in ctx.device.modules:
        ref = ctx.doc.module(module.name)
        base = ref.create_options_pointer if ref else module.pointer
        seen: dict[str, int] = {}
        for port in module.ports:
            seen[port.name] = seen.get(port.name, 0) + 1
        for port in module.ports:
            if seen.get(port.name, 0) > 1:
                seen[port.name] = 0  # once per name
                yield Finding(r, module.name, join(base, *port.source),
                              _("Two Service ports would be named \"{name}\" (one container port bound to several "
                                "HostPorts): the API server refuses the Service and the deployment fails")
                              .format(name=port.name))
        for lost in module.lost_ports:
            yield Finding(r, module.name, join(base, *lost.source),
                          _("Service port {port} is given twice; the runtime keeps the last, so \"{name}\" "
                            "(to container port {target}/{protocol}) is dropped")
                          .format(port=lost.port, name=lost.name, target=lost.target_port or lost.port,
                                  protocol=lost.protocol), severity="warning")


@rule("STO008", "mount-incomplete", "storage", "error", "manual",
      "A Mounts entry without Type, Source or Target",
      "The runtime reads `HostConfig.Mounts` and throws `InvalidMountException` when any entry lacks `Type`, "
      "`Source` or `Target` — even a type it would otherwise ignore. " + _ABORTS + " Give every entry all three.",
      _RUNTIME + "edgedeployment/deployment/KubernetesDeploymentMapper.cs (CollectModuleVolumes)",
      before='"Mounts": [{"Source": "data", "Target": "/data"}]',
      after='"Mounts": [{"Type": "volume", "Source": "data", "Target": "/data"}]', phase="device",
      links=(L.DEPLOYMENT_MAPPER,),
      example=Example({"Mounts": [{"Source": "data", "Target": "/data"}]}, {"Mounts": [{"Type": "volume",
          "Source": "data", "Target": "/data"}]}))
def check_incomplete_mounts(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    for problem in _problems(ctx, "volume-incomplete-mount"):
        yield Finding(r, problem.module, problem.pointer, _("{reason}").format(reason=problem.values["reason"]))


@rule("STO009", "volume-name-collision", "storage", "error", "manual",
      "Two volumes with one name",
      "The runtime names a volume after its source with the DNS-label sanitizer — lowercase, characters outside "
      "`[a-z0-9-]` deleted — and keeps one volume per name. Two different sources that reduce to one name (`/a/b` "
      "and `/ab`; a share `data` and a bind of `/data`) become one volume: the read-write share wins and the other "
      "mount silently gets its content. A name also used by a `k8s-experimental` volume gives the pod two volumes "
      "of one name, which the API server refuses. " + _ABORTS + " This also catches collisions the tool's own fixes "
      "make (a share named after a host directory that is bound too). Rename a share or move a directory.",
      _RUNTIME + "edgedeployment/deployment/KubernetesDeploymentMapper.cs (CollectModuleVolumes), KubeUtils.cs "
      "(SanitizeDNSLabel)",
      before='"Binds": ["/data:/in"], "Mounts": [{"Type": "volume", "Source": "data", "Target": "/out"}]',
      after='"Binds": ["/srv/data:/in"], "Mounts": [{"Type": "volume", "Source": "data", "Target": "/out"}]',
      phase="device",
      links=(L.DEPLOYMENT_MAPPER, L.KUBE_UTILS),
      example=Example({"Binds": ["/data:/in"], "Mounts": [{"Type": "volume", "Source": "data", "Target": "/out"}]},
          {"Binds": ["/srv/data:/in"], "Mounts": [{"Type": "volume", "Source": "data", "Target": "/out"}]}))
def check_volume_names(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    for problem in _problems(ctx, "volume-collision"):
        sources = ", ".join(f'"{s}"' for s in problem.values["sources"])
        yield Finding(r, problem.module, problem.pointer,
                      _("{sources} all become the volume \"{name}\": the pod gets one of them, and the other "
                        "mounts silently see its content").format(sources=sources, name=problem.values["name"]))
    for problem in _problems(ctx, "volume-duplicate"):
        yield Finding(r, problem.module, problem.pointer,
                      _("The pod would have two volumes named \"{name}\" (one from k8s-experimental): the API server "
                        "refuses the Deployment").format(name=problem.values["name"]))


_ONE_GPU = '{"k8s-experimental": {"resources": {"limits": {"nvidia.com/gpu": 1}}}}'


@rule("RES010", "gpus-over-device", "resources", "error", "manual",
      "More GPUs asked for than the device has",
      "Each `nvidia.com/gpu` limit reserves whole GPUs for one pod. An Azure Stack Edge Pro GPU has one GPU (two on "
      "the two-GPU model; the device's settings say which): pods asking for more than are free stay Pending and "
      "their modules never start. Give the GPU to the modules that need it, or set the device's GPU count.",
      "Microsoft Learn: Azure Stack Edge Pro GPU technical specifications; Kubernetes: Schedule GPUs (limits)",
      before="(three modules with nvidia.com/gpu: 1, one GPU on the device)",
      after="(one module with nvidia.com/gpu: 1)", phase="device",
      links=(L.GPU_MODULES, "https://kubernetes.io/docs/tasks/manage-gpus/scheduling-gpus/"),
      example=Example({name: {"settings": {"createOptions": _ONE_GPU}} for name in ("a", "b", "c")},
                      {"a": {"settings": {"createOptions": _ONE_GPU}}}, at="modules"))
def check_gpus(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    device = ctx.device
    asking = [m for m in device.modules if m.gpus]
    total = sum(m.gpus for m in asking)
    if total <= device.settings.gpus:
        return
    for module in asking:
        ref = ctx.doc.module(module.name)
        yield Finding(r, module.name, ref.create_options_pointer if ref else module.pointer,
                      _("{module} asks for {count} GPU(s); the modules ask for {total} in all and the device has "
                        "{gpus}: {over} pod(s) stay Pending").format(module=module.output_name, count=module.gpus,
                                                                     total=total, gpus=device.settings.gpus,
                                                                     over=total - device.settings.gpus))


@rule("NAM007", "name-rejected", "naming", "error", "manual",
      "A name the runtime's sanitizer or the API server refuses",
      "The runtime turns names into Kubernetes names with sanitizers that throw when nothing valid is left or the "
      "result is too long: a bind or mount Source becomes a volume name of at most 63 characters; a Docker label "
      "key becomes an annotation key whose name part is at most 63 characters; a module id must keep some "
      "character of `[a-z0-9.-]`, and two ids that reduce to one name make the planner refuse the deployment. "
      "That sanitized id names every object of the module: the container needs a DNS-1123 label (no `.`, at most "
      "63 characters, a letter or digit at both ends) and a Service a DNS-1035 label (a letter first). "
      + _ABORTS + " Shorten or rename what it names.",
      _RUNTIME + "KubeUtils.cs (SanitizeDNSLabel, SanitizeAnnotationKey, SanitizeK8sValue), "
      "planners/KubernetesPlanner.cs",
      before='"Binds": ["/mnt/a-very-long-directory-name-that-goes-on-and-on-for-more-than-63-chars:/data"]',
      after='"Binds": ["/mnt/short:/data"]', phase="device",
      links=(L.KUBE_UTILS, L.PLANNER),
      example=Example({"Binds": ["/mnt/a-very-long-directory-name-that-goes-on-and-on-for-more-than-63-chars:/data"]},
          {"Binds": ["/mnt/short:/data"]}))
def check_names(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    for problem in _problems(ctx, "volume-name", "label-key"):
        yield Finding(r, problem.module, problem.pointer,
                      _("The runtime's sanitizer refuses this name: {reason}").format(reason=problem.values["reason"]))
    for problem in _problems(ctx, "name-collision"):
        yield Finding(r, problem.module, problem.pointer,
                      _("Modules {modules} all become \"{name}\" on the device: the runtime refuses the deployment")
                      .format(modules=problem.values["modules"], name=problem.values["name"]))
    for problem in _problems(ctx, "object-name"):
        yield Finding(r, problem.module, problem.pointer,
                      _("On the device this module is named \"{name}\", which the API server refuses as {refused}: "
                        "rename the module (NAM001 proposes a name)").format(**problem.values))
    for problem in _problems(ctx, "empty-name"):
        yield Finding(r, problem.module, problem.pointer,
                      _("Nothing of this module's name is left once sanitized: the API server refuses its objects"))


@rule("NAM008", "registry-secret-name", "naming", "error", "manual",
      "A registry address the runtime cannot name a pull secret after",
      "For each registry credential an image uses, the runtime creates an image-pull Secret named after the user "
      "name and the registry host (`SanitizeDNSDomain(user + \"-\" + host)`), each dot-separated part of which "
      "must start with a letter once sanitized. An address that is an IP (`10.0.0.5:5000`) has parts of digits only: "
      "the sanitizer throws and no module of the deployment is updated. Use the registry's DNS name.",
      _RUNTIME + "edgedeployment/ImagePullSecretName.cs, KubeUtils.cs (SanitizeDNSDomain)",
      before='"registryCredentials": {"local": {"address": "10.0.0.5:5000", …}}',
      after='"registryCredentials": {"local": {"address": "registry.contoso.local:5000", …}}', phase="device",
      links=(L.PULL_SECRET_NAME, L.KUBE_UTILS),
      example=Example({"runtime": {"settings": {"registryCredentials": {"local": {"address": "10.0.0.5:5000",
          "username": "u", "password": "p"}}}}, "modules": {"app": {"settings": {"image": "10.0.0.5:5000/app:1.0"}}}},
          {"runtime": {"settings": {"registryCredentials": {"local": {"address": "registry.contoso.local:5000",
          "username": "u", "password": "p"}}}},
          "modules": {"app": {"settings": {"image": "registry.contoso.local:5000/app:1.0"}}}}, at="desired"))
def check_secret_names(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    seen: set[str] = set()
    for problem in _problems(ctx, "secret-name"):
        if problem.pointer in seen:
            continue
        seen.add(problem.pointer)
        yield Finding(r, None, problem.pointer,
                      _("The pull secret for registry \"{address}\" cannot be named: {reason}")
                      .format(address=problem.values["address"], reason=problem.values["reason"]))


@rule("PLT011", "image-unresolvable", "platform", "error", "manual",
      "An image the device's runtime cannot pull",
      "`$upstream` in an image (`$upstream:443/azureiotedge-hub:1.2`) asks a nested IoT Edge device to pull through "
      "its parent; that exists from IoT Edge 1.2 on, and the GPU device's Kubernetes runtime has no such code: the "
      "image name is used as written and cannot be pulled. An image the runtime's image pattern rejects (empty, or "
      "more than one tag) throws while the deployment is read. Give a registry the device can reach.",
      "Azure/iotedge 1.2.0 Agent.Core/NestedEdgeParentUrlParser.cs (absent from release/1.1-k8s-preview); "
      "Agent.Docker/DockerConfig.cs (ValidateAndGetImage)",
      before='"image": "$upstream:443/azureiotedge-hub:1.2"',
      after='"image": "mcr.microsoft.com/azureiotedge-hub:1.1"', phase="device",
      links=(L.NESTED_PARENT, L.DOCKER_CONFIG),
      example=Example({"settings": {"image": "$upstream:443/azureiotedge-hub:1.2"}},
          {"settings": {"image": "mcr.microsoft.com/azureiotedge-hub:1.1"}}, at="edgeHub"))
def check_images(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    for problem in _problems(ctx, "upstream-image"):
        yield Finding(r, problem.module, problem.pointer,
                      _("\"{image}\" pulls through a parent device ($upstream), which this runtime cannot do")
                      .format(image=problem.values["image"]))
    for problem in _problems(ctx, "bad-image"):
        yield Finding(r, problem.module, problem.pointer,
                      _("\"{image}\" is not an image name the runtime accepts").format(image=problem.values["image"]))


@rule("MAN010", "kubernetes-schema", "manifest", "error", "manual",
      "An object the device creates breaks Kubernetes' schema",
      "Every object the device's runtime would create from the converted manifest is checked against the "
      "Kubernetes schemas of the device's version (strict: unknown fields are refused too). A violation is what the "
      "API server refuses — usually a `k8s-experimental` section written by hand (`\"readOnly\": \"false\"` instead "
      "of `false`, a misspelt field). " + _ABORTS + " Correct the field it names.",
      "kubernetes-validate (strict schemas of Kubernetes 1.25, the version of the device); " + _RUNTIME
      + "KubernetesExperimentalCreatePodParameters.cs (sections copied as written)",
      before='"k8s-experimental": {"volumes": [{"volumeMounts": [{"readOnly": "false", …}]}]}',
      after='"k8s-experimental": {"volumes": [{"volumeMounts": [{"readOnly": false, …}]}]}', phase="device",
      links=("https://github.com/willthames/kubernetes-validate", L.EXPERIMENTAL),
      example=Example({"k8s-experimental": {"volumes": [{"volume": {"name": "cfg", "configMap": {"name": "cfg"}},
          "volumeMounts": [{"name": "cfg", "mountPath": "/cfg", "readOnly": "false"}]}]}},
          {"k8s-experimental": {"volumes": [{"volume": {"name": "cfg", "configMap": {"name": "cfg"}},
          "volumeMounts": [{"name": "cfg", "mountPath": "/cfg", "readOnly": False}]}]}}, at="createOptions"))
def check_kubernetes_schema(r: Rule, ctx: DeviceContext) -> Iterator[Finding]:
    version = ctx.device.settings.kubernetes_version
    for module in ctx.device.modules:
        found = [_("{kind} \"{name}\": {field}: {message}").format(kind=obj["kind"], name=obj["metadata"]["name"],
                                                                 field=violation.field, message=violation.message)
                 for obj in module.objects for violation in kubernetes_violations(obj, version)]
        if found:
            ref = ctx.doc.module(module.name)
            yield Finding(r, module.name, ref.create_options_pointer if ref else module.pointer,
                          _("The API server would refuse what the device creates for this module: {problems}")
                          .format(problems="; ".join(found)))
