"""Rules of the resources area."""

from __future__ import annotations
