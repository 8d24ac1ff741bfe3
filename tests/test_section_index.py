"""The per-section version index answers exactly as a walk of the state tree."""

from __future__ import annotations

import bisect
import datetime as dt

import pendulum
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import prospectus_ledger as pl
from prospectus_ledger.engine.compiled import Compiled
from prospectus_ledger.engine.lookup import find_in_states, in_scope
from prospectus_ledger.engine.section_index import MemoryVersions
from prospectus_ledger.instants import wall_clock_key
from prospectus_ledger.tree import Located, find_sections
from tests import strategies

QUERIES = [(heading,) for heading in strategies.HEADINGS] + [
    ("Example Fund", "Principal Risks"),
    ("Nonexistent",),
]


def _compiled(
    base: pl.Document, supplements: list[pl.Supplement], known_offset: int | None
) -> tuple[Compiled, pendulum.DateTime | None]:
    """The compiled ledger of ``base`` and ``supplements``, and the known-at instant
    ``known_offset`` days after the edition (``None``: everything known)."""
    ledger = pl.Ledger()
    ledger.add_document(base)
    for supplement in supplements:
        ledger.add_supplement(supplement)
    if known_offset is None:
        return ledger._compile(), None
    return ledger._compile(), pl.parse_when(strategies.EDITION_DATE.add(days=known_offset))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=strategies.base_documents(),
    supplements=strategies.supplement_lists,
    known_offset=st.none() | st.integers(0, 61),
)
def test_index_lookup_equals_tree_walk_at_every_state(
    base: pl.Document, supplements: list[pl.Supplement], known_offset: int | None
) -> None:
    compiled, known_at = _compiled(base, supplements, known_offset)
    for edition in compiled.editions:
        replay = compiled.replay_of(edition, known_at)
        index = compiled.index_of(edition, known_at)
        probes = [edition.start, *replay.instants, *(i.add(seconds=1) for i in replay.instants)]
        for when in probes:
            state = replay.state_at(when)
            for query in QUERIES:
                for portfolio in (None, "Example Fund", "Other Fund"):
                    walked = find_sections(state, query, portfolio=portfolio)
                    # Asked twice: the second answer comes from the kept plan.
                    for _ in range(2):
                        indexed = index.find(when, query, portfolio)
                        assert sorted((m.headings, id(m.section)) for m in indexed) == sorted(
                            (m.headings, id(m.section)) for m in walked
                        ), (when, query, portfolio)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base=strategies.base_documents(),
    supplements=strategies.supplement_lists,
    known_offset=st.none() | st.integers(0, 61),
    day_offset=st.integers(-1, 62),
    kind=st.none() | st.sampled_from([pl.DocumentKind.PROSPECTUS, pl.DocumentKind.SAI]),
)
def test_compiled_lookup_equals_the_walk_of_the_states_in_force(
    base: pl.Document,
    supplements: list[pl.Supplement],
    known_offset: int | None,
    day_offset: int,
    kind: pl.DocumentKind | None,
) -> None:
    """The compiled ledger answers from its index what the store finds by walking states."""
    compiled, known_at = _compiled(base, supplements, known_offset)
    when = pl.parse_when(strategies.EDITION_DATE.add(days=day_offset))
    for query in QUERIES:
        for portfolio in (None, "Example Fund", "Other Fund"):
            states = in_scope(compiled.states_in_force(when, known_at), portfolio, kind)
            walked = find_in_states(states, query, portfolio)
            expected = [(e.key, m.headings, id(m.section)) for e, m in walked]
            # With the key the ledger reads with the day, without it, and for the
            # same instant in another zone (searched by the datetimes).
            for probe, key in [
                (when, wall_clock_key(when)),
                (when, None),
                (when.in_timezone("UTC"), None),
            ]:
                indexed = compiled.find_sections(probe, known_at, query, portfolio, kind, key)
                assert [(e.key, m.headings, id(m.section)) for e, m in indexed] == expected, (
                    query,
                    portfolio,
                    kind,
                    probe,
                )


def test_a_snapshot_works_out_the_key_of_its_instant() -> None:
    """A snapshot made without the key (as the store makes them) searches with the right one."""
    ledger = pl.Ledger()
    ledger.add_document(
        pl.Document(
            pl.DocumentKind.PROSPECTUS,
            "Trust",
            strategies.EDITION_DATE,
            sections=[pl.Section("Fees", [pl.Paragraph("1%.")])],
        )
    )
    when = pl.parse_when(strategies.EDITION_DATE.add(days=3))
    made = pl.Snapshot(ledger._compile(), when)
    assert made == ledger.as_of(when)
    assert made._when_key == wall_clock_key(when)
    elsewhere = pl.Snapshot(ledger._compile(), when.in_timezone("UTC"))
    assert elsewhere._when_key is None
    assert elsewhere.section("Fees").text == made.section("Fees").text == "1%."


