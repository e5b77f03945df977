"""Rules of the manifest area."""

from __future__ import annotations
