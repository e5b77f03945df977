"""The device model: the converted manifest compiled into the Kubernetes objects the GPU device's runtime creates."""

from .settings import DEFAULT, DeviceSettings

__all__ = ["DEFAULT", "DeviceSettings"]