def test_index_follows_renames_and_deletions() -> None:
    base = pl.Document(
        pl.DocumentKind.PROSPECTUS,
        "Trust",
        strategies.EDITION_DATE,
        ("Old Fund",),
        [
            pl.Section(
                "Old Fund",
                [],
                [pl.Section("Risks", [pl.Paragraph("Old Fund risk.")])],
                portfolio="Old Fund",
            ),
            pl.Section("Fees", [pl.Paragraph("1%.")]),
        ],
    )
    ledger = pl.Ledger()
    ledger.add_document(base)
    day = strategies.EDITION_DATE.add(days=10)
    ledger.add_supplement(
        pl.Supplement(
            "Trust",
            ("Old Fund",),
            [pl.DocumentRef(pl.DocumentKind.PROSPECTUS, strategies.EDITION_DATE)],
            day,
            pl.Source(name="rename.txt"),
            [
                pl.Amendment(
                    pl.SubstituteText("Old Fund", "New Fund"),
                    pl.DocumentKind.PROSPECTUS,
                    pl.parse_when(day).start_of("day"),
                    position=0,
                ),
                pl.Amendment(
                    pl.DeleteSection(pl.SectionTarget(("Fees",))),
                    pl.DocumentKind.PROSPECTUS,
                    pl.parse_when(day).start_of("day"),
                    position=1,
                ),
            ],
        )
    )
    before, after = ledger.as_of(day.subtract(days=1)), ledger.as_of(day)
    assert before.section("Old Fund -- Risks").text == "Old Fund risk."
    assert after.section("New Fund -- Risks").text == "New Fund risk."
    assert after.portfolio("New Fund").section("Risks").portfolio == "New Fund"
    assert before.section("Fees").text == "1%."
    for gone in ("Fees", "Old Fund -- Risks"):
        try:
            after.section(gone)
        except pl.SectionNotFoundError:
            continue
        raise AssertionError(f"{gone} should be gone")


def _nested_document() -> pl.Document:
    def fund(name: str) -> pl.Section:
        risks = pl.Section(
            "Principal Risks",
            [pl.Paragraph(f"{name} risks.")],
            [
                pl.Section("Market Risk", [pl.Paragraph(f"{name} market risk.")]),
                pl.Section("Credit Risk", [pl.Paragraph(f"{name} credit risk.")]),
            ],
        )
        return pl.Section(
            name,
            [],
            [risks, pl.Section("Market Risk", [pl.Paragraph(f"{name} other market risk.")])],
            portfolio=name,
        )

    return pl.Document(
        pl.DocumentKind.PROSPECTUS,
        "Trust",
        strategies.EDITION_DATE,
        ("Alpha Fund", "Beta Fund"),
        [fund("Alpha Fund"), fund("Beta Fund"), pl.Section("Market Risk", [pl.Paragraph("All.")])],
    )


def test_index_narrows_by_every_ancestor_like_the_tree_walk() -> None:
    ledger = pl.Ledger()
    ledger.add_document(_nested_document())
    compiled = ledger._compile()
    edition = compiled.editions[0]
    state = compiled.replay_of(edition).state_at(edition.start)
    index = compiled.index_of(edition)
    queries = [
        ("Market Risk",),
        ("Principal Risks", "Market Risk"),
        ("Alpha Fund", "Market Risk"),
        ("Alpha Fund", "Principal Risks", "Market Risk"),
        ("Beta Fund", "Principal Risks", "Credit Risk"),
        ("Principal Risks", "Alpha Fund", "Market Risk"),  # ancestors out of order
        ("Gamma Fund", "Market Risk"),
        ("Alpha Fund", "Beta Fund", "Market Risk"),
    ]
    for query in queries:
        for portfolio in (None, "Alpha Fund", "Beta Fund"):
            walked = find_sections(state, query, portfolio=portfolio)
            indexed = index.find(edition.start, query, portfolio)
            assert [m.headings for m in indexed] == [m.headings for m in walked], (query, portfolio)
    alpha = index.find(edition.start, ("Alpha Fund", "Principal Risks", "Market Risk"), None)
    assert [m.section.text for m in alpha] == ["Alpha Fund market risk."]


def _in_new_york(naive: dt.datetime) -> pendulum.DateTime:
    return pendulum.DateTime(
        naive.year, naive.month, naive.day, naive.hour, naive.minute, naive.second,
        naive.microsecond, fold=naive.fold, tzinfo=pl.NEW_YORK,
    )  # fmt: skip


# Wall clocks near the autumn change (01:00-02:00 comes twice) and elsewhere.
_WALL_CLOCKS = st.datetimes(
    min_value=dt.datetime(2006, 10, 28), max_value=dt.datetime(2006, 10, 30), allow_imaginary=True
) | st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2030, 1, 1))


@given(
    instants=st.lists(_WALL_CLOCKS.map(_in_new_york), max_size=40),
    probes=st.lists(_WALL_CLOCKS.map(_in_new_york), min_size=1, max_size=10),
    elsewhere=st.none() | st.integers(0, 40),
)
def test_the_compact_keys_find_the_version_the_datetimes_do(
    instants: list[pendulum.DateTime], probes: list[pendulum.DateTime], elsewhere: int | None
) -> None:
    """Versions are searched by wall-clock keys while all are in New York, else by datetime."""
    ordered = sorted(instants)
    if elsewhere is not None and ordered:
        # One instant given in UTC: the keys give way to the datetimes.
        position = elsewhere % len(ordered)
        ordered[position] = ordered[position].in_timezone("UTC")
        ordered.sort()
    versions = MemoryVersions(("path",))
    for number, instant in enumerate(ordered):
        versions.add(instant, Located((number,), pl.Section(f"v{number}"), ("path",), None))
    for when in [*probes, *(probe.in_timezone("UTC") for probe in probes)]:
        key = wall_clock_key(when) if when.tzinfo is pl.NEW_YORK else None
        position = bisect.bisect_right(versions.instants, when) - 1
        expected = versions.located[position] if position >= 0 else None
        assert versions.at(when, key) is expected, (when, ordered)
