"""Helpers for tests on the labelled development filings (``tests/fixtures/labelled``)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

from prospectus_ledger.parsing import parse_filing
from prospectus_ledger.provenance import Source
from prospectus_ledger.supplement import Amendment, Supplement

LABELLED = Path(__file__).resolve().parents[1] / "fixtures" / "labelled"


@cache
def _rows() -> dict[str, dict[str, Any]]:
    lines = (LABELLED / "development.jsonl").read_text(encoding="utf-8").splitlines()
    return {json.loads(line)["url"]: json.loads(line) for line in lines}


def filing(key: str) -> dict[str, Any]:
    """The development filing whose URL holds ``key`` (an accession or a file name)."""
    found = [row for url, row in _rows().items() if key in url]
    assert len(found) == 1, f"{len(found)} development filings match {key!r}"
    return found[0]


def supplements(key: str) -> list[Supplement]:
    """The supplements parsed from the development filing ``key``."""
    row = filing(key)
    name = row["url"].rsplit("/", 1)[-1]
    return parse_filing(row["text"], Source(name=name, url=row["url"]))


def amendments(key: str) -> list[Amendment]:
    """Every amendment parsed from the development filing ``key``, in filing order."""
    return [a for supplement in supplements(key) for a in supplement.amendments]
