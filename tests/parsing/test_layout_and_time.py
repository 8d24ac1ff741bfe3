"""How a filing's lines become paragraphs and instructions, and the times a filing states
outside its instructions; each from at least two fund families (the labelled filings,
and short examples modelled on them)."""

from __future__ import annotations

import pytest

from prospectus_ledger._text import split_sentences
from prospectus_ledger.operations import BlockLocator, Notice, ReplaceBlock, ReplaceSection
from prospectus_ledger.parsing import parse_filing, recognise
from prospectus_ledger.parsing.blocks import heading_like
from prospectus_ledger.provenance import Source
from prospectus_ledger.supplement import Supplement

from .labelled import amendments, supplements


def _parse(text: str, name: str = "x.txt") -> Supplement:
    (supplement,) = parse_filing(text, Source(name=name))
    return supplement


# -- lines and paragraphs ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "instruction"),
    [
        # Federated: a line listing funds, no full stop, then the instruction.
        (
            "Federated Bond Fund, Federated Stock and Bond Fund, Federated International "
            "Leaders Fund",
            "Under the heading entitled \u201cHow is the Fund Sold?,\u201d please delete the last "
            "sentence and replace it with the following:",
        ),
        # Neuberger Berman: new text that lost its full stop, then the next instruction.
        (
            "Historical portfolio holdings are available upon request",
            "The following replaces the second and third paragraphs of the \u201cPortfolio "
            "Holdings Policy\u201d section:",
        ),
    ],
)
def test_an_instruction_opening_a_line_of_flattened_html_opens_a_paragraph(
    before: str, instruction: str
) -> None:
    filler = "A long line of flattened text that is longer than any typed line would be. " * 2
    text = (
        "SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n"
        f"{filler}\n{before}\n{instruction}\nThe new text of the instruction.\n"
    )
    supplement = _parse(text, "x.htm")
    heads = [a.words for a in supplement.amendments]
    assert instruction in heads


def test_labelled_filings_keep_instructions_apart() -> None:
    # Federated (form.htm, 13386): the instruction after the fund list is read.
    federated = amendments("000131814810000987")
    replaced = [a.operation for a in federated if isinstance(a.operation, ReplaceBlock)]
    assert ("How is the Fund Sold?",) in [op.target.path for op in replaced]
    # Neuberger Berman: each instruction keeps its two paragraphs, nothing is news.
    neuberger = amendments("000089843209001156/sticker.htm")
    assert [type(a.operation) for a in neuberger] == [ReplaceBlock, ReplaceBlock]
    for amendment in neuberger:
        assert isinstance(amendment.operation, ReplaceBlock)
        assert amendment.operation.locator == BlockLocator("paragraph", 2, through=3)
        assert len(amendment.operation.blocks) == 2


def test_a_filing_flattened_onto_one_line_is_split_where_instructions_open() -> None:
    # Fidelity (0000722574-98-000135.txt): the EDGAR header, the title and three
    # instructions on one line.
    found = amendments("0000722574-98-000135")
    words = [a.words[:40] for a in found if not isinstance(a.operation, Notice)]
    assert words == [
        "The following information updates the si",
        'References in the prospectus to "America',
        "The following information replaces the s",
    ]
    # Another family's one-line text.
    header = "ACCESSION NUMBER: 0000000000-01-000001 CONFORMED SUBMISSION TYPE: 497 " * 12
    text = (
        f"{header}SUPPLEMENT TO THE EXAMPLE FUNDS PROSPECTUS DATED MAY 1, 2001 The following "
        'replaces the section entitled "Fees": The Fund charges no fees. Please delete the '
        'second paragraph under "Risks".'
    )
    supplement = _parse(text)
    operations = [a.operation for a in supplement.amendments if not isinstance(a.operation, Notice)]
    assert isinstance(operations[0], ReplaceSection)
    assert operations[0].target.path == ("Fees",)
    assert operations[0].text == "The Fund charges no fees."
    assert operations[1].action == "delete"


def test_a_typed_tables_rules_are_no_separators() -> None:
    # Eaton Vance (jxlNmZxLcf_fe9S.shtml): the fee table's rules stay inside the new text.
    (table,) = [a for a in amendments("jxlNmZxLcf_fe9S") if "Annual Fund Operating" in a.words][:1]
    assert isinstance(table.operation, ReplaceBlock | ReplaceSection)
    assert "Management Fees" in table.operation.text
    assert "Total Annual Fund Operating Expenses" in table.operation.text
    text = (
        "SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n\n"
        'The following replaces the "Fees" section:\n\n'
        "Fee                         Class A   Class B\n"
        "-------------------------   -------   -------\n"
        "Management Fee              0.50%     0.50%\n"
        "                            =======   =======\n"
        "Total                       0.50%     0.50%\n\n"
        "* * *\n\n"
        'The "Risks" section is deleted.\n'
    )
    operations = [a.operation for a in _parse(text).amendments]
    assert [type(op).__name__ for op in operations] == ["ReplaceSection", "DeleteSection"]
    assert "Total" in operations[0].text


