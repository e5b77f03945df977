"""Rules of the platform area."""

from __future__ import annotations
