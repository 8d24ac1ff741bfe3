"""The ledger's time, order, lookup and reporting rules (DESIGN.md), on hand-built filings."""

from __future__ import annotations

import datetime as dt
import random

import pendulum
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospectus_ledger import (
    AmbiguousSectionError,
    Amendment,
    BlockLocator,
    Document,
    DocumentKind,
    DocumentRef,
    EditionNotFoundError,
    InvalidDateError,
    Ledger,
    NoTextKnownError,
    Notice,
    Paragraph,
    ReplaceBlock,
    ReplaceSection,
    Section,
    SectionNotFoundError,
    SectionTarget,
    Source,
    Supplement,
    UnknownScopeError,
)
from prospectus_ledger.engine.compiled import supplement_identity
from prospectus_ledger.instants import at_close, start_of_day
from tests import strategies

P, SAI = DocumentKind.PROSPECTUS, DocumentKind.SAI
TRUST = "Example Trust"
FUND = "Example Fund"
OTHER = "Other Fund"


def day(text: str) -> pendulum.Date:
    parsed = pendulum.parse(text, exact=True)
    assert isinstance(parsed, pendulum.Date)
    return parsed


def replace(
    heading: str,
    text: str,
    *,
    effective: pendulum.DateTime,
    dated: str,
    edition: str = "2020-05-01",
    portfolio: str | None = FUND,
    name: str | None = None,
    kind: DocumentKind = P,
    words: str = "the following replaces in its entirety",
) -> Supplement:
    """A one-instruction supplement replacing a section."""
    name = name or f"{heading}-{text}-{dated}"
    return Supplement(
        TRUST,
        (portfolio,) if portfolio else (),
        (DocumentRef(kind, day(edition)),),
        day(dated),
        Source(name=name, sha256=name),
        (
            Amendment(
                ReplaceSection(SectionTarget((heading,), portfolio), (Paragraph(text),)),
                kind,
                effective,
                "Effective",
                words=words,
            ),
        ),
    )


def base(
    edition: str = "2020-05-01", strategy: str = "Old strategy.", **kwargs: object
) -> Document:
    part = Section(
        FUND,
        (),
        (
            Section("Principal Investment Strategy", (Paragraph(strategy),)),
            Section("Principal Risks", (Paragraph("Risk one."), Paragraph("Risk two."))),
        ),
        portfolio=FUND,
    )
    return Document(
        P,
        TRUST,
        day(edition),
        (FUND,),
        (part, Section("MANAGEMENT", (Paragraph("The manager."),))),
        source=Source(name=f"base-{edition}.htm", sha256=f"base-{edition}-{strategy}"),
        **kwargs,  # type: ignore[arg-type]
    )


def strategy_at(ledger: Ledger, when: object, known_at: object = None) -> str:
    return ledger.as_of(when, known_at=known_at).section("Principal Investment Strategy").text


# -- time ---------------------------------------------------------------------


def test_date_query_means_end_of_day_and_midnight_change_is_in() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "New.",
            effective=start_of_day(day("2020-06-02")),
            dated="2020-06-05",
        )
    )
    assert strategy_at(ledger, "2020-06-01") == "Old strategy."
    assert strategy_at(ledger, "2020-06-02") == "New."
    assert strategy_at(ledger, "2020-06-01T23:59:59.999999") == "Old strategy."
    assert strategy_at(ledger, "2020-06-02T00:00") == "New."


def test_close_of_business_is_1600_new_york() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "Close.",
            effective=at_close(day("2020-12-21")),
            dated="2020-12-21",
        )
    )
    assert strategy_at(ledger, "2020-12-21T15:59:59") == "Old strategy."
    assert strategy_at(ledger, "2020-12-21T16:00") == "Close."
    assert strategy_at(ledger, "2020-12-21") == "Close."
    assert strategy_at(ledger, dt.datetime(2020, 12, 21, 15, 0)) == "Old strategy."
    utc_after_close = dt.datetime(2020, 12, 21, 21, 30, tzinfo=dt.UTC)
    assert strategy_at(ledger, utc_after_close) == "Close."
    assert strategy_at(ledger, dt.date(2020, 12, 21)) == "Close."


