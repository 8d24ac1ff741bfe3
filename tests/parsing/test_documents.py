"""Editions a phrase names (private module ``_documents``)."""

from __future__ import annotations

import pendulum

from prospectus_ledger.parsing._documents import document_refs, kinds_mentioned
from prospectus_ledger.supplement import DocumentRef
from prospectus_ledger.tree import DocumentKind

P, S, SP = DocumentKind.PROSPECTUS, DocumentKind.SAI, DocumentKind.SUMMARY_PROSPECTUS


def test_kinds_mentioned() -> None:
    assert kinds_mentioned(
        "the Summary Prospectus, the Prospectus and the SAI; the prospectus"
    ) == (SP, P, S)
    assert kinds_mentioned("nothing here") == ()


def test_one_date_for_several_kinds_and_as_supplemented() -> None:
    assert document_refs(
        'TO PROSPECTUSES DATED MAY 1, 2006 AND TO STATEMENT OF ADDITIONAL INFORMATION ("SAI") '
        "DATED MAY 1, 2006, AS SUPPLEMENTED NOVEMBER 1, 2006"
    ) == (
        DocumentRef(P, pendulum.date(2006, 5, 1)),
        DocumentRef(S, pendulum.date(2006, 5, 1), (pendulum.date(2006, 11, 1),)),
    )


def test_several_editions_of_one_kind() -> None:
    assert document_refs(
        "TO THE PROSPECTUSES OF FUND A DATED JULY 29, 1999 FUND B DATED OCTOBER 28, 1999"
    ) == (
        DocumentRef(P, pendulum.date(1999, 7, 29)),
        DocumentRef(P, pendulum.date(1999, 10, 28)),
    )


def test_undated_kind() -> None:
    assert document_refs("to the Currently Effective Prospectus") == (DocumentRef(P),)
