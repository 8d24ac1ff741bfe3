"""EDGAR submission files: the 497 documents' text is read, the wrapper is not."""

from __future__ import annotations

import pendulum

from prospectus_ledger.parsing import parse_filing, read_filing
from prospectus_ledger.parsing.submission import is_submission, unwrap_submission
from prospectus_ledger.provenance import Source

from .conftest import SEED_000


def submission(*documents: tuple[str, str]) -> str:
    parts = [
        "<SEC-DOCUMENT>0000950137-07-000001.txt : 20070531",
        "<SEC-HEADER>0000950137-07-000001.hdr.sgml : 20070531",
        "ACCESSION NUMBER:\t\t0000950137-07-000001",
        "CONFORMED SUBMISSION TYPE:\t497",
        "FILED AS OF DATE:\t\t20070601",
        "</SEC-HEADER>",
    ]
    for kind, text in documents:
        parts += [
            "<DOCUMENT>",
            f"<TYPE>{kind}",
            "<SEQUENCE>1",
            "<FILENAME>doc.txt",
            "<TEXT>",
            text,
            "</TEXT>",
            "</DOCUMENT>",
        ]
    parts.append("</SEC-DOCUMENT>")
    return "\n".join(parts)


def test_unwrap_keeps_497_documents() -> None:
    text = submission(
        ("497", "Supplement text"), ("EX-99", "Exhibit"), ("GRAPHIC", "begin 644 x.gif\nM")
    )
    assert is_submission(text)
    unwrapped = unwrap_submission(text)
    assert [(d.type, d.text.strip()) for d in unwrapped.documents] == [("497", "Supplement text")]
    assert unwrapped.accession == "0000950137-07-000001"
    assert unwrapped.filed == pendulum.date(2007, 6, 1)
    assert unwrapped.documents[0].first_line == 11


def test_without_497_the_first_document_is_read() -> None:
    unwrapped = unwrap_submission(submission(("485BPOS", "Prospectus"), ("EX-99", "Exhibit")))
    assert [d.type for d in unwrapped.documents] == ["485BPOS"]


def test_plain_text_is_no_submission() -> None:
    assert not is_submission(SEED_000.read_text())


def test_seed_inside_a_submission_parses_like_the_seed() -> None:
    seed = SEED_000.read_text()
    wrapped = submission(("497", seed), ("EX-99", "An exhibit that is not supplement text."))
    (supplement,) = parse_filing(wrapped, Source(name="0000950137-07-000001.txt"))
    (plain,) = parse_filing(seed)
    assert supplement.amendments == plain.amendments
    assert supplement.portfolios == plain.portfolios
    assert supplement.source.accession == "0000950137-07-000001"
    assert supplement.source.filed == pendulum.date(2007, 6, 1)
    assert supplement.known_at == pendulum.datetime(2007, 6, 1, tz="America/New_York")
    assert "exhibit" not in " ".join(read_filing(wrapped).supplements[0].kept_text())


def test_given_accession_is_kept() -> None:
    wrapped = submission(("497", SEED_000.read_text()))
    (supplement,) = parse_filing(wrapped, Source(accession="given"))
    assert supplement.source.accession == "given"


def test_html_document_in_a_submission() -> None:
    html = (
        "<html><body><p>SUPPLEMENT DATED MAY 1, 2009 TO PROSPECTUS DATED MAY 1, 2008</p>"
        "<p>The section entitled &#8220;Old Policy&#8221; is deleted.</p></body></html>"
    )
    (supplement,) = parse_filing(submission(("497", html)))
    (amendment,) = supplement.amendments
    assert amendment.operation.action == "delete"
    assert amendment.diagnostic is None
