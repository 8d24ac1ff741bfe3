"""The grammar: rows built from one vocabulary, prefilters derived from the patterns."""

from __future__ import annotations

import importlib
import json
import pkgutil
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prospectus_ledger.parsing import grammar, recognise
from prospectus_ledger.parsing.grammar import GrammarError, Rule, Table, Words, required_literals
from prospectus_ledger.parsing.grammar._prefilters import first_characters, look_ahead

CORPUS = Path(__file__).resolve().parent.parent / "fixtures" / "corpus" / "supplements.jsonl"


def _rules() -> Iterator[Rule[object]]:
    """Every rule of every table and every lone rule the grammar declares."""
    modules = [
        importlib.import_module(f"{grammar.__name__}.{info.name}")
        for info in pkgutil.iter_modules(grammar.__path__)
        if not info.name.startswith("_") and info.name != "vocabulary"
    ]
    assert len(modules) >= 6  # blocks, headings, instructions, substitutions, supplements, times
    for module in modules:
        for name in dir(module):
            value = getattr(module, name)
            if isinstance(value, Rule):
                yield value
            elif isinstance(value, Table):
                yield from value


RULES = list({id(rule): rule for rule in _rules()}.values())


def _paragraphs() -> list[str]:
    texts = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    found: list[str] = []
    for text in texts:
        found.extend(" ".join(p.split()) for p in re.split(r"\n\s*\n", text) if p.strip())
    return found


PARAGRAPHS = _paragraphs()


def test_the_grammar_declares_its_rows() -> None:
    assert len(RULES) >= 80
    assert all(rule.name for rule in RULES)


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_the_prefilter_never_refuses_a_match(rule: Rule[object]) -> None:
    """Strings made to match the rule's own pattern all pass its prefilter."""

    # Word boundaries make hypothesis reject most of what it draws: draw from the
    # pattern without them (a wider language), and check what the rule itself matches.
    loose = re.compile(rule.source.replace(r"\b", ""))

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(loose))
    def check(text: str) -> None:
        words = Words(text)
        if rule.pattern.search(rule.subject(words)) is not None:
            assert rule.may_match(words), (rule.name, text, rule.needs)

    check()


def test_the_prefilter_agrees_with_the_patterns_on_corpus_paragraphs() -> None:
    for paragraph in PARAGRAPHS[:1500]:
        for variant in (paragraph, paragraph.upper(), paragraph.swapcase()):
            words = Words(variant)
            for rule in RULES:
                matched = rule.pattern.search(rule.subject(words)) is not None
                assert rule.found(words) == matched, (rule.name, variant)


def test_prefilters_spare_most_rules_most_searches() -> None:
    """The derivation finds something to test for in most rules."""
    with_needs = [rule for rule in RULES if rule.needs]
    assert len(with_needs) >= 0.8 * len(RULES)


@pytest.mark.parametrize(
    ("source", "needs"),
    [
        (r"\bthe following\b[^:]{0,20} replaces\b", ("the following",)),
        (r"summar(?:y|ies) prospectus", ("summaries prospectus", "summary prospectus")),
        (
            r"(?:is|are) (?:deleted|removed)",
            ("are deleted", "are removed", "is deleted", "is removed"),
        ),
        (r"\bfirst (?:two|three) bullets", ("first three bullets", "first two bullets")),
        (r"(?:a|b)?c", ()),  # nothing worth testing for
        (r"(?i:under) the", (" the",)),  # words matched ignoring case require nothing
        (r"(?:foo)*bar", ("bar",)),
        (r"(?:foo)*ba", ()),  # too short to be worth a test
    ],
)
def test_required_literals(source: str, needs: tuple[str, ...]) -> None:
    assert required_literals(source) == needs


def test_a_lower_case_rule_may_not_spell_capitals() -> None:
    with pytest.raises(GrammarError, match="capital"):
        Rule("shouting", r"\bThe Following\b", "x")
    Rule("quiet", r"\bthe following\b(?P<name>\w+)\S", "x")  # escapes and names are fine
    Rule("cased", r"\b(?P<u>[A-Z]\w+) section\b", "x", cased=True)


