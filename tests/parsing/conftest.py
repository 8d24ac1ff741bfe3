"""Shared paths and loaders for the parser tests."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"
FILINGS = ROOT / "tests" / "fixtures" / "filings"
SEED_000 = SEEDS / "000_6de0636f7720f9ef.txt"
SEED_004 = SEEDS / "004_75a3e5324524647b.txt"


@pytest.fixture
def seed_000() -> bytes:
    """The Third Avenue supplement (one instruction, effective before its date)."""
    return SEED_000.read_bytes()


@pytest.fixture
def seed_004() -> bytes:
    """The Dreman supplement (prospectus and SAI, effective at the NYSE close)."""
    return SEED_004.read_bytes()
