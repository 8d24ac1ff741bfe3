"""The real base editions of other fund families copied into ``tests/fixtures/documents``."""

from __future__ import annotations

import gzip
import json
from functools import cache
from pathlib import Path
from typing import Any

DOCUMENTS = Path(__file__).resolve().parents[1] / "fixtures" / "documents"


@cache
def rows() -> tuple[dict[str, Any], ...]:
    """Every copied document's row (``url``, ``cik``, ``form``, ``fund``, ``text``, ...)."""
    with gzip.open(DOCUMENTS / "development.jsonl.gz", "rt", encoding="utf-8") as file:
        return tuple(json.loads(line) for line in file)


def name(row: dict[str, Any]) -> str:
    """A document's file name, as EDGAR serves it."""
    return str(row["url"]).rsplit("/", 1)[-1]


def row(key: str) -> dict[str, Any]:
    """The copied document whose file name holds ``key``."""
    (found,) = [item for item in rows() if key in name(item)]
    return found
