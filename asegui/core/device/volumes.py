"""Volumes as the runtime builds them (``A/edgedeployment/deployment/KubernetesDeploymentMapper.cs``,
``CollectModuleVolumes``, ``GetVolume``, ``GetVolumeMount``)."""

from __future__ import annotations

from typing import Any

from msgspec import Struct, field

from ..model import find_key, member
from . import names


class Volume(Struct):
    """One pod volume with where it came from (pointer parts relative to createOptions)."""

    name: str
    spec: dict[str, Any]
    source: tuple[str | int, ...]
    origin: str            # "bind", "mount-bind", "mount-volume", "k8s"
    host_path: str = ""    # the host directory (bind) or the share/claim source (volume), as written

    @property
    def claim(self) -> dict[str, Any] | None:
        value = self.spec.get("persistentVolumeClaim")
        return value if isinstance(value, dict) else None

    def to_json(self) -> dict[str, Any]:
        return {"name": self.name, **self.spec}


class VolumeProblem(Struct):
    """What the runtime throws on while building volumes, or silently merges."""

    kind: str                             # "incomplete-mount", "name", "collision", "duplicate"
    source: tuple[str | int, ...]
    message: str
    volumes: list[Volume] = field(default_factory=list)


class Volumes(Struct):
    volumes: list[Volume]                    # the pod's volumes, after grouping by name
    mounts: list[dict[str, Any]]             # the module container's volumeMounts
    claims: list[Volume]                     # the pod's claim volumes (a share each on ASE)
    mount_claims: list[tuple[str, bool]]     # (claim name, read-only) per volume Mount, in mount order
    problems: list[VolumeProblem]
    grouped: dict[str, list[Volume]]         # every createOptions volume by its name, before grouping


def collect(host_config: dict[str, Any] | None, host_key: str, experimental_volumes: Any,
            experimental_key: tuple[str | int, ...]) -> Volumes:
    """Binds, bind Mounts, volume Mounts, then ``k8s-experimental`` volumes; grouped as the runtime groups them."""
    from ..i18n import _

    volumes: list[Volume] = []
    mounts: list[dict[str, Any]] = []
    problems: list[VolumeProblem] = []
    mount_claims: list[tuple[str, bool]] = []

    def named(source: str, where: tuple[str | int, ...]) -> str | None:
        try:
            return names.dns_label(source)
        except names.InvalidName as exc:
            problems.append(VolumeProblem("name", where, str(exc)))
            return None

    host = host_config if isinstance(host_config, dict) else {}
    binds_key = find_key(host, "Binds", last_wins=True)
    binds = host.get(binds_key) if binds_key else None
    for index, entry in enumerate(binds if isinstance(binds, list) else ()):
        parts = entry.split(":") if isinstance(entry, str) else []
        if len(parts) < 2:
            continue
        where = (host_key, binds_key or "Binds", index)
        name = named(parts[0], where)
        if name is None:
            continue
        volumes.append(Volume(name, {"hostPath": {"path": parts[0], "type": "DirectoryOrCreate"}}, where, "bind",
                              parts[0]))
        mount: dict[str, Any] = {"name": name, "mountPath": parts[1]}
        if len(parts) > 2 and "ro" in parts[2]:
            mount["readOnly"] = True
        mounts.append(mount)

    mounts_key = find_key(host, "Mounts", last_wins=True)
    entries = host.get(mounts_key) if mounts_key else None
    listed = [(i, e) for i, e in enumerate(entries if isinstance(entries, list) else ())]
    for index, entry in listed:
        data = entry if isinstance(entry, dict) else {}
        if any(not isinstance(member(data, key), str) for key in ("Type", "Source", "Target")):
            missing = [key for key in ("Type", "Source", "Target") if not isinstance(member(data, key), str)]
            problems.append(VolumeProblem("incomplete-mount", (host_key, mounts_key or "Mounts", index),
                                          _("this Mounts entry has no {fields}: the runtime throws "
                                            "InvalidMountException and no module of the deployment is updated")
                                          .format(fields=", ".join(missing))))
    if not any(p.kind == "incomplete-mount" for p in problems):
        for kind in ("bind", "volume"):  # the runtime adds every bind mount, then every volume mount
            for index, entry in listed:
                data = entry if isinstance(entry, dict) else {}
                if str(member(data, "Type")).lower() != kind:
                    continue
                source, target = member(data, "Source"), member(data, "Target")
                where = (host_key, mounts_key or "Mounts", index)
                name = named(source, where)
                if name is None:
                    continue
                read_only = member(data, "ReadOnly") is True
                if kind == "bind":
                    spec: dict[str, Any] = {"hostPath": {"path": source, "type": "DirectoryOrCreate"}}
                else:
                    spec = {"persistentVolumeClaim": {"claimName": name, "readOnly": read_only}}
                    mount_claims.append((name, read_only))
                volumes.append(Volume(name, spec, where, f"mount-{kind}", source))
                mount = {"name": name, "mountPath": target}
                if read_only:
                    mount["readOnly"] = True
                mounts.append(mount)

    experimental: list[Volume] = []
    for index, item in enumerate(experimental_volumes if isinstance(experimental_volumes, list) else ()):
        if not isinstance(item, dict):
            continue
        volume = member(item, "volume")
        if isinstance(volume, dict):
            experimental.append(Volume(str(volume.get("name", "")), {k: v for k, v in volume.items() if k != "name"},
                                       (*experimental_key, index), "k8s"))
        extra = member(item, "volumeMounts")
        mounts.extend(m for m in (extra if isinstance(extra, list) else ()) if isinstance(m, dict))

    grouped: dict[str, list[Volume]] = {}
    for volume in volumes:
        grouped.setdefault(volume.name, []).append(volume)
    final = list(experimental)
    for name, group in grouped.items():
        writable = [v for v in group if v.claim is not None and v.claim.get("readOnly") is False]
        final.append(writable[0] if writable else group[0])
        distinct = {_identity(v) for v in group}
        if len(distinct) > 1:
            problems.append(VolumeProblem("collision", group[-1].source, name, group))
    seen: dict[str, Volume] = {}
    for volume in final:
        if volume.name in seen:
            problems.append(VolumeProblem("duplicate", volume.source, volume.name, [seen[volume.name], volume]))
        seen.setdefault(volume.name, volume)
    claims = [v for v in final if v.origin == "mount-volume"]
    return Volumes(final, mounts, claims, mount_claims, problems, grouped)


def _identity(volume: Volume) -> tuple[str, str]:
    """What a volume reaches: a host directory or a claim (two mounts of one source are one volume, rightly)."""
    claim = volume.claim
    if claim is not None:
        return ("claim", str(claim.get("claimName")))
    return ("host", volume.host_path)
