"""The GPU device's own settings: what the manifest cannot say but the objects depend on.

Defaults are an Azure Stack Edge Pro GPU's: one GPU (the two-GPU model has 2), Services of modules with
port bindings are LoadBalancer (MetalLB hands out the "Kubernetes external service IPs"), Kubernetes 1.25.
They are shown to the user and saved with the decisions, so a replay compiles the same objects.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from msgspec import Struct
from msgspec.structs import asdict

from ..i18n import _

SERVICE_TYPES = ("LoadBalancer", "ClusterIP")
GPU_COUNTS = (1, 2)
KUBERNETES_VERSIONS = ("1.25",)  # the schemas shipped (and bundled) for validation


class DeviceSettings(Struct, frozen=True):
    """The device a manifest is converted for."""

    gpus: int = 1
    service_type: str = "LoadBalancer"
    kubernetes_version: str = "1.25"

    def __post_init__(self) -> None:
        problem = self.problem()
        if problem:
            raise ValueError(problem)

    def problem(self) -> str | None:
        """Why these settings cannot describe an ASE Pro GPU device, or None."""
        if isinstance(self.gpus, bool) or self.gpus not in GPU_COUNTS:
            return _("the device has 1 or 2 GPUs, not {value!r}").format(value=self.gpus)
        if self.service_type not in SERVICE_TYPES:
            return _("the service type is LoadBalancer or ClusterIP, not {value!r}").format(value=self.service_type)
        if self.kubernetes_version not in KUBERNETES_VERSIONS:
            return _("Kubernetes {value!r} is not one this tool has the schemas of ({known})").format(
                value=self.kubernetes_version, known=", ".join(KUBERNETES_VERSIONS))
        return None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DeviceSettings:
        """Settings from a decisions file; unknown keys are refused so a typo is not ignored (ValueError)."""
        unknown = sorted(set(data) - {"gpus", "service_type", "kubernetes_version"})
        if unknown:
            raise ValueError(_("unknown device setting(s): {names}").format(names=", ".join(unknown)))
        return cls(**dict(data))

    def replace(self, **changes: Any) -> DeviceSettings:
        return DeviceSettings(**{**self.to_json(), **changes})


DEFAULT = DeviceSettings()