@pytest.mark.parametrize("bad", ["2007-02-30", "yesterday", "", "2007-13-01", 20070101, None])
def test_invalid_dates_raise_invalid_date_error(bad: object) -> None:
    ledger = Ledger()
    with pytest.raises(InvalidDateError) as caught:
        ledger.as_of(bad)
    assert caught.value.value == bad
    with pytest.raises(ValueError, match="expected"):
        ledger.as_of("2020-01-01", known_at=bad if bad is not None else "nonsense")


def test_retroactive_and_prospective_supplements() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    retro = replace(
        "Principal Investment Strategy",
        "Retro.",
        effective=start_of_day(day("2020-06-01")),
        dated="2020-06-10",
    )
    prosp = replace(
        "Principal Risks", "Later.", effective=start_of_day(day("2020-09-01")), dated="2020-06-10"
    )
    ledger.add_supplement(retro)
    ledger.add_supplement(prosp)
    assert strategy_at(ledger, "2020-06-01") == "Retro."
    snapshot = ledger.as_of("2020-08-31")
    assert snapshot.section("Principal Risks").text == "Risk one.\n\nRisk two."
    assert ledger.as_of("2020-09-01").section("Principal Risks").text == "Later."


def test_known_at_hides_supplements_not_yet_known() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "Retro.",
            effective=start_of_day(day("2020-06-01")),
            dated="2020-06-10",
        )
    )
    assert strategy_at(ledger, "2020-06-05") == "Retro."
    assert strategy_at(ledger, "2020-06-05", known_at="2020-06-09") == "Old strategy."
    assert strategy_at(ledger, "2020-06-05", known_at="2020-06-10") == "Retro."
    view = ledger.as_of("2020-06-05").section("Principal Investment Strategy")
    assert view.provenance is not None
    assert view.provenance.known_at == start_of_day(day("2020-06-10"))


def test_known_at_uses_filing_date_when_given() -> None:
    supplement = replace(
        "Principal Investment Strategy",
        "Filed.",
        effective=start_of_day(day("2020-06-01")),
        dated="2020-06-01",
    )
    import attrs

    filed = attrs.evolve(
        supplement, source=attrs.evolve(supplement.source, filed=day("2020-06-03"))
    )
    assert filed.known_at == start_of_day(day("2020-06-03"))


# -- editions -------------------------------------------------------------------


def test_new_edition_replaces_the_old_and_supplements_never_amend_a_later_one() -> None:
    ledger = Ledger()
    ledger.add_document(base("2020-05-01", "Strategy 2020."))
    ledger.add_document(base("2021-05-01", "Strategy 2021."))
    late = replace(
        "Principal Investment Strategy",
        "Amends 2020 late.",
        effective=start_of_day(day("2021-06-01")),
        dated="2021-04-15",
    )
    early = replace(
        "Principal Investment Strategy",
        "Amends 2020.",
        effective=start_of_day(day("2020-09-01")),
        dated="2020-08-15",
    )
    ledger.add_supplement(late)
    ledger.add_supplement(early)
    assert strategy_at(ledger, "2020-08-31") == "Strategy 2020."
    assert strategy_at(ledger, "2020-09-01") == "Amends 2020."
    assert strategy_at(ledger, "2021-04-30") == "Amends 2020."
    assert strategy_at(ledger, "2021-05-01") == "Strategy 2021."
    assert strategy_at(ledger, "2021-06-02") == "Strategy 2021."
    superseded = [p for p in ledger.problems() if p.kind == "superseded"]
    assert len(superseded) == 1
    assert "replaced by a new edition" in superseded[0].reason


def test_no_edition_in_force_before_the_first() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    with pytest.raises(EditionNotFoundError):
        ledger.as_of("2019-01-01").section("Principal Investment Strategy")


def test_supplement_to_edition_not_held_creates_a_placeholder_and_says_no_text_before() -> None:
    ledger = Ledger()
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "Known.",
            effective=start_of_day(day("2020-06-01")),
            dated="2020-06-10",
        )
    )
    assert strategy_at(ledger, "2020-06-01") == "Known."
    with pytest.raises(NoTextKnownError) as caught:
        strategy_at(ledger, "2020-05-31")
    assert "2020-06-01" in str(caught.value.first_known)
    assert "no base loaded" in str(caught.value)
    with pytest.raises(SectionNotFoundError):
        ledger.as_of("2020-06-01").section("Principal Risks")


