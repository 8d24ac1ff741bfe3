"""Section references and portfolios in instructions (private module ``_targets``)."""

from __future__ import annotations

import pytest

from prospectus_ledger.parsing._targets import named_portfolio, normalise, section_ref


def test_normalise_quotes_and_space() -> None:
    assert (
        normalise("the  \u201cX\u201d and \u2018Y\u2019 and 'Z' Fund's")
        == 'the "X" and "Y" and "Z" Fund\'s'
    )


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ('under the heading "A - B - C, LLC" in', ("A", "B", "C, LLC")),
        ('the "Management--The Advisers" section', ("Management", "The Advisers")),
        (
            'the sub-section entitled "Other Accounts" in the section entitled "Appendix C"',
            ("Appendix C", "Other Accounts"),
        ),
        ("in Appendix C to the SAI", ("Appendix C",)),
        (
            'in "Appendix D\u2014Portfolio Managers" to the SAI',
            ("Appendix D", "Portfolio Managers"),
        ),
        ("the CLOSED FUND POLICIES section", ("CLOSED FUND POLICIES",)),
        ('the caption "What are the risks?," is', ("What are the risks?",)),
    ],
)
def test_section_ref(text: str, path: tuple[str, ...]) -> None:
    found = section_ref(normalise(text))
    assert found is not None
    assert found.path == path


def test_no_section_ref() -> None:
    assert section_ref("the table on the cover of the Prospectus") is None


def test_named_portfolio() -> None:
    portfolios = ["Dreman Small-Cap Value Portfolio"]
    assert named_portfolio("with respect to Dreman Small-Cap Value Portfolio.", portfolios) == (
        "Dreman Small-Cap Value Portfolio"
    )
    assert named_portfolio("regarding the portfolio managers of the X", portfolios) is None
    assert named_portfolio("with respect to the Other Fund in the Prospectus", []) == "Other Fund"
    assert named_portfolio("to the SAI with respect to Dreman Small-C", portfolios) == (
        "Dreman Small-Cap Value Portfolio"
    )
