"""Hypothesis strategies for documents, operations and supplements."""

from __future__ import annotations

import hashlib

import pendulum
from hypothesis import strategies as st

from prospectus_ledger import (
    Amendment,
    BlockLocator,
    BulletList,
    DeleteBlock,
    Document,
    DocumentKind,
    DocumentRef,
    InsertBlocks,
    Notice,
    Paragraph,
    ReplaceBlock,
    ReplaceSection,
    Section,
    SectionTarget,
    Source,
    SubstituteText,
    Supplement,
    Table,
)
from prospectus_ledger.instants import at_close, start_of_day

HEADINGS = (
    "Investment Objective",
    "Principal Investment Strategy",
    "Principal Risks",
    "Management",
)
WORDS = ("fund", "invests", "equity", "bonds", "risk", "manager", "Portfolio", "shares", "value")
EDITION_DATE = pendulum.date(2007, 4, 30)
REGISTRANT = "Example Trust"

sentences = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(
    lambda ws: " ".join(ws).capitalize() + "."
)
paragraphs = st.lists(sentences, min_size=1, max_size=3).map(lambda s: Paragraph(" ".join(s)))
bullet_lists = st.lists(sentences, min_size=1, max_size=3).map(BulletList)
tables = st.lists(
    st.lists(st.sampled_from(WORDS), min_size=2, max_size=2), min_size=1, max_size=3
).map(lambda rows: Table(rows))
blocks = st.one_of(paragraphs, paragraphs, bullet_lists, tables)


@st.composite
def base_documents(draw: st.DrawFn) -> Document:
    """A complete base edition with the four standard headings."""
    sections = [
        Section(heading, draw(st.lists(paragraphs, min_size=1, max_size=3))) for heading in HEADINGS
    ]
    return Document(
        DocumentKind.PROSPECTUS,
        REGISTRANT,
        EDITION_DATE,
        portfolios=("Example Fund",),
        sections=sections,
        source=Source(name="base.md", sha256="0" * 64),
    )


def _target(heading: str) -> SectionTarget:
    return SectionTarget((heading,))


operations = st.one_of(
    st.builds(
        lambda h, bs: ReplaceSection(_target(h), bs),
        st.sampled_from(HEADINGS),
        st.lists(blocks, min_size=1, max_size=2),
    ),
    st.builds(
        lambda h, n, p: ReplaceBlock(_target(h), BlockLocator("paragraph", n), [p]),
        st.sampled_from(HEADINGS),
        st.integers(1, 3),
        paragraphs,
    ),
    st.builds(
        # A run of paragraphs ("the first and second paragraphs").
        lambda h, n, p: ReplaceBlock(_target(h), BlockLocator("paragraph", n, through=n + 1), [p]),
        st.sampled_from(HEADINGS),
        st.integers(1, 2),
        paragraphs,
    ),
    st.builds(
        lambda h, bs, where: InsertBlocks(_target(h), bs, where),
        st.sampled_from(HEADINGS),
        st.lists(paragraphs, min_size=1, max_size=2),
        st.sampled_from(["start", "end"]),
    ),
    st.builds(
        lambda h, n: DeleteBlock(_target(h), BlockLocator("paragraph", n)),
        st.sampled_from(HEADINGS),
        st.integers(-2, 3).filter(bool),
    ),
    st.builds(SubstituteText, st.sampled_from(WORDS), st.sampled_from(WORDS)),
    st.builds(lambda t: Notice(t), sentences),
)

days = st.integers(0, 60).map(lambda n: EDITION_DATE.add(days=n))


@st.composite
def supplements(draw: st.DrawFn, *, index: int = 0) -> Supplement:
    """A supplement to the base edition with one to three amendments."""
    supplement_date = draw(days)
    count = draw(st.integers(1, 3))
    amendments = []
    for position in range(count):
        effective_day = draw(days)
        at_close_of_day = draw(st.booleans())
        effective = at_close(effective_day) if at_close_of_day else start_of_day(effective_day)
        amendments.append(
            Amendment(
                draw(operations),
                DocumentKind.PROSPECTUS,
                effective,
                "close" if at_close_of_day else "on",
                position=position,
                words=f"instruction {position}",
            )
        )
    name = f"supplement-{index}-{draw(st.integers(0, 10**6))}"
    return Supplement(
        REGISTRANT,
        ("Example Fund",),
        (DocumentRef(DocumentKind.PROSPECTUS, EDITION_DATE),),
        supplement_date,
        Source(name=name, sha256=hashlib.sha256(name.encode()).hexdigest()),
        amendments,
    )


supplement_lists = st.lists(supplements(), min_size=1, max_size=5)