def test_instruction_that_is_not_a_full_replacement_fails_without_a_base() -> None:
    ledger = Ledger()
    supplement = Supplement(
        TRUST,
        (FUND,),
        (DocumentRef(P, day("2020-05-01")),),
        day("2020-06-10"),
        Source(name="partial.txt", sha256="partial"),
        (
            Amendment(
                ReplaceBlock(
                    SectionTarget(("Principal Risks",), FUND),
                    BlockLocator("paragraph", 2),
                    (Paragraph("x"),),
                ),
                P,
                start_of_day(day("2020-06-10")),
                words="the second paragraph is replaced",
            ),
        ),
    )
    ledger.add_supplement(supplement)
    (problem,) = ledger.problems()
    assert problem.kind == "failed"
    assert "base text is not loaded" in problem.reason
    assert problem.source.name == "partial.txt"


# -- order and identity ------------------------------------------------------------


def test_same_instant_orders_by_supplement_date_then_position() -> None:
    instant = start_of_day(day("2020-07-01"))
    first = replace(
        "Principal Investment Strategy", "From June 1.", effective=instant, dated="2020-06-01"
    )
    second = replace(
        "Principal Investment Strategy", "From June 2.", effective=instant, dated="2020-06-02"
    )
    for order in ([first, second], [second, first]):
        ledger = Ledger()
        ledger.add_document(base())
        for supplement in order:
            ledger.add_supplement(supplement)
        assert strategy_at(ledger, "2020-07-01") == "From June 2."
        conflicts = [p for p in ledger.problems() if p.kind == "conflict"]
        assert len(conflicts) == 1


def test_adding_twice_changes_nothing() -> None:
    ledger = Ledger()
    supplement = replace(
        "Principal Investment Strategy",
        "Once.",
        effective=start_of_day(day("2020-06-01")),
        dated="2020-06-01",
    )
    assert ledger.add_document(base())
    assert ledger.add_supplement(supplement)
    assert not ledger.add_supplement(supplement)
    assert not ledger.add_document(base())
    assert len(ledger.timeline()) == 1


