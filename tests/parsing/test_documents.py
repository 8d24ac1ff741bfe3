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


def test_summary_and_statutory_prospectuses_name_both_kinds() -> None:
    assert document_refs("to the Summary and Statutory Prospectuses dated August 18, 2023") == (
        DocumentRef(SP, pendulum.date(2023, 8, 18)),
        DocumentRef(P, pendulum.date(2023, 8, 18)),
    )
    assert kinds_mentioned("THE CURRENT STATUTORY AND SUMMARY PROSPECTUSES FOR:") == (P, SP)


def test_statements_of_information_are_the_sai() -> None:
    assert kinds_mentioned("to the current Prospectuses and Statements of Information") == (P, S)
    assert document_refs("Statement of Information dated May 1, 2020") == (
        DocumentRef(S, pendulum.date(2020, 5, 1)),
    )


def test_several_dates_name_several_editions() -> None:
    assert document_refs(
        "TO THE PROSPECTUSES DATED SEPTEMBER 1, 2007, DECEMBER 17, 2007, APRIL 1, 2008 AND "
        "APRIL 22, 2008"
    ) == tuple(
        DocumentRef(P, pendulum.date(*day))
        for day in ((2007, 9, 1), (2007, 12, 17), (2008, 4, 1), (2008, 4, 22))
    )
    assert document_refs("to the Class I Prospectuses dated March 1, 2009 and July 1, 2009") == (
        DocumentRef(P, pendulum.date(2009, 3, 1)),
        DocumentRef(P, pendulum.date(2009, 7, 1)),
    )


def test_a_range_names_its_two_ends() -> None:
    expected = (
        DocumentRef(P, pendulum.date(2017, 8, 1)),
        DocumentRef(P, pendulum.date(2018, 6, 1)),
    )
    assert document_refs("funds with prospectuses dated August 1, 2017 \u2013 June 1, 2018") == (
        expected
    )
    assert document_refs("prospectuses dated August 1, 2017 through June 1, 2018") == expected


def test_a_date_before_the_kind_dates_it() -> None:
    assert document_refs("TO THE APRIL 17, 2003 CLASS A, B, C PROSPECTUS, CLASS R PROSPECTUS") == (
        DocumentRef(P, pendulum.date(2003, 4, 17)),
    )
    assert document_refs(
        "to the March 25, 2002 Prospectus and Statement of Additional Information"
    ) == (
        DocumentRef(P, pendulum.date(2002, 3, 25)),
        DocumentRef(S, pendulum.date(2002, 3, 25)),
    )
    # A "dated D" of the kind's own wins over a date printed before it.
    assert document_refs("May 16, 2011 Prospectus dated August 30, 2010") == (
        DocumentRef(P, pendulum.date(2010, 8, 30)),
    )
    # A date that opens a sentence dates nothing.
    assert document_refs("Effective April 1, 2012, the Fund's prospectus is amended") == (
        DocumentRef(P),
    )


def test_supplemented_on_several_dates() -> None:
    assert document_refs("Prospectus dated 11-30-11, as supplemented 3-30-12 and 4-20-12") == (
        DocumentRef(
            P, pendulum.date(2011, 11, 30), (pendulum.date(2012, 3, 30), pendulum.date(2012, 4, 20))
        ),
    )


def test_the_current_edition_is_undated() -> None:
    assert document_refs("to the current Statutory Prospectus and the currently effective SAI") == (
        DocumentRef(P),
        DocumentRef(S),
    )
