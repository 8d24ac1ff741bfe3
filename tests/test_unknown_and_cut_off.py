"""Views never show unknown text as deleted, and mark text from cut-off copies (issue 16)."""

from __future__ import annotations

from pathlib import Path

import prospectus_ledger as pl
from prospectus_ledger.render import to_html, to_markdown

BASE_2019 = (
    "---\nregistrant: Example Trust\ndate: 2019-05-01\n---\n"
    "# Principal Risks\n\nOld risks.\n\n# Fees\n\nOld fees.\n"
)
SUPPLEMENT_2020 = (
    "EXAMPLE TRUST\n\nSUPPLEMENT DATED JUNE 1, 2020 TO THE PROSPECTUS DATED MAY 1, 2020\n\n"
    'Effective June 1, 2020, the section entitled "Fees" is replaced with the following:\n\n'
    "New fees.\n"
)


def test_sections_a_later_edition_known_only_from_supplements_leaves_unknown(
    tmp_path: Path,
) -> None:
    (tmp_path / "base.md").write_text(BASE_2019, encoding="utf-8")
    (tmp_path / "supplement.txt").write_text(SUPPLEMENT_2020, encoding="utf-8")
    ledger = pl.load(tmp_path)
    change = ledger.diff("2019-12-31", "2020-06-01")
    # The 2020 prospectus is known only from the supplement: its risks are not known to be
    # gone, so they are "unknown", never removed or redlined as deleted.
    assert [view.path for view in change.unknown] == [("Principal Risks",)]
    assert change.removed == ()
    assert change.added == ()
    # "Example Trust" then "EXAMPLE TRUST": one registrant, so Fees is changed, not
    # removed and added again.
    (fees,) = change.changed
    assert fees.path == ("Fees",)
    assert [(s.kind, s.text) for s in fees.redline] == [
        ("delete", "Old"),
        ("insert", "New"),
        ("equal", "fees."),
    ]
    rows = {row["path"]: row["change"] for row in change.to_dataframe().to_dict("records")}
    assert rows["Principal Risks"] == "unknown"


def test_views_mark_text_from_a_cut_off_copy() -> None:
    ledger = pl.Ledger()
    excerpt = SUPPLEMENT_2020 + (
        '\nEffective June 1, 2020, the section entitled "Principal Risks" is replaced with '
        "the following:\n\nThe risks are"
    )
    ledger.add_filing(excerpt, pl.Source(name="excerpt.txt", complete=False))
    view = ledger.as_of("2020-06-01").section("Fees")
    assert "cut off" in view.provenance.describe()
    assert "from a copy of the filing that is cut off" in to_html(view)
    assert "from a copy of the filing that is cut off" in to_markdown(view)