def loaded_both_ways(
    base_document: Document, supplements: list[Supplement], shuffled: list[Supplement]
) -> tuple[Ledger, Ledger]:
    """A ledger given the base then ``supplements``, and one given ``shuffled`` then the
    base."""
    forward, backward = Ledger(), Ledger()
    forward.add_document(base_document)
    for supplement in supplements:
        forward.add_supplement(supplement)
    for supplement in shuffled:
        backward.add_supplement(supplement)
    backward.add_document(base_document)
    return forward, backward


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    base_document=strategies.base_documents(),
    supplements=strategies.supplement_lists,
    seed=st.integers(),
)
def test_any_permutation_gives_identical_answers(
    base_document: Document, supplements: list[Supplement], seed: int
) -> None:
    shuffled = list(supplements)
    random.Random(seed).shuffle(shuffled)
    forward, backward = loaded_both_ways(base_document, supplements, shuffled)
    for offset in (0, 10, 30, 61):
        when = strategies.EDITION_DATE.add(days=offset)
        assert forward.as_of(when).documents() == backward.as_of(when).documents()
        known = strategies.EDITION_DATE.add(days=offset // 2)
        assert (
            forward.as_of(when, known_at=known).documents()
            == backward.as_of(when, known_at=known).documents()
        )
    assert forward.timeline() == backward.timeline()
    assert forward.problems() == backward.problems()


@settings(max_examples=40, deadline=None)
@given(base_document=strategies.base_documents(), supplements=strategies.supplement_lists)
def test_loading_twice_changes_nothing(
    base_document: Document, supplements: list[Supplement]
) -> None:
    once, twice = Ledger(), Ledger()
    for ledger, rounds in ((once, 1), (twice, 2)):
        for _ in range(rounds):
            ledger.add_document(base_document)
            for supplement in supplements:
                ledger.add_supplement(supplement)
    for offset in (0, 20, 61):
        when = strategies.EDITION_DATE.add(days=offset)
        assert once.as_of(when).documents() == twice.as_of(when).documents()
    assert once.timeline() == twice.timeline()


@settings(max_examples=60, deadline=None)
@given(
    base_document=strategies.base_documents(),
    supplements=strategies.supplement_lists,
    offset=st.integers(0, 61),
    known_offset=st.none() | st.integers(0, 61),
)
def test_snapshot_equals_a_from_scratch_replay(
    base_document: Document, supplements: list[Supplement], offset: int, known_offset: int | None
) -> None:
    ledger = Ledger()
    ledger.add_document(base_document)
    for supplement in supplements:
        ledger.add_supplement(supplement)
    when = strategies.EDITION_DATE.add(days=offset)
    known = strategies.EDITION_DATE.add(days=known_offset) if known_offset is not None else None
    cutoff = start_of_day(when).end_of("day")
    known_cutoff = start_of_day(known).end_of("day") if known is not None else None

    steps = [
        (
            (
                amendment.effective,
                supplement.supplement_date,
                supplement.source.sha256,
                amendment.position,
                supplement_identity(supplement),
            ),
            amendment,
        )
        # The ledger holds a supplement once however often it is added.
        for supplement in {supplement_identity(s): s for s in supplements}.values()
        if known_cutoff is None
        or (supplement.known_at is not None and supplement.known_at <= known_cutoff)
        for amendment in supplement.amendments
        if amendment.effective is not None and amendment.effective <= cutoff
    ]
    expected = base_document
    for _, amendment in sorted(steps, key=lambda pair: pair[0]):
        try:
            expected = amendment.operation.apply(expected)
        except LookupError:
            continue

    (actual,) = ledger.as_of(when, known_at=known).documents()
    strip = lambda document: [section.text for section in document.sections]  # noqa: E731
    assert strip(actual) == strip(expected)
    assert [s.heading for s in actual.sections] == [s.heading for s in expected.sections]


# -- lookup ---------------------------------------------------------------------


def two_fund_ledger() -> Ledger:
    ledger = Ledger()
    for fund in (FUND, OTHER):
        ledger.add_supplement(
            replace(
                "Principal Investment Strategy",
                f"Strategy of {fund}.",
                effective=start_of_day(day("2020-06-01")),
                dated="2020-06-01",
                portfolio=fund,
            )
        )
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "SAI text.",
            effective=start_of_day(day("2020-06-01")),
            dated="2020-06-01",
            portfolio=FUND,
            kind=SAI,
        )
    )
    return ledger


def test_ambiguous_heading_lists_candidates_and_scopes_resolve_it() -> None:
    snapshot = two_fund_ledger().as_of("2020-06-01")
    with pytest.raises(AmbiguousSectionError) as caught:
        snapshot.section("Principal Investment Strategy")
    assert len(caught.value.candidates) == 3
    other = snapshot.portfolio(OTHER).section("principal  investment   STRATEGY")
    assert other.text == "Strategy of Other Fund."
    with pytest.raises(AmbiguousSectionError):
        snapshot.portfolio(FUND).section("Principal Investment Strategy")
    assert (
        snapshot.portfolio(FUND).document("sai").section("Principal Investment Strategy").text
        == "SAI text."
    )
    assert snapshot.document("prospectus").portfolio(FUND).section(
        "Principal Investment Strategy"
    ).text == ("Strategy of Example Fund.")


def test_unknown_scopes_raise() -> None:
    snapshot = two_fund_ledger().as_of("2020-06-01")
    with pytest.raises(UnknownScopeError):
        snapshot.portfolio("No Such Fund")
    with pytest.raises(UnknownScopeError):
        snapshot.document("annual report")


