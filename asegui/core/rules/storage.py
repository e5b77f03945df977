"""Storage: FPGA host binds become Kubernetes volume mounts on the GPU device."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from msgspec import Struct, field

from ..device import names
from ..findings import Decided, Edit, Example, Finding, Param, Rule
from ..i18n import _
from ..model import ModuleView, find_key, member
from ..placeholders import has_placeholder
from ..pointers import join
from . import _links as L
from ._common import Bind, binds, mounts, mounts_pointer
from ._facts import etc_hosts_handled
from ._registry import Context, rule

SHARE_ROOT = "/home/hcsshares/"
_FILE_SUFFIX = re.compile(r"\.(json|conf|cfg|ini|yaml|yml|xml|pem|crt|cer|key|pfx|txt|sock|env|properties|toml|db)$",
                          re.IGNORECASE)
_FILE_PATHS = ("/etc/hosts", "/etc/localtime", "/etc/timezone", "/etc/resolv.conf", "/etc/machine-id",
               "/var/run/docker.sock", "/run/docker.sock")


_NOT_SHARE_CHARS = re.compile(r"[^a-z0-9]+")


@lru_cache(maxsize=4096)
def is_share_name(name: str) -> bool:
    """A name the runtime uses as the claim name unchanged (``SanitizeDNSLabel`` leaves it as it is: a DNS-1123
    label, a leading digit kept), so ``1data`` is fine and ``Sql_Data`` is not."""
    return claim_name(name) == name


def claim_name(source: str) -> str | None:
    """The claim (and pod volume) a volume mount of ``source`` is named by the runtime, ``KubeUtils.SanitizeDNSLabel``
    (:func:`..device.names.dns_label`); None where it throws (empty once sanitized, over 63 characters)."""
    try:
        return names.dns_label(source)
    except names.InvalidName:
        return None


def share_name(name: str) -> str:
    """A share name close to ``name``: lowercase, runs of other characters -> ``-``, at most 63 (``Share_One`` ->
    ``share-one``, ``1Data`` -> ``1data``)."""
    return _NOT_SHARE_CHARS.sub("-", name.lower()).strip("-")[:63].rstrip("-") or "share"


def share_param(label: str, default: str) -> Param:
    """The share-name parameter of STO001, STO002 and STO006 (a placeholder is left to the build step)."""
    hint = _("{label} must be a DNS label: lowercase letters, digits and '-', starting and ending with a letter or "
             "digit, at most 63 characters")
    return Param(name="share", label=label, kind="text", default=default, check=_share_check(hint, label))


@lru_cache(maxsize=64)
def _share_check(hint: str, label: str) -> Callable[[Any], str | None]:
    hint = hint.format(label=label)

    def check(value: Any) -> str | None:
        return None if has_placeholder(value) or is_share_name(str(value)) else hint

    return check


def share_of(bind: Bind) -> tuple[str, str] | None:
    """(share, rest below the share root) for an edge-share bind, else None."""
    if not bind.source.startswith(SHARE_ROOT):
        return None
    rest = bind.source[len(SHARE_ROOT):].rstrip("/")
    share, _sep, below = rest.partition("/")
    return (share, below) if share else None


def looks_like_file(path: str) -> bool:
    """A host path that is a file, socket or device node, which a hostPath directory mount cannot be."""
    path = path.rstrip()
    if path in _FILE_PATHS or path.endswith(".sock"):
        return True
    if re.match(r"^/dev/(?!shm$|bus/usb$|dri$|bus$|input$|snd$|v4l$|serial$)[^/]+$", path):
        return True
    return bool(_FILE_SUFFIX.search(path.rsplit("/", 1)[-1]))


def _mount(kind: str, source: str, target: str, read_only: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {"Type": kind, "Source": source, "Target": target}
    if read_only:
        entry["ReadOnly"] = True
    return entry


@rule("STO001", "edge-share-bind-to-volume", "storage", "error", "choice",
      "Edge share bind becomes a volume mount",
      "On the FPGA device a module reached an Edge share through a host path bind, "
      "`/home/hcsshares/<share>:<target>`. Kubernetes deployments on the GPU device cannot use `Binds` for "
      "persistent storage: the share must be mounted with `HostConfig.Mounts` of `\"Type\": \"volume\"` whose "
      "`Source` is the name of the SMB or NFS share created on the GPU device (with \"Use the share with Edge "
      "compute\"). The target path in the container stays the same, and `:ro` becomes `\"ReadOnly\": true`. "
      "The share name must be a lowercase DNS label, because the runtime uses it as the volume claim name.",
      "Microsoft Learn: Run existing IoT Edge modules from Azure Stack Edge Pro FPGA devices on Azure Stack "
      "Edge Pro GPU device — Storage; microsoft/iotedge-k8s-doc bp/storage/ase.md",
      before='"Binds": ["/home/hcsshares/localin:/home/input"]',
      after='"Mounts": [{"Type": "volume", "Source": "localin", "Target": "/home/input"}]',
      links=(L.FPGA_TO_GPU + "#storage", L.K8S_DOC + "bp/storage/ase.html"),
      example=Example({"Binds": ["/home/hcsshares/localin:/home/input"]}, {"Mounts": [{"Type": "volume",
          "Source": "localin", "Target": "/home/input"}]}))
def check_share_binds(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for bind in binds(module):
            share = share_of(bind)
            if not share or share[1]:
                continue
            name = share[0]
            param = share_param(_("Share name on the GPU device"), _share_default(name))

            def build(values: dict[str, Any], module: ModuleView = module, bind: Bind = bind) -> list[Edit]:
                return [Edit("remove", bind.pointer, prune=True),
                        Edit("append", mounts_pointer(module),
                             _mount("volume", values["share"], bind.target, bind.read_only))]

            finding = Finding(r, module.name, bind.pointer,
                              _("Bind of edge share \"{share}\" at {target} becomes a volume mount of the GPU "
                                "device's share").format(share=name, target=bind.target),
                              params=(param,), build=build)
            _naming_fixes(ctx)[bind.pointer] = finding
            yield finding


@rule("STO002", "directory-bind-to-mount", "storage", "warning", "choice",
      "Host directory bind becomes a Mounts entry",
      "The ASE article tells to replace `Binds` with `HostConfig.Mounts`; the device's runtime reads both, and turns a "
      "`Binds` entry and a `Mounts` entry of `\"Type\": \"bind\"` into the same hostPath volume (created if "
      "missing, read-only with `ro`). So the bind is written as a Mounts bind, the documented form, which the device "
      "runs exactly as the bind. What changes is the host: it is now the Kubernetes node VM, whose folders are not "
      "the FPGA host's, start empty, and may be lost when the node is rebuilt. Keep the bind only for scratch data; "
      "for data that must persist, mount a share of the GPU device instead (`\"Type\": \"volume\"`). A bind whose "
      "source is a name rather than a path (`myvolume:/data`) was a Docker named volume: it becomes a volume mount "
      "of a share with that name.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Storage; "
      "microsoft/iotedge-k8s-doc bp/storage/hoststorage.md; Azure/iotedge release/1.1-k8s-preview, "
      "edge-agent/.../Kubernetes/edgedeployment/deployment/KubernetesDeploymentMapper.cs (Binds and bind Mounts "
      "become one hostPath volume)",
      before='"Binds": ["/var/dashboard/data:/data"]',
      after='"Mounts": [{"Type": "bind", "Source": "/var/dashboard/data", "Target": "/data"}]',
      links=(L.FPGA_TO_GPU + "#storage", L.K8S_DOC + "bp/storage/hoststorage.html", L.DEPLOYMENT_MAPPER),
      example=Example({"Binds": ["/var/dashboard/data:/data"]}, {"Mounts": [{"Type": "bind",
          "Source": "/var/dashboard/data", "Target": "/data"}]}))
def check_directory_binds(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for bind in binds(module):
            if share_of(bind) or looks_like_file(bind.source) or looks_like_file(bind.target):
                continue
            named_volume = not bind.source.startswith("/")
            default_share = _share_default(bind.source) if named_volume \
                else share_name(bind.source.strip("/").split("/")[-1] or "data")
            params = (Param("mount", _("Mount as"), "enum", "volume" if named_volume else "bind",
                            options=("bind", "volume")),
                      share_param(_("Share name (for a volume mount)"), default_share))

            def build(values: dict[str, Any], module: ModuleView = module, bind: Bind = bind) -> list[Edit]:
                if values["mount"] == "volume":
                    entry = _mount("volume", values["share"], bind.target, bind.read_only)
                else:
                    entry = _mount("bind", bind.source, bind.target, bind.read_only)
                return [Edit("remove", bind.pointer, prune=True), Edit("append", mounts_pointer(module), entry)]

            message = _("Named volume \"{source}\" at {target} becomes a volume mount of a share") if named_volume \
                else _("Host directory {source} at {target} becomes a Mounts bind (the runtime mounts it as it "
                       "would the bind): a folder of the Kubernetes node, not the FPGA host's data")
            finding = Finding(r, module.name, bind.pointer, message.format(source=bind.source, target=bind.target),
                              params=params, build=build)
            _naming_fixes(ctx)[bind.pointer] = finding
            yield finding


@rule("STO003", "file-bind-unsupported", "storage", "error", "manual",
      "Bind of a file or socket is not supported",
      "On the GPU device a bind mount works for a directory only, never for a file: the runtime mounts host "
      "paths as `DirectoryOrCreate`, so a file such as `/etc/hosts`, a `*.json` configuration or "
      "`/var/run/docker.sock` makes the pod fail to start. There is no Docker engine to reach through "
      "`docker.sock` either. Map the parent directory instead, bake the file into the image, or deliver it as a "
      "ConfigMap through `k8s-experimental.volumes`.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Storage (\"bind through "
      "Mounts works only for directory, and not for file\"); Azure Stack Edge 2207 release notes, known issue 12; "
      "microsoft/iotedge-k8s-doc bp/docksock.md",
      before='"Binds": ["/var/run/docker.sock:/var/run/docker.sock"]',
      after="(remove the bind; redesign without the Docker socket)",
      links=(L.FPGA_TO_GPU + "#storage", L.RELEASE_2207, L.K8S_DOC + "bp/docksock.html"),
      example=Example({"Binds": ["/var/run/docker.sock:/var/run/docker.sock"]}, {}))
def check_file_binds(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for bind in binds(module):
            if share_of(bind) or etc_hosts_handled(module, bind):
                continue
            if looks_like_file(bind.source) or looks_like_file(bind.target):
                what = _("the Docker socket") if "docker.sock" in bind.source else bind.source
                yield Finding(r, module.name, bind.pointer,
                              _("Bind of {what} is a file, not a directory: it cannot be mounted on the GPU device")
                              .format(what=what))
        for _index, pointer, entry in mounts(module):
            source = member(entry, "Source")
            if str(member(entry, "Type", "")).lower() == "bind" and isinstance(source, str) and looks_like_file(source):
                yield Finding(r, module.name, pointer,
                              _("Mounts bind of {source} is a file, not a directory: it cannot be mounted on the "
                                "GPU device").format(source=source))


@rule("STO004", "share-subpath", "storage", "error", "manual",
      "Share bound below its root",
      "A volume mount of a share on the GPU device always mounts the whole share: `Mounts` has no sub-path. "
      "A bind such as `/home/hcsshares/share/sub/dir:/target` cannot be translated as it is. Mount the whole "
      "share and point the application at the sub-folder, or mount the share's claim through "
      "`k8s-experimental.volumes` with a `subPath`.",
      "Microsoft Learn: Run existing IoT Edge modules … on Azure Stack Edge Pro GPU — Storage (inference from "
      "the Mounts format); Kubernetes VolumeMount.subPath",
      before='"Binds": ["/home/hcsshares/data/images:/images"]',
      after='"Mounts": [{"Type": "volume", "Source": "data", "Target": "/data"}] (and the app reads /data/images)',
      links=(L.FPGA_TO_GPU + "#storage", "https://kubernetes.io/docs/concepts/storage/volumes/#using-subpath"),
      example=Example({"Binds": ["/home/hcsshares/data/images:/images"]}, {"Mounts": [{"Type": "volume",
          "Source": "data", "Target": "/data"}]}))
def check_share_subpath(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for bind in binds(module):
            share = share_of(bind)
            if share and share[1]:
                yield Finding(r, module.name, bind.pointer,
                              _("Bind of {path} reaches below the root of share \"{share}\"; a volume mount "
                                "has no sub-path").format(path=bind.source, share=share[0]))


@rule("STO005", "shares-to-create", "storage", "warning", "manual",
      "Shares the GPU device must have",
      "Every share a module mounts must exist on the GPU device before the deployment, created in the device's "
      "Azure portal with \"Use the share with Edge compute\" and the same name: a local share for data that stays "
      "on the device, a cloud share for data that syncs to Azure Storage as on the FPGA device. NFS shares "
      "must use NFS v3, and the compute network must reach the NFS virtual IP. A mount of a share that does not "
      "exist leaves the pod Pending.",
      "Microsoft Learn: Azure Stack Edge Pro GPU — Kubernetes storage management; Manage shares",
      before='"Binds": ["/home/hcsshares/cloudout:/home/output"]',
      after="(create the share \"cloudout\" on the GPU device, as a cloud share)",
      links=(L.K8S_STORAGE,),
      example=Example({"Binds": ["/home/hcsshares/cloudout:/home/output"]}, {"Binds": ["/var/output:/home/output"]}))
def check_shares_to_create(r: Rule, ctx: Context) -> Iterator[Finding]:
    groups: dict[str, list[_Share]] = {}
    for module in ctx.modules:
        for bind in binds(module):
            share = share_of(bind)
            if share and not share[1]:
                groups.setdefault(_share_default(share[0]), []).append(_Share(module.name, bind.pointer, "bind",
                                                                              share[0]))
            elif not share and not bind.source.startswith("/") and not looks_like_file(bind.source) \
                    and not looks_like_file(bind.target):  # a named volume: STO002 mounts a share by default
                groups.setdefault(_share_default(bind.source), []).append(_Share(module.name, bind.pointer, "volume",
                                                                                 bind.source))
        for _index, pointer, entry in mounts(module):
            source = member(entry, "Source")
            if str(member(entry, "Type", "")).lower() == "volume" and isinstance(source, str) and source:
                default = source if is_share_name(source) or has_placeholder(source) else share_name(source)
                groups.setdefault(default, []).append(_Share(module.name, pointer, "mount", source))
    for default, shares in groups.items():
        yield SharesToCreate(r, shares[0].module, shares[0].pointer, "", default=default, shares=tuple(shares),
                             fixes=_naming_fixes(ctx))


MEMO_NAMING_FIXES = "storage.naming_fixes"


def _naming_fixes(ctx: Context) -> dict[str, Finding]:
    """The STO001, STO002 and STO006 findings that name a share, by the bind's or the mount's pointer."""
    fixes: dict[str, Finding] = ctx.memo(MEMO_NAMING_FIXES, dict)
    return fixes


def _share_default(name: str) -> str:
    """The share a bind of edge share ``name`` (or a named volume ``name``) is mounted as by default."""
    return name if is_share_name(name) or has_placeholder(name) else share_name(name)


class _Share(Struct, frozen=True):
    """One place that mounts a share: an edge-share bind (STO001), a named volume (STO002) or a volume mount."""

    module: str
    pointer: str
    kind: str            # "bind", "volume" (a named-volume bind) or "mount"
    written: str         # the share or volume name as the input spells it


class SharesToCreate(Finding, frozen=True, eq=False):
    """STO005's finding: its message and checklist line name each share as the converted manifest mounts it.

    The name depends on decisions taken on other findings (STO001's, STO002's or STO006's share name; STO002's
    bind-or-volume choice; a fix rejected), which are settled after the findings are made, so the texts are made
    when read, from those findings' current values: before any decision, the names their defaults give.
    """

    default: str = ""
    shares: tuple[_Share, ...] = ()
    fixes: dict[str, Finding] = field(default_factory=dict)

    def mounted(self, decided: Callable[[Finding], Decided | None] = lambda _finding: None) -> dict[str, list[str]]:
        """Share name -> the modules that mount it, as the converted manifest does (``decided`` gives the other
        findings' outcomes in one result; without it, their defaults)."""
        found: dict[str, list[str]] = {}
        for share in self.shares:
            name = self._mounted(share, decided)
            if name is not None:
                found.setdefault(name, [])
                if share.module not in found[name]:
                    found[name].append(share.module)
        return found

    def _mounted(self, share: _Share, decided: Callable[[Finding], Decided | None]) -> str | None:
        finding = self.fixes.get(share.pointer)
        if finding is None:  # a volume mount whose name needs no fix
            return share.written
        fix = decided(finding)
        if fix is None:  # not decided yet: the default
            return self.default
        if fix.edits:
            return str(fix.values["share"]) if fix.values.get("mount", "volume") == "volume" else None
        # The fix is not applied: a mount keeps its Source, which the runtime sanitizes into the claim name; a bind
        # stays a folder of the node, not a share.
        return (claim_name(share.written) or share.written) if share.kind == "mount" else None

    def describe(self, decided: Callable[[Finding], Decided | None]) -> tuple[str, str]:
        mounted = self.mounted(decided)
        if not mounted:
            written = self.shares[0].written
            text = _("No share to create for \"{share}\": the fix that mounts it as a share is not applied, so "
                     "the module binds a folder of the Kubernetes node").format(share=written)
            return text, ""
        message = "; ".join(_("Create share \"{share}\" on the GPU device with \"Use the share with Edge "
                              "compute\" (used by {modules})").format(share=name, modules=", ".join(users))
                            for name, users in mounted.items())
        todo = "; ".join(_("Create the share \"{share}\" (Edge compute; local or cloud as on the FPGA device; "
                           "NFS v3) — used by {modules}").format(share=name, modules=", ".join(users))
                         for name, users in mounted.items())
        return message, todo

    # The record's own message and todo fields stay empty; these, found first on the class, make the texts when read.
    @property  # type: ignore[misc]
    def message(self) -> str:
        """Before any decision: the names the other findings' defaults give (a result's ``Decided`` says more)."""
        return self.describe(lambda _finding: None)[0]

    @property  # type: ignore[misc]
    def todo(self) -> str:
        return self.describe(lambda _finding: None)[1]


@rule("STO006", "share-name-dns-label", "storage", "warning", "choice",
      "Share name is not a DNS label",
      "The runtime names a volume mount's claim and pod volume after its `Source`, sanitized: lowercased, "
      "leading and trailing characters other than letters and digits dropped, then every character outside "
      "`a-z 0-9 -` deleted. A share named `Sql_Data` would be looked for as `sqldata`. Name the share on the GPU "
      "device as a DNS label the sanitizer leaves as it is (lowercase letters, digits and '-', starting and "
      "ending with a letter or digit, at most 63 characters; a leading digit is fine) and use that exact name in "
      "`Source`.",
      "microsoft/iotedge-k8s-doc bp/storage/ase.md; Azure/iotedge release/1.1-k8s-preview, "
      "edge-agent/.../Kubernetes/KubeUtils.cs (SanitizeDNSLabel) and edgedeployment/deployment/"
      "KubernetesDeploymentMapper.cs (GetVolume)",
      before='{"Type": "volume", "Source": "Sql_Data", "Target": "/var/opt/mssql"}',
      after='{"Type": "volume", "Source": "sql-data", "Target": "/var/opt/mssql"}',
      links=(L.K8S_DOC + "bp/storage/ase.html", L.KUBE_UTILS, L.DEPLOYMENT_MAPPER),
      example=Example({"Mounts": [{"Type": "volume", "Source": "Sql_Data", "Target": "/var/opt/mssql"}]},
          {"Mounts": [{"Type": "volume", "Source": "sql-data", "Target": "/var/opt/mssql"}]}))
def check_share_names(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        for _index, pointer, entry in mounts(module):
            source = member(entry, "Source")
            if str(member(entry, "Type", "")).lower() != "volume" or not isinstance(source, str) or not source:
                continue
            if is_share_name(source) or has_placeholder(source):
                continue
            param = share_param(_("Share name on the GPU device"), share_name(source))

            at = join(pointer, find_key(entry, "Source", last_wins=True) or "Source")

            def build(values: dict[str, Any], at: str = at) -> list[Edit]:
                return [Edit("replace", at, values["share"])]

            sanitized = claim_name(source)
            message = _("Share name \"{share}\" is not a DNS label; the runtime would look for a claim named "
                        "\"{sanitized}\"") if sanitized is not None else \
                _("Share name \"{share}\" is not a DNS label, and the runtime cannot make a claim name of it (it "
                  "throws, and no module of the deployment is updated)")
            finding = Finding(r, module.name, at, message.format(share=source, sanitized=sanitized),
                              params=(param,), build=build)
            _naming_fixes(ctx)[pointer] = finding
            yield finding


@rule("STO007", "duplicate-mount-target", "storage", "error", "manual",
      "Two mounts with one target",
      "Two mounts (binds, volume mounts or both) with the same target path in one module are rejected by "
      "Kubernetes. Give each mount its own target path.",
      "Microsoft Learn: Live Video Analytics on Azure Stack Edge (volume targets); Kubernetes pod validation "
      "(mountPath must be unique)",
      before='"Binds": ["/data:/data"], "Mounts": [{"Type": "volume", "Source": "data", "Target": "/data"}]',
      after="(one of the two moves to another target)",
      links=(L.K8S_STORAGE, "https://kubernetes.io/docs/concepts/storage/volumes/"),
      example=Example({"Binds": ["/data:/data"], "Mounts": [{"Type": "volume", "Source": "data", "Target": "/data"}]},
          {"Binds": ["/data:/cache"], "Mounts": [{"Type": "volume", "Source": "data", "Target": "/data"}]}))
def check_duplicate_targets(r: Rule, ctx: Context) -> Iterator[Finding]:
    for module in ctx.modules:
        targets: dict[str, str] = {}
        for bind in binds(module):
            target = bind.target.rstrip("/") or "/"
            if target in targets:
                yield _duplicate(r, module, bind.pointer, bind.target)
            targets.setdefault(target, bind.pointer)
        for _index, pointer, entry in mounts(module):
            written = member(entry, "Target")
            target = str(written or "").rstrip("/") or "/"
            if written and target in targets:
                yield _duplicate(r, module, pointer, str(written))
            targets.setdefault(target, pointer)


def _duplicate(r: Rule, module: ModuleView, pointer: str, target: str) -> Finding:
    return Finding(r, module.name, pointer,
                   _("Another mount of this module already uses target {target}").format(target=target))
