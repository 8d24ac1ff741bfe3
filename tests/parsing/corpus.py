"""Helpers for tests that parse the corpus texts copied into ``tests/fixtures/filings``."""

from __future__ import annotations

from pathlib import Path

from prospectus_ledger.parsing import parse_filing
from prospectus_ledger.supplement import Amendment, Supplement

FILINGS = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "filings"


def fixture(index: int) -> str:
    """The text of corpus entry ``index`` (``corpus_<index>_*.txt``)."""
    (path,) = FILINGS.glob(f"corpus_{index:03d}_*.txt")
    return path.read_text(encoding="utf-8")


def supplements(index: int) -> list[Supplement]:
    """The supplements parsed from corpus entry ``index``."""
    return parse_filing(fixture(index))


def amendments(index: int) -> list[Amendment]:
    """Every amendment parsed from corpus entry ``index``, in filing order."""
    return [amendment for supplement in supplements(index) for amendment in supplement.amendments]


def amendment(index: int, words: str, occurrence: int = 0) -> Amendment:
    """The amendment of corpus entry ``index`` whose instruction words contain ``words``."""
    found = [a for a in amendments(index) if words in a.words]
    assert len(found) > occurrence, f"no amendment with {words!r} in corpus[{index}]"
    return found[occurrence]


def path_of(found: Amendment) -> tuple[str, ...]:
    """The heading path an amendment targets (empty when it names none)."""
    return found.target.path if found.target is not None else ()


def day(found: Amendment) -> str | None:
    """The amendment's effective instant as "YYYY-MM-DDTHH:MM" (New York)."""
    return found.effective.isoformat()[:16] if found.effective is not None else None
