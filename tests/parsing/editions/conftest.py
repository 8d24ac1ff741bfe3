"""Shared paths and parsed editions for the edition parser tests."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from prospectus_ledger.parsing.editions import EditionDetails, parse_edition_details
from prospectus_ledger.provenance import Source

ROOT = Path(__file__).resolve().parents[3]
DELAWARE = ROOT / "tests" / "fixtures" / "delaware"
DELAWARE_BASE = DELAWARE / "base.html"
ACME = ROOT / "tests" / "fixtures" / "editions" / "acme_485bpos.txt"
HEADING_ACCURACY = ROOT / "scripts" / "heading_accuracy.py"


@pytest.fixture(scope="package")
def delaware_bytes() -> bytes:
    """The Delaware Group Equity Funds II 485BPOS, as published."""
    return DELAWARE_BASE.read_bytes()


@pytest.fixture(scope="package")
def delaware(delaware_bytes: bytes) -> EditionDetails:
    """The Delaware base, parsed once for all the edition tests."""
    return parse_edition_details(delaware_bytes, Source(name="base.html"))


@pytest.fixture(scope="package")
def acme_text() -> str:
    """The hand-written plain-text 485BPOS (illustrative, not a filing)."""
    return ACME.read_text(encoding="utf-8")


@pytest.fixture(scope="package")
def acme(acme_text: str) -> EditionDetails:
    """The plain-text fixture, parsed once."""
    return parse_edition_details(acme_text, Source(name=ACME.name))


def load_heading_accuracy() -> ModuleType:
    """Import scripts/heading_accuracy.py (the scripts folder is not a package)."""
    spec = importlib.util.spec_from_file_location("heading_accuracy", HEADING_ACCURACY)
    if spec is None or spec.loader is None:
        raise ImportError(HEADING_ACCURACY)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