@pytest.mark.parametrize(
    "query",
    [
        "MANAGEMENT -- The Advisers -- Dreman Value Management, LLC",
        "MANAGEMENT--The Advisers--Dreman Value Management, LLC",
        "Management \u2014 The Advisers \u2014 Dreman Value Management, LLC",
        "MANAGEMENT - The  Advisers - \u201cDreman Value Management, LLC\u201d",
        ("MANAGEMENT", "The Advisers", "Dreman Value Management, LLC"),
        "The Advisers -- Dreman Value Management, LLC",
        "Dreman Value Management, LLC",
    ],
)
def test_heading_paths_match_in_any_spelling(query: object) -> None:
    ledger = Ledger()
    supplement = Supplement(
        TRUST,
        (FUND,),
        (DocumentRef(P, day("2020-05-01")),),
        day("2020-06-01"),
        Source(name="x", sha256="x"),
        (
            Amendment(
                ReplaceSection(
                    SectionTarget(
                        ("MANAGEMENT", "The Advisers", "Dreman Value Management, LLC"), FUND
                    ),
                    (Paragraph("Dreman text."),),
                ),
                P,
                at_close(day("2020-06-01")),
            ),
        ),
    )
    ledger.add_supplement(supplement)
    assert ledger.as_of("2020-06-01").section(query).text == "Dreman text."  # type: ignore[arg-type]


def test_section_not_found_names_date_scope_and_closest() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    with pytest.raises(SectionNotFoundError) as caught:
        ledger.as_of("2020-06-01").portfolio(FUND).section("Principal Investment Strategies")
    error = caught.value
    assert error.closest[0] == "Principal Investment Strategy"
    assert "2020-06-01" in str(error.when)
    assert FUND in error.scope
    assert isinstance(error, LookupError)


def test_shared_sections_answer_within_a_portfolio_scope() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    assert ledger.as_of("2020-06-01").portfolio(FUND).section("MANAGEMENT").text == "The manager."


def test_section_view_provenance_and_illustrative_mark() -> None:
    ledger = Ledger()
    ledger.add_document(base(illustrative=True))
    view = ledger.as_of("2020-06-01").section("Principal Investment Strategy")
    assert view.provenance is not None
    assert view.provenance.illustrative
    assert view.provenance.words is None
    assert "illustrative" in view.provenance.describe()
    assert view.path == (FUND, "Principal Investment Strategy")
    assert view.heading == "Principal Investment Strategy"
    assert view.blocks == (Paragraph("Old strategy."),)


# -- history, diff, timeline, problems ----------------------------------------------


def test_history_lists_every_version_with_validity_and_provenance() -> None:
    ledger = Ledger()
    ledger.add_document(base("2020-05-01", "v1."))
    ledger.add_document(base("2021-05-01", "v3."))
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "v2.",
            effective=start_of_day(day("2020-09-01")),
            dated="2020-08-15",
        )
    )
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "v2.",
            effective=start_of_day(day("2020-10-01")),
            dated="2020-09-15",
            name="same text again",
        )
    )
    history = ledger.history("Principal Investment Strategy", portfolio=FUND)
    assert [version.text for version in history] == ["v1.", "v2.", "v2.", "v3."]
    assert history[0].valid_from == start_of_day(day("2020-05-01"))
    assert history[0].valid_to == start_of_day(day("2020-09-01"))
    assert history[2].valid_to == start_of_day(day("2021-05-01"))
    assert history[3].valid_to is None
    assert history[1].provenance is not None
    assert history[1].provenance.words
    assert history[2].provenance is not None
    assert history[2].provenance.source.name == "same text again"
    assert history[1].contains(start_of_day(day("2020-09-15")))


def test_diff_reports_changed_added_removed_with_redline() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "Old strategy, revised.",
            effective=start_of_day(day("2020-06-01")),
            dated="2020-06-01",
        )
    )
    difference = ledger.diff("2020-05-31", "2020-06-01")
    assert not difference.added
    assert not difference.removed
    (change,) = difference.changed
    assert change.path[-1] == "Principal Investment Strategy"
    kinds = [(segment.kind, segment.text) for segment in change.redline]
    assert ("delete", "strategy.") in kinds
    assert ("insert", "strategy, revised.") in kinds
    assert not ledger.diff("2020-05-31", "2020-05-31")


