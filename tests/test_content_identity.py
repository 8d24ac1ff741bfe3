"""Identities are the SHA-256 of the converter's JSON with sorted keys, byte for byte.

They are stored (a store keys its rows by them), so the fast path of
``prospectus_ledger.engine.identity`` must give exactly the digests of the plain
definition below, for parsed filings, generated ones and odd values alike.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pendulum
import pytest
from hypothesis import given, settings

import prospectus_ledger as pl
from prospectus_ledger.engine import identity as _identity
from prospectus_ledger.engine.compiled import document_identity, supplement_identity
from prospectus_ledger.locators import SentenceSpan
from prospectus_ledger.operations import DeleteSection, InsertSection
from prospectus_ledger.serialize import unstructure
from prospectus_ledger.tree import Series, ShareClass

from .strategies import base_documents, supplements

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"


def reference(value: object) -> str:
    """The definition of an identity (what every stored digest was made with)."""
    payload = json.dumps(unstructure(value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


def identity(value: object) -> str:
    if isinstance(value, pl.Document):
        return document_identity(value)
    assert isinstance(value, pl.Supplement)
    return supplement_identity(value)


def test_the_fast_path_knows_every_field_of_the_model() -> None:
    # A field added to the model without teaching engine.identity about it would make
    # every identity take the slow path (still right): this test says so.
    assert _identity._fields_known()
    assert _identity._FAST


@pytest.fixture(scope="module")
def parsed() -> list[object]:
    """Every supplement of the corpus, the seeds and the fixture filings, and the bases."""
    texts = [
        json.loads(line)["text"]
        for corpus in (
            FIXTURES / "corpus" / "supplements.jsonl",
            FIXTURES / "delaware" / "supplements.jsonl",
        )
        for line in corpus.read_text(encoding="utf-8").splitlines()
    ]
    filings = [*sorted((ROOT / "seeds").iterdir()), *sorted((FIXTURES / "filings").glob("*.txt"))]
    texts += [path.read_text(encoding="utf-8") for path in filings]
    values: list[object] = [s for text in texts for s in pl.parse_filing(text)]
    for path in (
        FIXTURES / "delaware" / "base.html",
        FIXTURES / "editions" / "acme_485bpos.txt",
        FIXTURES / "bases" / "example-trust-2020.md",
    ):
        ledger = pl.load(path)
        values += ledger.documents
        values += ledger.supplements
    return values


def test_parsed_filings_keep_their_identities(parsed: list[object]) -> None:
    assert len(parsed) > 200
    assert any(isinstance(value, pl.Document) for value in parsed)
    for value in parsed:
        assert identity(value) == reference(value)


@settings(max_examples=60, deadline=None)
@given(supplements())
def test_generated_supplements_keep_their_identities(supplement: pl.Supplement) -> None:
    assert supplement_identity(supplement) == reference(supplement)


@settings(max_examples=30, deadline=None)
@given(base_documents())
def test_generated_documents_keep_their_identities(document: pl.Document) -> None:
    assert document_identity(document) == reference(document)


ODD_TEXT = "".join(chr(code) for code in range(0x80)) + '\u2028\u2029\u00a0é€😀\ufeff,: \\"'
# A source with keys the converter omits when unknown (but not everywhere: see
# engine.identity._section).
PROVENANCE = pl.Provenance(
    source=pl.Source(name="p.txt", filed=pendulum.date(2020, 1, 2), form="497", cik="0000910682"),
    words="Effective",
    effective=pendulum.datetime(2020, 1, 2, 16, tz="America/New_York"),
    known_at=pendulum.datetime(2020, 1, 3, tz="America/New_York"),
    edition="Prospectus dated May 1, 2019",
    illustrative=True,
)


def _every_operation() -> list[pl.Operation]:
    target = pl.SectionTarget(("Management", ODD_TEXT), portfolio="Fund", statutory=True)
    nested = pl.Section(
        "Heading",
        [pl.Paragraph("p"), pl.BulletList(["a", ODD_TEXT]), pl.Table([["x", "y"]], caption="c")],
        children=[
            pl.Section(
                "Child",
                [pl.Paragraph("q")],
                children=[
                    pl.Section(
                        "Grandchild",
                        children=[pl.Section("Great-grandchild", provenance=PROVENANCE)],
                        provenance=PROVENANCE,
                    )
                ],
                provenance=PROVENANCE,
            )
        ],
        portfolio="Fund",
        placeholder=True,
        provenance=PROVENANCE,
    )
    locator = pl.BlockLocator("bullet", 2, anchor="after this", match="contains", through=3)
    return [
        pl.ReplaceSection(target, [pl.Paragraph(ODD_TEXT)], [nested], heading="New"),
        DeleteSection(pl.SectionTarget(("Risks",))),
        InsertSection(None, "last_child", nested),
        InsertSection(target, "before", nested),
        pl.ReplaceBlock(target, locator, [pl.Paragraph("r")], SentenceSpan(1, 2), "words"),
        pl.DeleteBlock(target, pl.BlockLocator("paragraph", -1), SentenceSpan(None, 3), None),
        pl.InsertBlocks(target, [pl.Table([["1"]])], "after", locator),
        pl.SubstituteText("old", ODD_TEXT, None),
        pl.SubstituteText("old", "new", target),
        pl.Notice(ODD_TEXT),
        pl.Notice("n", target),
    ]


def _odd_supplement(**changes: object) -> pl.Supplement:
    amendments = [
        pl.Amendment(
            operation,
            pl.DocumentKind.SAI if position % 2 else None,
            pendulum.datetime(2020, 3, 1, 16, tz="America/New_York") if position % 3 else None,
            effective_words="at the close",
            approximate=bool(position % 2),
            words=ODD_TEXT,
            diagnostic="why" if position % 4 == 0 else None,
            position=position,
        )
        for position, operation in enumerate(_every_operation())
    ]
    fields: dict[str, object] = {
        "registrant": "Trust",
        "portfolios": ("Fund", ODD_TEXT),
        "documents": [
            pl.DocumentRef(pl.DocumentKind.PROSPECTUS, pendulum.date(2019, 5, 1)),
            pl.DocumentRef(
                pl.DocumentKind.SAI, None, (pendulum.date(2019, 6, 1), pendulum.date(2019, 7, 1))
            ),
        ],
        "supplement_date": pendulum.date(2020, 2, 1),
        "source": pl.Source(
            name="s.txt",
            url="https://example.com",
            accession="0001",
            sha256="ab",
            filed=pendulum.date(2020, 2, 3),
            complete=False,
            form="497",
            cik="1234",
            company="Trust Co",
        ),
        "amendments": amendments,
        "known_from": pendulum.datetime(2020, 2, 3, 9, 30, tz="America/New_York"),
        "diagnostics": ("a diagnostic",),
        "series": (Series("S000000001", "Fund", (ShareClass("C000000001", "A", "ABCDX"),)),),
    }
    fields.update(changes)
    return pl.Supplement(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "changes",
    [
        {},
        {"registrant": None, "known_from": None, "diagnostics": (), "series": ()},
        {"source": pl.Source(), "supplement_date": None},
        # Years before 1000 are written without padding by the converter here.
        {"supplement_date": pendulum.date(999, 1, 2)},
        {"documents": [pl.DocumentRef(pl.DocumentKind.PROSPECTUS, pendulum.date(12, 1, 1))]},
        # A field holding a value of a type it does not declare.
        {"portfolios": ("Fund", 7)},
    ],
)
def test_every_field_and_operation_keeps_its_identity(changes: dict[str, object]) -> None:
    supplement = _odd_supplement(**changes)
    assert supplement_identity(supplement) == reference(supplement)


def test_every_document_field_keeps_its_identity() -> None:
    nested = _every_operation()[2]
    assert isinstance(nested, InsertSection)
    document = pl.Document(
        pl.DocumentKind.SUMMARY_PROSPECTUS,
        "Trust",
        pendulum.date(2019, 5, 1),
        portfolios=("Fund",),
        sections=[nested.section, pl.Section("Empty")],
        complete=False,
        illustrative=True,
        source=PROVENANCE.source,
        series=(Series("S000000002", None, ()),),
    )
    assert document_identity(document) == reference(document)
    bare = pl.Document(pl.DocumentKind.PROSPECTUS, None, None)
    assert document_identity(bare) == reference(bare)


def test_values_orjson_cannot_write_take_the_old_path() -> None:
    # An integer past 64 bits: orjson refuses it, json writes it.
    huge = _odd_supplement(amendments=[pl.Amendment(pl.Notice("n"), position=2**70)])
    assert supplement_identity(huge) == reference(huge)
    # A lone surrogate is no UTF-8: both ways fail alike.
    broken = _odd_supplement(registrant="\ud800")
    with pytest.raises(UnicodeEncodeError):
        reference(broken)
    with pytest.raises(UnicodeEncodeError):
        supplement_identity(broken)


def test_a_known_identity_is_unchanged() -> None:
    # Computed with the definition before the fast path existed.
    supplement = pl.Supplement(
        "Example Trust",
        ("Example Fund",),
        [pl.DocumentRef(pl.DocumentKind.PROSPECTUS, pendulum.date(2007, 4, 30))],
        pendulum.date(2007, 5, 31),
        pl.Source(name="known.txt"),
        [
            pl.Amendment(
                pl.ReplaceSection(
                    pl.SectionTarget(("Principal Investment Strategy",)),
                    [pl.Paragraph("The Portfolio invests in small companies.")],
                ),
                pl.DocumentKind.PROSPECTUS,
                pendulum.datetime(2007, 5, 22, tz="America/New_York"),
                "Effective on May 22, 2007",
            )
        ],
    )
    assert supplement_identity(supplement) == KNOWN


KNOWN = "65d08352089933a5e76687d5b09aabf4b53e80d24c46fa1ca5f3d8fc069f2831"
