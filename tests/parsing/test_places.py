"""Several places named side by side in one instruction, and one amendment per document
an instruction names; phrasings from several fund families."""

from __future__ import annotations

import pytest

from prospectus_ledger.parsing import parse_filing, recognise
from prospectus_ledger.provenance import Source
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
        # J.P. Morgan: two places, each with its own block ("at the end of the second
        # paragraph under ...").
        (
            "The following will be added at the end of the second paragraph under \u201cRisk/"
            "Return Summary \u2014 What are the Fund\u2019s main investment strategies?\u201d and "
            "at the end of the second paragraph under the \u201cMore About the Funds \u2014 "
            "Investment Strategies \u2014 Growth Advantage Fund\u201d:",
            (
                ("Risk/Return Summary", "What are the Fund\u2019s main investment strategies?"),
                ("More About the Funds", "Investment Strategies", "Growth Advantage Fund"),
            ),
        ),
        (
            'The following is added at the beginning of the first paragraph under "Fees" and at '
            'the beginning of the first paragraph under "Expenses":',
            (("Fees",), ("Expenses",)),
        ),
        # Legg Mason: two headings "as applicable" and nothing else: the change is made in
        # each (an edition holds one of them).
        (
            "The following text replaces any inconsistent information on accumulation privilege "
            "in the section of the fund\u2019s Prospectus titled \u201cSales charges \u2013 "
            "Qualifying for a reduced Class A sales charge \u2013 Accumulation privilege\u201d or "
            "\u201cSales charges \u2013 Qualifying for a reduced Class A or Class A2 sales charge "
            "\u2013 Accumulation privilege,\u201d as applicable:",
            (
                (
                    "Sales charges",
                    "Qualifying for a reduced Class A sales charge",
                    "Accumulation privilege",
                ),
                (
                    "Sales charges",
                    "Qualifying for a reduced Class A or Class A2 sales charge",
                    "Accumulation privilege",
                ),
            ),
        ),
        (
            'The "Fees" or "Expenses" section, as applicable, is deleted.',
            (("Fees",), ("Expenses",)),
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


def test_alternatives_inside_a_place_leave_the_place() -> None:
    # "X section or Y section" inside a named place: either may hold the text; the place
    # that holds both is the one changed.
    found = recognise(
        'Under "Fees," the "A" sub-section or the "B" sub-section is deleted in its entirety.'
    )
    assert (found.path, found.also) == (("Fees",), ())


def test_places_side_by_side_take_the_parts_their_headings_open() -> None:
    # Eaton Vance (jxlNmZxLcf_fe9S.shtml): "replaces the "Annual Fund Operating Expenses"
    # table and "Example"": the table's part, then the part "Example." opens, run in.
    found = [a for a in amendments("jxlNmZxLcf_fe9S") if "Annual Fund Operating" in a.words]
    assert [a.operation.target.path for a in found] == [  # type: ignore[attr-defined]
        ("Fund Summary", "Annual Fund Operating Expenses"),
        ("Fund Summary", "Example"),
    ]
    table, example = (a.operation.text for a in found)
    assert "Total Annual Fund Operating Expenses 0.92%" in table
    assert "Example" not in table.split("\n\n")[0]
    assert example.startswith("Example. This Example is intended")
    # Another family's new text, headed by lines.
    text = (
        "SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n\n"
        'The following replaces the "Fees" and "Risks" sections:\n\n'
        "Fees\n\nThe Fund charges no fees.\n\nTotal Annual Fees 0.00%\n\n"
        "Risks\n\nYou can lose money.\n"
    )
    (supplement,) = parse_filing(text, Source(name="x.txt"))
    fees, risks = (a.operation.text for a in supplement.amendments)
    assert fees == "The Fund charges no fees.\n\nTotal Annual Fees 0.00%"
    assert risks == "You can lose money."
