"""Ports as the runtime reads them (``A/edgedeployment/service/PortAndProtocol.cs``, ``PortExtensions.cs``,
``KubernetesServiceMapper.cs``)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from msgspec import Struct

from ..model import member

_PROTOCOLS = {"tcp": "TCP", "udp": "UDP", "sctp": "SCTP"}
_INT32 = re.compile(r"\s*[+-]?\d+\s*")


def parse_int32(value: Any) -> int | None:
    """C#'s ``int.TryParse``: optional blanks and sign around digits, within 32 bits; anything else is None."""
    if not isinstance(value, str) or not _INT32.fullmatch(value) or len(value.strip()) > 12:
        return None
    number = int(value)
    return number if -2**31 <= number < 2**31 else None


def host_port(value: Any) -> int | None:
    """``PortBinding.HostPort`` through ``int.TryParse``. The field is a string, and Newtonsoft reads a JSON number
    into a string field as its text (``8080`` -> ``"8080"``, ``8080.0`` -> ``"8080"``), so a number counts too."""
    if isinstance(value, bool):
        return None  # "True"/"False"
    if isinstance(value, int):
        value = str(value)
    elif isinstance(value, float) and value.is_integer():
        value = str(int(value))
    return parse_int32(value)


def port_and_protocol(key: Any) -> tuple[int, str] | None:
    """``PortAndProtocol.Parse``: ``"80"``, ``"80/tcp"``, ``"53/UDP"`` -> (port, protocol); None is skipped."""
    if not isinstance(key, str) or not key.strip():
        return None
    parts = [part for part in key.split("/") if part]
    if not parts or len(parts) > 2:
        return None
    port = parse_int32(parts[0])
    if port is None:
        return None
    protocol = _PROTOCOLS.get(parts[1].lower()) if len(parts) > 1 else "TCP"
    return (port, protocol) if protocol else None


class ServicePort(Struct, frozen=True):
    """One port of a module's Service, and where it came from in createOptions (relative pointer parts)."""

    name: str
    port: int
    protocol: str
    target_port: int | None
    source: tuple[str | int, ...]

    @property
    def container_port(self) -> int:
        """The container port the Service port reaches (an exposed port reaches its own number)."""
        return self.port if self.target_port is None else self.target_port

    @property
    def key(self) -> str:
        """The ``ExposedPorts`` or ``PortBindings`` key it came from, as written."""
        return str(self.source[1] if self.target_port is None else self.source[2])

    def to_json(self) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name, "port": self.port, "protocol": self.protocol}
        if self.target_port is not None:
            data["targetPort"] = self.target_port
        return data


def exposed_ports(exposed: Any) -> list[ServicePort]:
    """``GetExposedPorts``: every readable ``ExposedPorts`` key, named ``exposedport-<port>-<protocol>``."""
    result = []
    for key in exposed if isinstance(exposed, dict) else ():
        parsed = port_and_protocol(key)
        if parsed:
            port, protocol = parsed
            result.append(ServicePort(f"exposedport-{port}-{protocol.lower()}", port, protocol, None,
                                      ("ExposedPorts", key)))
    return result


def host_ports(bindings: Any, host_config_key: str, bindings_key: str) -> list[ServicePort]:
    """``GetHostPorts``: one port per binding whose ``HostPort`` is a whole number (``""`` and text are dropped)."""
    result = []
    for key, entries in (bindings.items() if isinstance(bindings, dict) else ()):
        parsed = port_and_protocol(key)
        if not parsed:
            continue
        port, protocol = parsed
        for index, entry in enumerate(entries if isinstance(entries, list) else ()):
            number = host_port(member(entry, "HostPort")) if isinstance(entry, dict) else None
            if number is not None:
                result.append(ServicePort(f"hostport-{port}-{protocol.lower()}", number, protocol, port,
                                          (host_config_key, bindings_key, key, index)))
    return result


def service_ports(exposed: Iterable[ServicePort], bound: Iterable[ServicePort]) -> tuple[list[ServicePort],
                                                                                         list[ServicePort]]:
    """The Service's ports, keyed by port number, the last write winning (bindings after exposed ports), and the
    ports that lost their place that way (the runtime drops them without a word)."""
    by_number: dict[int, ServicePort] = {}
    lost: list[ServicePort] = []
    for port in [*exposed, *bound]:
        previous = by_number.get(port.port)
        if previous is not None and previous.container_port != port.container_port:
            lost.append(previous)
        by_number[port.port] = port
    return list(by_number.values()), lost


def container_ports(exposed: Any) -> list[dict[str, Any]]:
    """``GetContainerPorts``: the container listens on the exposed ports; pods never get a ``hostPort``."""
    ports = []
    for key in exposed if isinstance(exposed, dict) else ():
        parsed = port_and_protocol(key)
        if parsed:
            ports.append({"containerPort": parsed[0], "protocol": parsed[1]})
    return ports