def test_a_label_after_a_dash_ends_no_sentence() -> None:
    text = (
        'The following replaces the first sentence of the "Appendix A Risks\u2014B. Other '
        'Portfolio Risks" section: The Fund may invest.'
    )
    assert split_sentences(text)[0].endswith("section: The Fund may invest.")
    assert split_sentences("Risks\u2013A. Fund B. Other. Next one.") == [
        "Risks\u2013A. Fund B. Other.",
        "Next one.",
    ]


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("(prior to May 21, 2012, 15%)", False),
        ("(formerly the Growth Fund)", False),
        ("Distribution and Service (12b-1) Fees", True),
        ("Fixed Income Securities 25", True),
        ('"Principal Risks"', True),
    ],
)
def test_a_bracketed_word_in_lower_case_is_no_heading_word(line: str, heading: bool) -> None:
    assert heading_like(line) is heading


# -- verbs and lead-ins ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "path"),
    [
        # Fidelity: "updates the similar information".
        (
            "The following information updates the similar information found under the "
            'heading "Fund Management":',
            ("Fund Management",),
        ),
        ('The following updates the section entitled "Redemptions":', ("Redemptions",)),
    ],
)
def test_updates_replaces(text: str, path: tuple[str, ...]) -> None:
    found = recognise(text)
    assert (found.action, found.path) == ("replace_section", path)


def test_the_similar_information_on_the_cover_is_found_by_its_first_words() -> None:
    found = recognise(
        "The following information updates the similar information on the cover of the prospectus:"
    )
    assert (found.action, found.path, found.anchored) == ("replace_block", (), "start")
    assert found.locator == BlockLocator("block")


def test_an_intro_that_names_its_section_stays_an_intro() -> None:
    # ProFunds (d497.txt, 2002): "This Supplement updates the "X" section ..." places the
    # instructions after it and is no instruction itself.
    found = amendments("000102140802014949")
    deletions = [a for a in found if a.operation.action == "delete"]
    assert deletions
    places = {getattr(a.operation, "target", None) for a in deletions}
    assert {place.path for place in places if place is not None} == {
        ("General ProFunds VP Information",)
    }
    assert None not in places


@pytest.mark.parametrize(
    "lead",
    [
        # Federated.
        "IN THE FOLLOWING FUNDS\u2019 CLASS A SHARES PROSPECTUSES, PLEASE MAKE CHANGE LISTED "
        "BELOW.",
        "Please note the following changes to the Prospectus:",
    ],
)
def test_a_request_to_make_the_changes_is_a_lead_in(lead: str) -> None:
    text = (
        "SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n\n"
        'The following replaces the "Fees" section:\n\n'
        "The Fund charges no fees.\n\n"
        f"{lead}\n\n"
        'The "Risks" section is deleted.\n'
    )
    operations = [a.operation for a in _parse(text).amendments]
    assert [type(op).__name__ for op in operations] == ["ReplaceSection", "DeleteSection"]
    assert operations[0].text == "The Fund charges no fees."


# -- times stated outside the instructions -------------------------------------------------


def test_a_closing_line_that_states_a_time_times_every_instruction() -> None:
    # Harbor (d497.htm, 2010): "Effective as of June 30, 2010" after the last instruction.
    found = [a for a in amendments("000119312510184577") if not isinstance(a.operation, Notice)]
    assert len(found) == 2
    assert {a.effective.to_date_string() for a in found if a.effective} == {"2010-06-30"}
    assert all(a.effective is not None for a in found)
    # A line that states a time between instructions times the ones after it only.
    text = (
        "SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n\n"
        'The "Risks" section is deleted.\n\n'
        "Effective June 1, 2020\n\n"
        'The "Fees" section is deleted.\n\n'
        "Effective as of July 1, 2020\n"
    )
    times = [a.effective.to_date_string() for a in _parse(text).amendments if a.effective]
    assert times == ["2020-07-01", "2020-06-01"]


def test_news_times_the_instructions_of_a_supplement_with_no_date() -> None:
    # Vanguard (2005): "After the close of business on September 30, 2005, Vanguard will
    # begin implementing a new policy ..." and then the undated instruction.
    vanguard = [
        a for a in amendments("frequenttradingnr082005") if not isinstance(a.operation, Notice)
    ]
    assert [a.effective.isoformat() for a in vanguard if a.effective] == [
        "2005-09-30T16:00:00-04:00"
    ]
    # Eaton Vance (2006): "All purchases ... made on or after September 15, 2006, ...".
    eaton = [a for a in amendments("cmbdfi497prosupp") if not isinstance(a.operation, Notice)]
    assert eaton[0].effective is not None
    assert eaton[0].effective.to_date_string() == "2006-09-15"
    # With a date of its own, the supplement's date stays the time of undated instructions.
    (dated,) = supplements("d882709d497k")[:1]
    assert dated.supplement_date is not None


def test_news_does_not_time_instructions_when_the_supplement_has_a_date() -> None:
    text = (
        "SUPPLEMENT DATED MAY 1, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n\n"
        "All purchases made on or after June 15, 2020 will be subject to a sales charge.\n\n"
        'The "Fees" section is deleted.\n'
    )
    (deleted,) = [a for a in _parse(text).amendments if not isinstance(a.operation, Notice)]
    assert deleted.effective is not None
    assert deleted.effective.to_date_string() == "2020-05-01"
