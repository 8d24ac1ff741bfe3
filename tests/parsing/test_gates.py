"""Gates: one test for several rules' prefilters, before a question only they can answer."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from types import ModuleType

import pytest

from prospectus_ledger.parsing import _runon, _substitutions, _titles, trailers
from prospectus_ledger.parsing._memo import forget
from prospectus_ledger.parsing.grammar import (
    Gate,
    Rule,
    Table,
    Words,
    headings,
    instructions,
    supplements,
)

from .test_grammar import RULES

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures"
_FILES = (
    FIXTURES / "corpus" / "supplements.jsonl",
    FIXTURES / "labelled" / "development.jsonl",
    FIXTURES / "labelled" / "frozen.jsonl",
)


def _texts() -> Iterator[str]:
    """Every paragraph and every line of the corpus and labelled filings, white space
    collapsed (the parser asks its questions of both)."""
    for path in _FILES:
        for row in path.read_text(encoding="utf-8").splitlines():
            text = json.loads(row)["text"]
            for paragraph in re.split(r"\n\s*\n", text):
                yield " ".join(paragraph.split())
                if "\n" in paragraph.strip():
                    yield from (" ".join(line.split()) for line in paragraph.splitlines())


TEXTS = sorted({text for text in _texts() if text})


def test_a_gate_holds_the_union_of_its_rules_prefilters() -> None:
    gate = Gate([supplements.DATE_LINE, supplements.RETAIN])
    assert gate.needs == ("date", "for future reference", "for later reference")
    assert not gate.may_match("The Fund invests in bonds.")
    assert gate.may_match("Please RETAIN this supplement FOR FUTURE REFERENCE.")


def test_a_rule_without_a_prefilter_opens_its_gate_to_every_text() -> None:
    open_rule = next(rule for rule in RULES if not rule.needs)
    gate = Gate([supplements.RETAIN, open_rule])
    assert gate.needs == ()
    assert gate.may_match("anything at all")


@pytest.mark.parametrize(
    "table", [headings.UNQUOTED, instructions.VERBS, instructions.NOTICES], ids=str
)
def test_a_gate_never_turns_away_what_one_of_its_rules_matches(table: Table[object]) -> None:
    gate = Gate(table)
    for text in TEXTS[:4000]:
        words = Words(text)
        if any(rule.pattern.search(rule.subject(words)) for rule in table):
            assert gate.may_match(text), (table.name, text)


def test_a_gate_over_every_rule_of_the_grammar_turns_away_only_what_none_matches() -> None:
    with_needs: list[Rule[object]] = [rule for rule in RULES if rule.needs]
    for rule in with_needs:
        gate = Gate([rule])
        for text in TEXTS[:400]:
            words = Words(text)
            if not gate.may_match(text):
                assert rule.pattern.search(rule.subject(words)) is None, (rule.name, text)


# The predicates that ask a gate first: module, the gate's names there, the predicate.
GATED: list[tuple[ModuleType, tuple[str, ...], Callable[[str], object]]] = [
    (trailers, ("_CLOSING",), trailers.is_trailer),
    (_titles, ("_INTRODUCES",), _titles.is_intro),
    (_runon, ("_INSTRUCTS",), _runon.looks_like_instruction),
    (_substitutions, ("CHANGES_WORDS", "_SUBSTITUTES"), _substitutions.changes_words),
]


@pytest.mark.parametrize(
    ("module", "names", "predicate"), GATED, ids=[names[0] for _, names, _ in GATED]
)
def test_a_gated_predicate_answers_as_it_would_with_its_gates_open(
    monkeypatch: pytest.MonkeyPatch,
    module: ModuleType,
    names: tuple[str, ...],
    predicate: Callable[[str], object],
) -> None:
    """On every paragraph and line of the filings: the gate turns away only text the
    predicate would refuse anyway (a rule added to the predicate but not to its gate
    shows here)."""
    forget()
    gated = [predicate(text) for text in TEXTS]
    forget()
    for name in names:
        monkeypatch.setattr(module, name, Gate([]))  # no strings: lets every text through
    try:
        assert [predicate(text) for text in TEXTS] == gated
    finally:
        forget()
    assert any(gated), "the predicate holds for some text of the filings"
