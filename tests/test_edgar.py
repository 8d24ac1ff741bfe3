"""edgartools filings, read offline (issue 16): Filing objects made from local SGML."""

from __future__ import annotations

import socket

import pendulum
import pytest
from edgar import Filing

import prospectus_ledger as pl

from .parsing.documents import rows
from .parsing.test_submission_header import HEADER


@pytest.fixture(autouse=True)
def offline(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test here may reach the network."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("a test of the edgartools path tried to reach the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def test_a_supplement_filing_with_its_form_date_accession_filer_and_series() -> None:
    filing = Filing.from_sgml_text(HEADER)
    ledger = pl.Ledger()
    (supplement,) = ledger.add_edgar(filing)
    source = supplement.source
    assert source.filed == pendulum.date(2024, 7, 12)
    assert (source.form, source.accession, source.cik) == ("497", "0001137439-24-001162", "27574")
    assert source.company == "DELAWARE GROUP EQUITY FUNDS II"
    assert [s.id for s in supplement.series] == ["S000002391"]
    assert ledger.add_edgar(filing) == []  # the same filing again adds nothing


def test_an_edition_filing_read_with_its_registrant() -> None:
    (row,) = [r for r in rows() if str(r["url"]).endswith("0001193125-25-152548.txt")]
    ledger = pl.load_edgar([Filing.from_sgml_text(row["text"])])
    (document,) = ledger.documents
    assert document.kind is pl.DocumentKind.SUMMARY_PROSPECTUS
    assert document.cik == "772129"
    assert document.registrant
    assert document.source is not None
    assert document.source.form == "497K"


class _NoDocument:
    accession_no = "0000000000-24-000001"
    form = "497"

    def html(self) -> None:
        return None


def test_a_filing_without_a_document_is_a_clear_error_or_a_problem() -> None:
    with pytest.raises(pl.InvalidFilingError, match="gives no HTML or text document"):
        pl.load_edgar([_NoDocument()])
    (problem,) = pl.load_edgar([_NoDocument()], errors="record").problems()
    assert problem.kind == "unreadable_file"
