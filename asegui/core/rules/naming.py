"""Rules of the naming area."""

from __future__ import annotations