def test_timeline_lists_amendments_in_effective_order_with_notices() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    notice = Supplement(
        TRUST,
        (FUND,),
        (DocumentRef(P, day("2020-05-01")),),
        day("2020-05-15"),
        Source(name="notice", sha256="notice"),
        (Amendment(Notice("The Fund will be liquidated."), P, start_of_day(day("2020-05-15"))),),
    )
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "Later.",
            effective=start_of_day(day("2020-06-01")),
            dated="2020-05-10",
        )
    )
    ledger.add_supplement(notice)
    entries = list(ledger.timeline())
    assert [entry.status for entry in entries] == ["notice", "applied"]
    assert entries[0].text == "The Fund will be liquidated."
    assert ledger.problems() == []


def test_notices_with_diagnostics_are_problems() -> None:
    ledger = Ledger()
    ledger.add_supplement(
        Supplement(
            TRUST,
            (),
            (DocumentRef(P, day("2020-05-01")),),
            day("2020-05-15"),
            Source(name="odd.txt", sha256="odd"),
            (
                Amendment(
                    Notice("Something odd."),
                    P,
                    start_of_day(day("2020-05-15")),
                    diagnostic="no instruction recognised",
                ),
            ),
        )
    )
    (problem,) = ledger.problems()
    assert problem.kind == "not_understood"
    assert problem.reason == "no instruction recognised"


def test_amendment_without_effective_time_is_unrouted() -> None:
    ledger = Ledger()
    supplement = Supplement(
        None,
        (),
        (DocumentRef(P, None),),
        None,
        Source(name="undated.txt", sha256="undated"),
        (Amendment(ReplaceSection(SectionTarget(("X",)), ()), P, None),),
    )
    ledger.add_supplement(supplement)
    (problem,) = ledger.problems()
    assert problem.kind == "unrouted"
    assert ledger.timeline()[0].status == "unrouted"


def test_snapshot_does_not_change_when_the_ledger_grows() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    snapshot = ledger.as_of("2020-06-01")
    ledger.add_supplement(
        replace(
            "Principal Investment Strategy",
            "New.",
            effective=start_of_day(day("2020-06-01")),
            dated="2020-06-01",
        )
    )
    assert snapshot.section("Principal Investment Strategy").text == "Old strategy."
    assert strategy_at(ledger, "2020-06-01") == "New."


def test_subsections_arriving_with_a_replacement_carry_its_provenance() -> None:
    ledger = Ledger()
    ledger.add_document(base(illustrative=True))
    new_children = (Section("Portfolio Managers", (Paragraph("Jane Doe manages the Fund."),)),)
    ledger.add_supplement(
        Supplement(
            TRUST,
            (FUND,),
            (DocumentRef(P, day("2020-05-01")),),
            day("2020-06-01"),
            Source(name="managers.txt", sha256="managers"),
            (
                Amendment(
                    ReplaceSection(
                        SectionTarget(("MANAGEMENT",)), (Paragraph("The manager."),), new_children
                    ),
                    P,
                    start_of_day(day("2020-06-01")),
                    words="the following replaces MANAGEMENT",
                ),
            ),
        )
    )
    view = ledger.as_of("2020-06-01").section("MANAGEMENT -- Portfolio Managers")
    assert view.provenance is not None
    assert view.provenance.source.name == "managers.txt"
    assert not view.provenance.illustrative
    (version,) = ledger.history("MANAGEMENT -- Portfolio Managers")
    assert version.provenance is not None
    assert version.provenance.source.name == "managers.txt"


def test_an_instruction_without_its_new_text_is_not_applied() -> None:
    ledger = Ledger()
    ledger.add_document(base())
    empty = Supplement(
        TRUST,
        (FUND,),
        (DocumentRef(P, day("2020-05-01")),),
        day("2020-06-01"),
        Source(name="cut.txt", sha256="cut", complete=False),
        (
            Amendment(
                ReplaceSection(SectionTarget(("Principal Investment Strategy",), FUND), ()),
                P,
                start_of_day(day("2020-06-01")),
                words="the following replaces in its entirety",
                diagnostic="no new text follows the instruction",
            ),
        ),
    )
    ledger.add_supplement(empty)
    assert strategy_at(ledger, "2020-06-02") == "Old strategy."
    (problem,) = ledger.problems()
    assert problem.kind == "failed"
    assert "no new text" in problem.reason
