"""Lead-ins, closing lines and effective times taught from the labelled corpus."""

from __future__ import annotations

import pendulum
import pytest

from prospectus_ledger.operations import Notice
from prospectus_ledger.parsing._paragraphs import is_lead_in, split_news, split_substitutions
from prospectus_ledger.parsing.effective import defined_times, find_effective
from prospectus_ledger.parsing.instructions import looks_like_instruction
from prospectus_ledger.parsing.trailers import is_trailer, trailer_date

from .corpus import amendment, amendments, day, supplements

DAY = pendulum.date(2016, 8, 31)


@pytest.mark.parametrize(
    "text",
    [
        "Effective November 1, 2016:",
        "As a result of the above changes, effective on or about June 28, 2019, the "
        "prospectuses for the Funds are amended as follows:",
        "The following changes shall be made to the prospectus effective immediately:",
        "Effective April 1, 2012, the Fund\u2019s prospectus is amended as described below.",
        "Effective January 31, 2021, the information in the Prospectus with respect to the X "
        'Fund (the "Funds") will be amended as follows:',
    ],
)
def test_lead_ins(text: str) -> None:
    assert is_lead_in(text)


@pytest.mark.parametrize(
    "text",
    [
        'The section entitled "A" is amended as follows:',
        "The fifth paragraph of the Prospectus is amended as follows:",
        "Effective November 1, 2016, the Fund will close.",
    ],
)
def test_not_lead_ins(text: str) -> None:
    assert not is_lead_in(text)


def test_lead_ins_give_the_instructions_after_them_their_time() -> None:
    # corpus[60]: after news, "effective on or about June 28, 2019, ... amended as follows:".
    found = amendment(60, "Under")
    assert day(found) == "2019-06-28T00:00"
    assert found.approximate
    # corpus[105]: "Effective November 1, 2016:" alone on a line.
    assert day(amendments(105)[0]) == "2016-11-01T00:00"
    # corpus[106]: "... is amended as described below." names the document too.
    (supplement,) = supplements(106)
    assert [ref.kind.value for ref in supplement.documents] == ["prospectus"]
    assert {day(a) for a in supplement.amendments if "added" in a.words} == {"2012-04-01T00:00"}


def test_news_and_a_lead_in_in_one_paragraph() -> None:
    # corpus[81]: "Effective immediately, the Fund is offering Class A Shares. Accordingly,
    # the following changes are made to the Prospectus and SAI, effective immediately:"
    news = amendment(81, "is offering Class A Shares")
    assert isinstance(news.operation, Notice)
    assert news.words == "Effective immediately, the Fund is offering Class A Shares."


def test_split_news() -> None:
    text = (
        "On November 1, 2016, the fee will be reduced. There will be no changes to the "
        "limitation. To reflect this, the fee table is revised as follows:"
    )
    assert split_news(text, looks_like_instruction) == (
        "On November 1, 2016, the fee will be reduced. There will be no changes to the limitation.",
        "To reflect this, the fee table is revised as follows:",
    )
    assert (
        split_news(
            "3. Under the section \u201cA,\u201d replace \u201cB\u201d with:",
            looks_like_instruction,
        )
        is None
    )


def test_split_substitutions() -> None:
    text = (
        'Effective October 1, 2006, all references to the "A Fund" are changed to the "B Fund." '
        "In addition, all references to A & Co. LLC are changed to B, Inc."
    )
    assert split_substitutions(text) == [
        'Effective October 1, 2006, all references to the "A Fund" are changed to the "B Fund."',
        "In addition, all references to A & Co. LLC are changed to B, Inc.",
    ]


@pytest.mark.parametrize(
    ("text", "date"),
    [
        ("The date of this Supplement is July 16, 1999.", (1999, 7, 16)),
        ("The Date of this Supplement is August 21, 1997 Form No. X76002-97", (1997, 8, 21)),
        ("This Supplement is dated July 11, 2016.", (2016, 7, 11)),
    ],
)
def test_closing_lines_that_date_the_supplement(text: str, date: tuple[int, int, int]) -> None:
    assert is_trailer(text)
    assert trailer_date(text) == pendulum.date(*date)


@pytest.mark.parametrize(
    ("text", "instant"),
    [
        (
            "In addition, as of July 1, 2014, the first bullet point is deleted",
            "2014-07-01T00:00:00-04:00",
        ),
        (
            "From September 30, 2002 through November 18, 2002, the following supplements it.",
            "2002-09-30T00:00:00-04:00",
        ),
        ("On or after May 1, 2020, the following applies:", "2020-05-01T00:00:00-04:00"),
        (
            "Effective with the close of business on March 2, 2012, the following replaces it:",
            "2012-03-02T16:00:00-05:00",
        ),
    ],
)
def test_opening_times(text: str, instant: str) -> None:
    found = find_effective(text, default=DAY)
    assert found.instant is not None
    assert found.instant.isoformat() == instant


def test_an_opening_defined_term() -> None:
    defined = defined_times('Effective May 14, 2018 (the "Effective Date"), the Fund will reopen.')
    found = find_effective(
        "On the Effective Date, the following disclosure is removed:", defined=defined
    )
    assert found.words == "On the Effective Date"
    assert found.instant is not None
    assert found.instant.isoformat() == "2018-05-14T00:00:00-04:00"
