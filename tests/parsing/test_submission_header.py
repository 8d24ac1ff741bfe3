"""What an EDGAR submission's header says reaches the filing's source (issue 16)."""

from __future__ import annotations

import pendulum

import prospectus_ledger as pl
from prospectus_ledger.parsing.editions import parse_editions

from .documents import rows

HEADER = """<SEC-DOCUMENT>0001137439-24-001162.txt : 20240712
<SEC-HEADER>0001137439-24-001162.hdr.sgml : 20240712
ACCESSION NUMBER:		0001137439-24-001162
CONFORMED SUBMISSION TYPE:	497
PUBLIC DOCUMENT COUNT:		1
FILED AS OF DATE:		20240712
EFFECTIVENESS DATE:		20240712

FILER:

	COMPANY DATA:
		COMPANY CONFORMED NAME:			DELAWARE GROUP EQUITY FUNDS II
		CENTRAL INDEX KEY:			0000027574

<SERIES-AND-CLASSES-CONTRACTS-DATA>
<EXISTING-SERIES-AND-CLASSES-CONTRACTS>
<SERIES>
<OWNER-CIK>0000027574
<SERIES-ID>S000002391
<SERIES-NAME>Delaware Value Fund
<CLASS-CONTRACT>
<CLASS-CONTRACT-ID>C000006333
<CLASS-CONTRACT-NAME>Class A
<CLASS-CONTRACT-TICKER-SYMBOL>DDVAX
</CLASS-CONTRACT>
</SERIES>
</EXISTING-SERIES-AND-CLASSES-CONTRACTS>
</SERIES-AND-CLASSES-CONTRACTS-DATA>
</SEC-HEADER>
<DOCUMENT>
<TYPE>497
<SEQUENCE>1
<FILENAME>supplement.txt
<TEXT>
DELAWARE GROUP EQUITY FUNDS II

Supplement dated July 12, 2024 to the Statement of Additional Information dated
April 1, 2024

Effective July 12, 2024, the section entitled "Portfolio Managers" is deleted in its
entirety.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
"""


def test_a_supplement_takes_its_filer_form_and_series_from_the_header() -> None:
    (supplement,) = pl.parse_filing(HEADER, "0001137439-24-001162.txt")
    source = supplement.source
    assert (source.accession, source.filed) == ("0001137439-24-001162", pendulum.date(2024, 7, 12))
    assert (source.form, source.cik, source.company) == (
        "497",
        "27574",
        "DELAWARE GROUP EQUITY FUNDS II",
    )
    (series,) = supplement.series
    assert (series.id, series.name) == ("S000002391", "Delaware Value Fund")
    assert [(c.id, c.ticker) for c in series.classes] == [("C000006333", "DDVAX")]


def test_what_is_given_wins_over_the_header() -> None:
    (supplement,) = pl.parse_filing(HEADER, pl.Source(name="x.txt", company="Given Name"))
    assert supplement.source.company == "Given Name"
    assert supplement.source.cik == "27574"


def test_an_edition_takes_its_filer_and_form_from_the_header() -> None:
    (row,) = [r for r in rows() if str(r["url"]).endswith("0001193125-25-152548.txt")]
    (document,) = parse_editions(row["text"], "0001193125-25-152548.txt")
    assert document.source is not None
    assert document.source.form == "497K"
    assert document.cik == str(int(row["cik"]))
    assert document.source.company
