"""Capabilities built after the frozen fifth was measured once (numbered supplements, a
place that opens the sentence, times that open it or point back), each tested on short
examples modelled on more than one fund family."""

from __future__ import annotations

import pytest

from prospectus_ledger.operations import DeleteBlock, InsertBlocks, Notice, ReplaceBlock
from prospectus_ledger.parsing import parse_filing, recognise
from prospectus_ledger.provenance import Source
from prospectus_ledger.supplement import Supplement


def _parse(text: str) -> Supplement:
    (supplement,) = parse_filing(text, Source(name="x.txt"))
    return supplement


@pytest.mark.parametrize(
    ("title", "date", "edition"),
    [
        # TIAA-CREF: the number on its own line, the date on the next.
        (
            "TIAA-CREF FUNDS\nSUPPLEMENT NO. 1\ndated May 22, 2009\nto the February 1, 2009 "
            "Institutional and Retirement Class Prospectuses",
            "2009-05-22",
            "2009-02-01",
        ),
        (
            "EXAMPLE INCOME TRUST\nSupplement No. 3 dated September 9, 2015 to the Prospectus "
            "dated May 1, 2015",
            "2015-09-09",
            "2015-05-01",
        ),
        (
            "EXAMPLE TRUST\nSUPPLEMENT NUMBER 2 DATED JUNE 1, 2020\nTO THE PROSPECTUS DATED "
            "MARCH 1, 2020",
            "2020-06-01",
            "2020-03-01",
        ),
    ],
)
def test_a_numbered_supplement_is_dated(title: str, date: str, edition: str) -> None:
    supplement = _parse(f'{title}\n\nThe "Risks" section is deleted.\n')
    assert str(supplement.supplement_date) == date
    assert [str(document.date) for document in supplement.documents] == [edition]


@pytest.mark.parametrize(
    ("text", "action", "path"),
    [
        # Principal: "Under X, delete ... and replace with the following:".
        (
            "Under Manager of Managers, delete the final paragraph and replace with the following:",
            "replace_block",
            ("Manager of Managers",),
        ),
        ("Under Portfolio Managers, add the following:", "insert_blocks", ("Portfolio Managers",)),
    ],
)
def test_a_place_may_open_the_sentence(text: str, action: str, path: tuple[str, ...]) -> None:
    found = recognise(text)
    assert (found.action, found.path) == (action, path)


@pytest.mark.parametrize(
    "text",
    [
        # Principal: what a list names is part of the section, not all of it.
        "Under The Sub-Advisors, delete the Funds listed for Principal Real Estate Investors, "
        "LLC and replace with the following:",
        'In the "Sub-Advisers" section, delete the Funds named for Example Advisers LLC and '
        "replace with the following:",
    ],
)
def test_what_a_list_names_is_part_of_a_section(text: str) -> None:
    found = recognise(text)
    assert found.action == "unknown"
    assert found.reason is not None
    assert "only part of a section" in found.reason


def test_a_heading_like_last_line_of_new_text_stays_new_text() -> None:
    # Principal: a fund list's last name stands right above the next instruction, which
    # names its own place: it is the list's, not the next instruction's place.
    text = (
        "SUPPLEMENT DATED JUNE 24, 2019 TO THE PROSPECTUS DATED DECEMBER 31, 2018\n\n"
        'The following replaces the list of Funds in "The Sub-Advisors":\n\n'
        "Funds:\n\nDiversified Real Asset\n\nReal Estate Debt Income\n\n"
        "Under Manager of Managers, delete the final paragraph and replace with the "
        "following:\n\nThe shareholders of each Fund have approved the orders.\n"
    )
    first, second = (a.operation for a in _parse(text).amendments)
    assert isinstance(first, ReplaceBlock | InsertBlocks) or first.action == "replace"
    assert "Real Estate Debt Income" in first.text
    assert isinstance(second, ReplaceBlock)
    assert second.target.path == ("Manager of Managers",)
    # A heading above an instruction that names no place of its own is still its place.
    text = (
        "SUPPLEMENT DATED JUNE 24, 2019 TO THE PROSPECTUS DATED DECEMBER 31, 2018\n\n"
        'The following replaces the "Fees" section:\n\nThe Fund charges no fees.\n\n'
        "PRINCIPAL RISKS\n\nThe following replaces the second paragraph:\n\nNew risk.\n"
    )
    operations = [a.operation for a in _parse(text).amendments]
    assert operations[0].text == "The Fund charges no fees."
    assert isinstance(operations[1], ReplaceBlock)
    assert operations[1].target.path == ("PRINCIPAL RISKS",)


@pytest.mark.parametrize(
    ("instruction", "day"),
    [
        # Principal: the time opens the sentence, with "On" and no "effective".
        (
            "On July 31, 2024, in the Investment Advisor and Portfolio Managers section, delete "
            "the bullet point for Juliet Cohn.",
            "2024-07-31",
        ),
        ('On June 1, 2024, the "Risks" section is deleted.', "2024-06-01"),
    ],
)
def test_on_a_date_opens_an_instruction(instruction: str, day: str) -> None:
    text = (
        f"SUPPLEMENT DATED APRIL 12, 2024 TO THE PROSPECTUS DATED MARCH 1, 2024\n\n{instruction}\n"
    )
    (amendment,) = [a for a in _parse(text).amendments if not isinstance(a.operation, Notice)]
    assert amendment.effective is not None
    assert amendment.effective.to_date_string() == day


