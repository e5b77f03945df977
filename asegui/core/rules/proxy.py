"""Rules of the proxy area."""

from __future__ import annotations
