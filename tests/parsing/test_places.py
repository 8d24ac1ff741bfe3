"""Several places named side by side in one instruction, and one amendment per document
an instruction names; phrasings from several fund families."""

from __future__ import annotations

import pytest

from prospectus_ledger.parsing import recognise
from prospectus_ledger.tree import DocumentKind

from .labelled import amendments


@pytest.mark.parametrize(
    ("text", "paths"),
    [
        # Putnam: a list of tables under one heading.
        (
            "The tables entitled \u201cAnnual Fund Operating Expenses\u201d and "
            "\u201cExample\u201d under the section titled \u201cPutnam Capital Manager I\u201d "
            "are replaced with the following:",
            (
                ("Putnam Capital Manager I", "Annual Fund Operating Expenses"),
                ("Putnam Capital Manager I", "Example"),
            ),
        ),
        # Invesco: a quoted path, and a second one that opens with a dash.
        (
            "3. The following information is added to the \u201cInvestment Objective(s) "
            "\u2013 Objective(s) and Strategies\u201d and \u201c \u2013 More Information About "
            "the Underlying Funds\u201d sections in the Statutory Prospectus:",
            (
                ("Investment Objective(s)", "Objective(s) and Strategies"),
                ("Investment Objective(s)", "More Information About the Underlying Funds"),
            ),
        ),
        # Macquarie: a place in two documents, each named in its own words.
        (
            "The following is added under the \u201cWho manages the Fund?\u201d section following "
            "the portfolio manager table of each Passing Fund\u2019s Summary Prospectus and "
            "Statutory Prospectus and under the \u201cManagement of the Funds \u2013 Investment "
            "Manager\u201d section of the SAI:",
            (("Who manages the Fund?",), ("Management of the Funds", "Investment Manager")),
        ),
        # Legg Mason: headings listed after one introducer.
        (
            'Beneath the main headings entitled "Summary of Key Information" and "Management of '
            'the Fund," the following is added:',
            (("Summary of Key Information",), ("Management of the Fund",)),
        ),
    ],
)
def test_places_side_by_side(text: str, paths: tuple[tuple[str, ...], ...]) -> None:
    found = recognise(text)
    assert (found.path, *found.also) == paths


def test_each_place_has_the_documents_named_for_it() -> None:
    found = recognise(
        "The following is added under the \u201cWho manages the Fund?\u201d section of each "
        "Summary Prospectus and Statutory Prospectus and under the \u201cInvestment "
        "Manager\u201d section of the SAI:"
    )
    assert found.documents_at == (
        (DocumentKind.SUMMARY_PROSPECTUS, DocumentKind.PROSPECTUS),
        (DocumentKind.SAI,),
    )


def test_a_change_in_several_places_is_made_in_each() -> None:
    # Eaton Vance and Putnam: each table named is replaced.
    for key, place in (("jxlNmZxLcf_fe9S.shtml", "Fund Summary"), ("od91L8I2K0jVh8i", "")):
        found = [a for a in amendments(key) if a.action == "replace" and a.target is not None]
        paths = {a.target.path for a in found if a.target is not None and a.target.path}
        assert {path[-1] for path in paths} >= {"Annual Fund Operating Expenses", "Example"}
        assert all(path[0] == place for path in paths) or not place
    # Macquarie: the same text in each place, each in its documents.
    added = [a for a in amendments("macqurie09102025497.htm") if a.action == "insert"]
    assert {(a.document, a.target.path[-1]) for a in added if a.target is not None} >= {
        (DocumentKind.SUMMARY_PROSPECTUS, "Who manages the Fund?"),
        (DocumentKind.PROSPECTUS, "Who manages the Fund?"),
        (DocumentKind.SAI, "Investment Manager"),
    }


def test_one_amendment_for_each_document_an_instruction_names() -> None:
    # Invesco: "... under the heading "X" in the Summary and Statutory Prospectuses".
    found = [a for a in amendments("tm2517463d16_497k.htm") if a.words.startswith("2.")]
    assert [a.document for a in found][:2] == [
        DocumentKind.SUMMARY_PROSPECTUS,
        DocumentKind.PROSPECTUS,
    ]
    assert found[0].operation == found[1].operation