@pytest.mark.parametrize(
    ("news", "lead"),
    [
        # Venerable: "effective as of that date" after a meeting's date.
        (
            "At a meeting held on June 17, 2025, the Board of Trustees of the Trust approved "
            "the reduction of the expense limit.",
            "The following changes are being made to the Fund\u2019s Summary Prospectus, "
            "effective as of that date:",
        ),
        (
            "The Board of Trustees approved a new sub-adviser for the Fund at its meeting on "
            "June 17, 2025.",
            "Effective on the same date, the Prospectus is amended as follows:",
        ),
    ],
)
def test_that_date_is_the_last_date_before(news: str, lead: str) -> None:
    text = (
        "SUPPLEMENT DATED JULY 18, 2025 TO THE SUMMARY PROSPECTUS DATED APRIL 29, 2025\n\n"
        f"{news}\n\n{lead}\n\n"
        'The "Fees" section is deleted.\n'
    )
    (deleted,) = [a for a in _parse(text).amendments if not isinstance(a.operation, Notice)]
    assert deleted.effective is not None
    assert deleted.effective.to_date_string() == "2025-06-17"


@pytest.mark.parametrize(
    "lead",
    [
        # Wells Fargo: "is amended to include the following changes:" introduces changes.
        "Effective May 1, 2012, the Fund\u2019s prospectus offering Class A and Class C shares "
        "is amended to include the following changes:",
        "Effective May 1, 2012, the Prospectus is revised to add the following revisions:",
    ],
)
def test_amended_to_include_the_following_changes_is_a_lead_in(lead: str) -> None:
    text = (
        "SUPPLEMENT DATED NOVEMBER 29, 2012 TO THE PROSPECTUS DATED MARCH 1, 2012\n\n"
        f"{lead}\n\n"
        'In the section "Fees," the second paragraph is deleted.\n'
    )
    operations = [a for a in _parse(text).amendments if not isinstance(a.operation, Notice)]
    assert [type(a.operation) for a in operations] == [DeleteBlock]
    assert operations[0].effective is not None
    assert operations[0].effective.to_date_string() == "2012-05-01"


@pytest.mark.parametrize(
    ("text", "old"),
    [
        # Principal: "delete references to A and B" in a named section.
        (
            "Effective April 30, 2020, in The Manager and Advisor section, delete references to "
            "Tina Paris and Timothy R. Warrick.",
            ("Tina Paris", "Timothy R. Warrick"),
        ),
        ("Please remove any references to Ms. Jane Doe.", ("Ms. Jane Doe",)),
        # A fund's name that holds "and" stays one name.
        ("All references to the Growth and Income Fund are deleted.", ("Growth and Income Fund",)),
    ],
)
def test_references_deleted_name_by_name(text: str, old: tuple[str, ...]) -> None:
    found = recognise(text)
    assert found.action == "substitute"
    assert tuple(words for words, _ in found.pairs) == old
    assert all(new == "" for _, new in found.pairs)


def test_an_instruction_that_deletes_references_ends_the_text_before_it() -> None:
    # Principal: the deletion after a replacement's new text is an instruction of its own.
    text = (
        "SUPPLEMENT DATED APRIL 23, 2020 TO THE PROSPECTUS DATED MARCH 1, 2020\n\n"
        'The "Portfolio Managers" section is replaced with the following:\n\n'
        "William C. Armstrong (since 2000), Portfolio Manager\n\n"
        "In The Manager and Advisor section, delete references to Tina Paris.\n"
    )
    first, second = (a.operation for a in _parse(text).amendments)
    assert "Tina Paris" not in first.text
    assert second.action == "delete"


@pytest.mark.parametrize(
    "instruction",
    [
        # Principal: the supplement prints the document's heading, then an addition that
        # names only a block.
        "Add the following two paragraphs before the Cash Management Program:",
        "Effective April 30, 2020, add the following to the alphabetical list of portfolio "
        "managers:",
    ],
)
def test_an_addition_that_names_no_section_takes_the_heading_above_it(instruction: str) -> None:
    text = (
        "SUPPLEMENT DATED SEPTEMBER 16, 2016 TO THE PROSPECTUS DATED MARCH 29, 2016\n\n"
        "This supplement updates information currently in the Statutory Prospectus.\n\n"
        f"MANAGEMENT OF THE FUNDS\n\n{instruction}\n\nPrincipal may provide services.\n"
    )
    (added,) = [a.operation for a in _parse(text).amendments if not isinstance(a.operation, Notice)]
    assert isinstance(added, InsertBlocks)
    assert added.target.path == ("MANAGEMENT OF THE FUNDS",)
