"""The device's objects as kubectl shows them: a ``---``-separated YAML stream, or a ``List`` in JSON."""

from __future__ import annotations

import json
from typing import Any


def dump_all(objects: list[dict[str, Any]]) -> str:
    """YAML documents in the given order, keys in the objects' order (PyYAML comes with kubernetes-validate)."""
    import yaml  # on first use: the window's first frame does not need it

    # libyaml's emitter when PyYAML was built with it (C, so much faster than the pure-Python one; same text)
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump_all(objects, Dumper=dumper, sort_keys=False, allow_unicode=True, default_flow_style=False,
                         width=120, explicit_start=True)


def dump_list(objects: list[dict[str, Any]]) -> str:
    """``kubectl get -o json`` style: ``{"apiVersion": "v1", "kind": "List", "items": [...]}``."""
    return json.dumps({"apiVersion": "v1", "kind": "List", "items": objects}, indent=2, ensure_ascii=False) + "\n"
