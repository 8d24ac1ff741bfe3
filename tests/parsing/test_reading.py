"""Choosing the reader: plain text, HTML, submission files."""

from __future__ import annotations

from prospectus_ledger.parsing.lines import Line, LineKind, TextTable
from prospectus_ledger.parsing.reading import read_units


def test_plain_text() -> None:
    read = read_units("Line\n<TABLE>\nA   B\n</TABLE>\n")
    assert isinstance(read.units[1], TextTable)
    assert read.accession is None


def test_html() -> None:
    read = read_units("<html><body><p>One</p></body></html>")
    assert [u.text for u in read.units if isinstance(u, Line) and u.kind is LineKind.TEXT] == [
        "One"
    ]


def test_submission_documents_are_separated_by_breaks() -> None:
    text = (
        "<SEC-HEADER>\nACCESSION NUMBER: 0000000000-01-000001\n</SEC-HEADER>\n"
        "<DOCUMENT>\n<TYPE>497\n<TEXT>\nFirst part\n</TEXT>\n</DOCUMENT>\n"
        "<DOCUMENT>\n<TYPE>497\n<TEXT>\n<html><p>Second part</p></html>\n</TEXT>\n</DOCUMENT>\n"
    )
    read = read_units(text)
    texts = [
        (u.kind, u.text) for u in read.units if isinstance(u, Line) and u.kind is not LineKind.BLANK
    ]
    assert texts == [
        (LineKind.TEXT, "First part"),
        (LineKind.BREAK, ""),
        (LineKind.TEXT, "Second part"),
    ]
    first = next(u for u in read.units if isinstance(u, Line) and u.text == "First part")
    assert first.number == 7
    assert read.accession == "0000000000-01-000001"
