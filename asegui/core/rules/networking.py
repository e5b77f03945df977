"""Rules of the networking area."""

from __future__ import annotations
