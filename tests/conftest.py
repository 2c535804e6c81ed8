"""Shared fixtures: repository paths."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "seeds"


@pytest.fixture(scope="session")
def seed_text() -> str:
    return next(SEED_DIR.glob("*.txt")).read_text(encoding="utf-8")
