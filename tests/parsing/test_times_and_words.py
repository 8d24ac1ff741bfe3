"""When instructions take effect (lead-ins, defined terms, events) and quoted words
changed in place; each from at least two fund families."""

from __future__ import annotations

import pendulum
import pytest

import prospectus_ledger as pl
from prospectus_ledger.operations import BlockLocator, DeleteBlock, ReplaceBlock
from prospectus_ledger.parsing import recognise
from prospectus_ledger.parsing._paragraphs import is_lead_in
from prospectus_ledger.parsing.effective import defined_times, find_effective

from .labelled import amendments

HEADER = "EXAMPLE TRUST\n\nSupplement dated March 1, 2020 to the Prospectus dated May 1, 2019\n\n"


@pytest.mark.parametrize(
    "text",
    [
        # MainStay: "the following changes will take place:".
        "Effective January 1, 2020, the following changes will take place:",
        # Goldman Sachs: a lead-in that ends as a sentence, because it states its time.
        "The following changes to the Prospectus and Statement of Additional Information are "
        "effective at the close of business on October 31, 2013.",
        # Columbia: "The following changes are effective as of ...:".
        "The following changes are effective as of June 1, 2015:",
        # VALIC: "On the Effective Date, the following changes ... will become effective:".
        "On the Effective Date, the following changes to the Summary Prospectus and "
        "Prospectus will become effective:",
    ],
)
def test_lead_ins_that_say_when_the_changes_take_effect(text: str) -> None:
    assert is_lead_in(text)


@pytest.mark.parametrize(
    ("sentence", "term", "day"),
    [
        (
            "These changes are expected to become effective on or about September 29, 2025 "
            "(the \u201cEffective Date\u201d).",
            "effective date",
            "2025-09-29",
        ),
        (
            'The Reorganization is expected to close on or about May 1, 2020 (the "Closing Date").',
            "closing date",
            "2020-05-01",
        ),
        # Events dated once and named after: "upon the reorganization".
        (
            "The reorganizations are expected to occur on or about September 23, 2005.",
            "reorganization",
            "2005-09-23",
        ),
        (
            "The closing of this transaction is anticipated to close on or about November 1, "
            "2025, subject to regulatory approvals.",
            "closing",
            "2025-11-01",
        ),
    ],
)
def test_instants_a_supplement_defines(sentence: str, term: str, day: str) -> None:
    defined = defined_times(sentence)
    instant = defined[term].instant
    assert instant is not None
    assert instant.to_date_string() == day


@pytest.mark.parametrize(
    ("words", "day"),
    [
        (
            "Effective upon the reorganizations, disclosure relating to X Fund is deleted.",
            "2005-09-23",
        ),
        ("Upon the closing of the transaction, the following changes take effect:", "2005-09-23"),
        # An opening clause before the time.
        (
            "In connection with this change, as of the Effective Date, the Prospectus is "
            "modified as noted below:",
            "2025-02-05",
        ),
    ],
)
def test_times_named_by_what_they_define(words: str, day: str) -> None:
    known = pendulum.date(2005, 9, 23) if "2005" in day else pendulum.date(2025, 2, 5)
    defined = {
        "reorganization": find_effective(f"effective on {known.format('MMMM D, YYYY')}"),
        "closing": find_effective(f"effective on {known.format('MMMM D, YYYY')}"),
        "effective date": find_effective(f"effective on {known.format('MMMM D, YYYY')}"),
    }
    time = find_effective(words, defined=defined)
    assert time.instant is not None
    assert time.instant.to_date_string() == day


def test_the_lead_in_dates_the_items_after_it() -> None:
    # MainStay: "Effective January 1, 2020, the following changes will take place:".
    found = [a for a in amendments("tv529902_497.htm") if a.action != "notice"]
    assert {a.effective.to_date_string() for a in found if a.effective} == {"2020-01-01"}


@pytest.mark.parametrize(
    ("instruction", "old"),
    [
        # Federated: a quoted passage deleted and replaced.
        (
            "Under the heading entitled \u201cHow is the Fund Sold?,\u201d please delete \u201cA "
            "shareholder in the Fund's Class A Shares may exchange them for Institutional "
            "Shares,\u201d and replace with the following:",
            "A shareholder in the Fund's Class A Shares may exchange them for Institutional Shares",
        ),
        (
            'In the section "Redemptions," replace the words "within seven days of receipt" '
            "with the following:",
            "within seven days of receipt",
        ),
    ],
)
def test_quoted_words_are_replaced_in_the_block_that_holds_them(instruction: str, old: str) -> None:
    found = recognise(instruction)
    assert found.action == "replace_block"
    assert found.words == old
    assert found.locator == BlockLocator("block", anchor=old, match="contains")


def test_an_instruction_split_around_the_words_it_quotes() -> None:
    # MFS: '... the following language in the sub-sections entitled "Portfolio Manager(s)"
    # beneath the main headings entitled "A" and "B":' / <words> / "Is replaced ...".
    found = [a for a in amendments("pmstickermwevge.htm") if a.action == "replace"]
    assert [a.target.path for a in found if a.target is not None] == [
        ("Summary of Key Information", "Portfolio Manager(s)"),
        ("Management of the Fund", "Portfolio Manager(s)"),
    ]
    operation = found[0].operation
    assert isinstance(operation, ReplaceBlock)
    assert operation.words is not None
    assert operation.words.startswith("MFS anticipates that David Mannheim will retire")
    text = HEADER + (
        'The following text in the section entitled "Redemptions":\n\n'
        "Shares are redeemed daily.\n\nIs deleted in its entirety.\n"
    )
    (supplement,) = pl.parse_filing(text)
    (deleted,) = [a for a in supplement.amendments if a.action == "delete"]
    assert isinstance(deleted.operation, DeleteBlock)
    assert deleted.operation.words == "Shares are redeemed daily."


def test_quoted_words_change_only_themselves_in_the_ledger() -> None:
    section = pl.Section(
        "Redemptions",
        (pl.Paragraph("Shares are redeemed daily. Payment is made within seven days of receipt."),),
    )
    document = pl.Document(pl.DocumentKind.PROSPECTUS, "Example Trust", None, sections=(section,))
    target = pl.SectionTarget(("Redemptions",))
    locator = BlockLocator("block", anchor="within seven days", match="contains")
    replaced = ReplaceBlock(
        target, locator, (pl.Paragraph("within two days"),), words="within seven days"
    ).apply(document)
    assert replaced.sections[0].blocks[0] == pl.Paragraph(
        "Shares are redeemed daily. Payment is made within two days of receipt."
    )
    deleted = DeleteBlock(target, locator, words="Payment is made within seven days of receipt.")
    assert deleted.apply(document).sections[0].blocks[0] == pl.Paragraph(
        "Shares are redeemed daily."
    )
    with pytest.raises(pl.TextNotFoundError):
        DeleteBlock(target, BlockLocator("paragraph"), words="not there").apply(document)
