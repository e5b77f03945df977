"""The runtime's name sanitizers, character for character (``A/KubeUtils.cs``, ``ImagePullSecretName.cs``).

Each either returns the name the device will use or raises :class:`InvalidName` where the runtime throws
``InvalidKubernetesNameException`` — which aborts the whole deployment (runtime-audit.md §1.3), so the
device model reports it as an error instead of guessing a name.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache

from ..i18n import _

_ALPHA = frozenset(string.ascii_letters)
_ALNUM = frozenset(string.ascii_letters + string.digits)
_LABEL_CHARS = _ALNUM | frozenset("-._")
_DNS_CHARS = _ALNUM | frozenset("-")
_GENERIC_CHARS = _ALNUM | frozenset("-.")
MAX_K8S_VALUE = 253
MAX_DNS_NAME = 63
MAX_LABEL_VALUE = 63


# What the API server takes as names (Kubernetes validation: IsDNS1123Label, IsDNS1035Label): at most 63 characters.
_DNS_1123_LABEL = re.compile(r"(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?")
_DNS_1035_LABEL = re.compile(r"(?=.{1,63}$)[a-z]([-a-z0-9]*[a-z0-9])?")


def is_dns1123_label(name: str) -> bool:
    """A container's name, a module label: lowercase letters, digits and '-', alphanumeric at both ends."""
    return _DNS_1123_LABEL.fullmatch(name) is not None


def is_dns1035_label(name: str) -> bool:
    """A Service's name: a DNS-1123 label that starts with a letter."""
    return _DNS_1035_LABEL.fullmatch(name) is not None


class InvalidName(ValueError):
    """What the runtime's sanitizer throws on (the deployment aborts)."""


def k8s_value(name: str, *, strict: bool = True) -> str:
    """``KubeUtils.SanitizeK8sValue``: lowercase, then delete every character outside ``[a-z0-9.-]``; a result over
    253 characters throws, unless ``strict`` is off (a rule naming the object leaves the length to another check)."""
    output = "".join(ch for ch in name.lower() if ch in _GENERIC_CHARS)
    if strict and len(output) > MAX_K8S_VALUE:
        raise InvalidName(_("\"{name}\" is longer than {limit} characters once sanitized")
                          .format(name=name, limit=MAX_K8S_VALUE))
    return output


def _trimmed(name: str, starts: frozenset[str], allowed: frozenset[str], limit: int) -> str:
    """The shape of ``SanitizeDNSValue`` and ``SanitizeNameValue``: from the first character that may start the name
    to the last alphanumeric, keeping only ``allowed`` characters; empty or over ``limit`` throws."""
    start = 0
    while start < len(name) and name[start] not in starts:
        start += 1
    if start == len(name):
        raise InvalidName(_("\"{name}\" has no character a name can start with").format(name=name))
    end = max(start, len(name) - 1)
    while end > start and name[end] not in _ALNUM:
        end -= 1
    output = "".join(ch for ch in name[start:end + 1] if ch in allowed)
    if len(output) > limit:
        raise InvalidName(_("\"{name}\" is longer than {limit} characters once sanitized")
                          .format(name=name, limit=limit))
    if not output:
        raise InvalidName(_("\"{name}\" is empty once sanitized").format(name=name))
    return output


def _dns_value(name: str, letter_first: bool) -> str:
    """``KubeUtils.SanitizeDNSValue``: lowercase, then trimmed to ``[a-z0-9-]`` (RFC 1035 starts with a letter)."""
    if not name:
        raise InvalidName(_("a DNS name is empty"))
    return _trimmed(name.lower(), _ALPHA if letter_first else _ALNUM, _DNS_CHARS, MAX_DNS_NAME)


@lru_cache(maxsize=4096)
def dns_label(name: str) -> str:
    """``KubeUtils.SanitizeDNSLabel`` (RFC 1123: may start with a digit): volume and claim names."""
    return _dns_value(name, letter_first=False)


@lru_cache(maxsize=4096)
def dns_domain(name: str) -> str:
    """``KubeUtils.SanitizeDNSDomain``: each dot-separated part through the RFC 1035 sanitizer (letter first),
    so a part of digits only — an IP address — throws."""
    if not name:
        raise InvalidName(_("a DNS subdomain is empty"))
    output = ".".join(_dns_value(part, letter_first=True) for part in name.split("."))
    if len(output) > MAX_K8S_VALUE:
        raise InvalidName(_("\"{name}\" is longer than {limit} characters once sanitized")
                          .format(name=name, limit=MAX_K8S_VALUE))
    return output


def _name_value(name: str) -> str:
    """``KubeUtils.SanitizeNameValue``: label values and annotation-key names (``-``, ``.``, ``_`` kept)."""
    return _trimmed(name, _ALNUM, _LABEL_CHARS, MAX_LABEL_VALUE)


@lru_cache(maxsize=4096)
def label_value(name: str) -> str:
    """``KubeUtils.SanitizeLabelValue``."""
    if not name:
        raise InvalidName(_("a label value is empty"))
    return _name_value(name.lower())


@lru_cache(maxsize=4096)
def annotation_key(key: str) -> str:
    """``KubeUtils.SanitizeAnnotationKey``: Docker ``Labels`` keys become pod and Service annotation keys."""
    if not key:
        raise InvalidName(_("a label key is empty"))
    prefix, slash, rest = key.partition("/")
    output = dns_domain(prefix) + "/" + _name_value(rest) if slash else _name_value(key)
    if not output:
        raise InvalidName(_("the label key \"{key}\" is empty once sanitized").format(key=key))
    return output


@lru_cache(maxsize=4096)
def pull_secret_name(username: str, address: str) -> str:
    """``ImagePullSecretName.Create``: ``SanitizeDNSDomain(lower(username) + "-" + host)``, the host being the
    address without its scheme and path, ``:`` turned into ``-``."""
    stripped = address.lower()
    for scheme in ("https://", "http://"):
        if stripped.startswith(scheme):
            stripped = stripped[len(scheme):]
            break
    host = stripped.split("/", 1)[0].replace(":", "-")
    return dns_domain(f"{username.lower()}-{host}")
