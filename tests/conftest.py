"""Shared test set-up: headless Qt, and the shared reference material beside the checkout."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
SCHEMAS = SHARED / "schemas"
SAMPLE = ROOT / "resources" / "samples" / "fpga-sample.json"


def corpus_files() -> list[Path]:
    return sorted(CORPUS.glob("*.json")) if CORPUS.is_dir() else []


@pytest.fixture
def corpus_dir() -> Path:
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus is not beside this checkout")
    return CORPUS


@pytest.fixture
def schemas_dir() -> Path:
    if not SCHEMAS.is_dir():
        pytest.skip("../shared/schemas is not beside this checkout")
    return SCHEMAS


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()