def test_a_table_names_each_rule_once() -> None:
    with pytest.raises(GrammarError, match="twice"):
        Table("t", [Rule("a", "x", 1), Rule("a", "y", 2)])


def test_tables_try_rules_in_priority_order() -> None:
    table = Table("t", [Rule("late", "ab", "late", priority=2), Rule("soon", "b", "soon")])
    found = table.first(Words("AB"))
    assert found is not None
    assert found[0].name == "soon"
    assert found[1].text == "B"  # groups come back as printed


def test_words_rewrite_both_cases_alike() -> None:
    rule = Rule("x", r"second to last", "penultimate")
    words = Words("The Second To Last Paragraph").sub(rule, rule.builds)
    assert words.text == "The penultimate Paragraph"
    assert words.lower == "the penultimate paragraph"


def test_lower_keeps_places() -> None:
    assert len(grammar.lower("\u0130stanbul Fund")) == len("\u0130stanbul Fund")


def test_a_participle_added_to_the_vocabulary_reads_everywhere() -> None:
    """The issue's example: "rewritten" is in the vocabulary once; every passive reads it."""
    assert "rewritten" in grammar.vocabulary.REPLACED
    found = recognise('The section entitled "Risks" is hereby rewritten as follows:')
    assert (found.action, found.path) == ("replace_section", ("Risks",))
    found = recognise('The section entitled "Risks" has been rewritten as follows:')
    assert found.action == "replace_section"


def test_the_passive_auxiliary_is_written_once() -> None:
    """Every auxiliary of the vocabulary reads in every passive row."""
    for auxiliary in grammar.vocabulary.AUXILIARIES:
        text = f'The section entitled "Risks" {auxiliary} hereby deleted.'
        assert recognise(text).action == "delete_section", auxiliary
        text = f'The following {auxiliary} added to the section entitled "Risks":'
        assert recognise(text).action == "insert_blocks", auxiliary


@pytest.mark.parametrize(
    ("source", "firsts"),
    [
        (r"\b(?:may|june)\b", (frozenset("mj"), frozenset())),
        (r"\b\d{1,2}/", (frozenset({r"\d"}), frozenset())),
        (r"\b(?i:entitled) [A-Z]", (frozenset(), frozenset("e"))),
        (r"\b(?:please )?(?:add|delete)", (frozenset("pad"), frozenset())),
        (r"\b(?:a|b)?", None),  # may match nothing
        (r"\b.x", None),  # any character
        (r"\b[^a]x", None),
    ],
)
def test_first_characters(
    source: str, firsts: tuple[frozenset[str], frozenset[str]] | None
) -> None:
    assert first_characters(source) == firsts


def test_a_look_ahead_is_added_only_where_the_engine_has_no_prefix_to_skip_to() -> None:
    assert look_ahead(r"\b(?:may|june)\b") == r"(?=[jm])(?:\b(?:may|june)\b)"
    assert look_ahead(r"\b(?i:entitled)") == r"(?=(?i:[e]))(?:\b(?i:entitled))"
    assert look_ahead(r"the (?:first|last)") == r"the (?:first|last)"  # a literal prefix
    assert look_ahead(r"\b.x") == r"\b.x"


@pytest.mark.parametrize("rule", RULES, ids=lambda rule: rule.name)
def test_the_look_ahead_changes_no_match(rule: Rule[object]) -> None:
    """The pattern compiled with its look-ahead finds what the source finds, place for
    place, on corpus paragraphs in every case and on strings made from the pattern."""
    plain = re.compile(rule.source)
    for paragraph in PARAGRAPHS[:400]:
        for variant in (paragraph, paragraph.upper(), paragraph.swapcase()):
            subject = rule.subject(Words(variant))
            expected = [match.span() for match in plain.finditer(subject)]
            assert [match.span() for match in rule.pattern.finditer(subject)] == expected

    loose = re.compile(rule.source.replace(r"\b", ""))

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(loose))
    def check(text: str) -> None:
        assert [m.span() for m in rule.pattern.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]

    check()
