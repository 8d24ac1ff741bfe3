"""Where an instruction points: the heading path its words name.

An instruction names its place with a chain of *parts*, each one heading
(or a dash-separated path of headings), quoted or not::

    under "HOW THE FUND CALCULATES SHARE PRICE" in the "BUYING AND SELLING
    SHARES" sub-heading of the "INVESTING IN THE FUND" section

    Under the heading "Your account," in the "Additional investor services"
    subsection, under the subheading "Disclosure of fund holdings"

The words between two parts say how they nest: "in", "of", "within" make
the later part the *outer* one (the first chain above reads inside out);
"under", "beneath" and a comma make it the *inner* one (the second reads
outside in); "and" or a verb ends the chain, and "X section or Y section"
names alternatives, which are left out because either may hold the text.

Parts are quoted headings next to a structure word ("the heading "X"",
""X" section", "entitled "X"", "under "X""), unquoted ones that a structure
word marks ("the Fund Summary section", "the heading Management", "Appendix
C", "section 2", "the Appendix of Underlying Funds"), the object of
"replace "X" with", and a portfolio's part of the document ("the section of
the prospectus describing the Met/Putnam Voyager Portfolio").

Every pattern works on :func:`~prospectus_ledger.parsing._targets.normalise`'d
text and is linear: quoted and free-text parts are bounded, and the
alternatives inside a repeated group cannot match the same text.
"""

from __future__ import annotations

import itertools
import re

import attrs

from .._text import heading_key
from ._heading_parts import Part, parts_of
from ._memo import memo
from .grammar import Words
from .grammar import headings as grammar
from .grammar import instructions as verbs

__all__ = ["SectionRef", "section_ref", "section_refs"]

_MAX_GAP = 80
_MAX_AGAIN = 250
_OPENING_PHRASE = 60  # a part this near the start may open the sentence: "In the X, ..."


@attrs.frozen
class SectionRef:
    """A section an instruction names, and where in the text it was named."""

    path: tuple[str, ...]
    start: int
    end: int


_BLOCKS_LISTED = re.compile(
    r"\b(?:paragraphs?|sentences?|bullets?|tables?|footnotes?|items?|charts?) and\b"
)
_PLACING = grammar.OUTER_WORDS | grammar.INNER_WORDS | {"to", "into", "at", "of"}


def _coordinated(gap: str, words: list[str]) -> bool:
    """Whether two places are named side by side: '"A" and "B"', '"A," "B" and "C"',
    "... section of the Prospectus and under the "B" section of the SAI", "... in the
    Summary Prospectus and the first two sentences of the second paragraph under "B"".
    After the last "and" only words that place the next part may stand, and the gap
    holds no verb (two instructions in one sentence are no list of places)."""
    if "and" not in words or verbs.INSTRUCTION.found(Words(gap.lower())):
        return False
    listed = _BLOCKS_LISTED.search(gap.lower())
    if listed is not None and listed.start() > 1:
        # "the first paragraph and the table under "C"": blocks of one place (but '"A"
        # table and "B"' names two, the noun being the first one's).
        return False
    last = len(words) - 1 - words[::-1].index("and")
    tail = words[last + 1 :]
    if not tail:
        return all(word in {",", "and"} for word in words)
    return all(word in _PLACING for word in tail)


def _as_heading(part: Part) -> Part:
    return attrs.evolve(part, kind="heading")


def _relation(gap: str, before: Part, after: Part) -> str:
    """How ``after`` nests against ``before``: outer, inner, alternative or stop."""
    if after.kind in ("object", "inner"):
        return "inner"
    if len(gap) > _MAX_AGAIN:
        return "stop"
    words = Words(gap.lower()).sub(grammar.TRANSPARENT, " ").text.replace(",", " , ").split()
    if not words:
        return "inner"
    if "or" in words:
        return "alternative"
    if _coordinated(gap, words):
        return "coordinate"
    if len(gap) > _MAX_GAP:
        return "stop"
    if words[0] == "and" or words[-1] == "and":
        return "stop"
    if any(word not in grammar.OUTER_WORDS | grammar.INNER_WORDS | {",", "and"} for word in words):
        return "stop"
    if before.comma or "," in words:
        return "inner"
    last = words[-1]
    if last in grammar.OUTER_WORDS:
        return "outer"
    if last in grammar.INNER_WORDS and (
        not after.named or after.rank < before.rank or before.titled
    ):
        # '"X" under "Y"', "the sub-section "X" beneath the main heading "Y"" and "the
        # section entitled "X" under the heading "Y"": Y holds X (but "the "X" section
        # under the heading "Y"" names Y inside X).
        return "outer"
    return "inner"


@attrs.frozen
class _Chain:
    """The parts of one place, outermost first; ``own`` indexes the part that named it
    (those before it are places that hold it, named after it: '"A" under "B"')."""

    parts: tuple[Part, ...]
    own: int = 0


def _chains(parts: list[Part], text: str) -> list[_Chain]:
    """The places the parts name, outermost first: one chain, or several named side by
    side ('"A" and "B" under "C"'); an anchor ("after "X"") alone, when nothing else
    names a place (else it is a place inside the one named)."""
    anchors = [part for part in parts if part.kind == "anchor"]
    places = [part for part in parts if part.kind not in ("anchor", "object")]
    if anchors and not places:
        return [_Chain((anchors[0],))]
    parts = [part for part in parts if part.kind != "anchor"]
    while len(parts) > 1 and parts[0].kind == "block":
        if _relation(text[parts[0].end : parts[1].start], parts[0], parts[1]) != "stop":
            break
        # "The Strategic Target Allocations table and the sentence before it in the "X"
        # section": a table's name alone is no place.
        parts = parts[1:]
    while parts and parts[0].kind == "inner":
        # "regarding Class A, ..." before any place is named: no heading (but "regarding
        # X in the section entitled "Y"" names X inside Y).
        first = _as_heading(parts[0])
        if (
            len(parts) > 1
            and _relation(text[first.end : parts[1].start], first, parts[1]) == "outer"
        ):
            parts = [first, *parts[1:]]
            break
        parts = parts[1:]
    if not parts:
        return []
    chains: list[_Chain] = []
    chain = [parts[0]]
    current = own = 0
    for before, after in itertools.pairwise(parts):
        gap = text[before.end : after.start]
        relation = _relation(gap, before, after)
        opening = before is parts[0] and before.start < _OPENING_PHRASE
        if relation == "stop" and opening and (before.comma or "," in gap[: _MAX_GAP // 2]):
            # "In the "X" section, the following is added to the list under "Y"":
            # a leading phrase places what the main clause names inside it.
            relation = "inner"
        if relation == "stop":
            break
        if relation == "alternative":
            rest = chain[:current] + chain[current + 1 :]
            if rest:
                return [_Chain(tuple(rest))]
            # '"A - B" or "A - C," as applicable' and nothing else: the change is made in
            # each (in an edition only one of them is found).
            relation = "coordinate"
        if relation == "coordinate":
            # A sibling of the part before it: the same place with that part in its stead
            # ('the sub-sections "X" beneath the headings "A" and "B"': [A, X] and [B, X]).
            chains.append(_Chain(tuple(chain), own))
            at = chain.index(before) if before in chain else len(chain) - 1
            chain = [*chain[:at], after, *chain[at + 1 :]]
            current = at
        elif relation == "outer":
            chain.insert(current, after)
            own += current <= own
        else:
            current += 1
            chain.insert(current, after)
            own += current <= own
    chains.append(_Chain(tuple(chain), own))
    return _shared(chains)


def _shared(chains: list[_Chain]) -> list[_Chain]:
    """Places named side by side share the places one of them is said to be in:
    '"A" and "B" under "C"' is [C, A] and [C, B]."""
    held = next((chain.parts[: chain.own] for chain in chains if chain.own), ())
    if not held or len(chains) < 2:
        return chains
    return [chain if chain.own else _Chain((*held, *chain.parts), len(held)) for chain in chains]


def _headings(chain: _Chain, previous: tuple[str, ...]) -> list[str]:
    """A chain's path; a place whose quoted path opens with a dash takes the outer
    headings of the one named before it ('"A - B" and "- C" sections': [A, C])."""
    path: list[str] = []
    for index, part in enumerate(chain.parts):
        headings = part.headings
        if part.elided and index == chain.own and previous:
            headings = (*previous[:-1], *headings)
        for heading in headings:
            if heading and (not path or heading_key(path[-1]) != heading_key(heading)):
                path.append(heading)
    return path


@memo
def section_refs(text: str) -> tuple[SectionRef, ...]:
    """The places a normalised instruction names, each outermost heading first (several
    when it names them side by side: 'the tables "A" and "B" under "C"')."""
    parts = parts_of(text)
    if not parts:
        return ()
    refs: list[SectionRef] = []
    previous: tuple[str, ...] = ()
    for chain in _chains(parts, text):
        path = _headings(chain, previous)
        for anchor in (part for part in parts if part.kind == "anchor"):
            # 'the "X" section ... is amended to add the following after "X - Y"': after
            # Y, a heading inside the place.
            if (
                anchor not in chain.parts
                and path
                and len(anchor.headings) > 1
                and heading_key(anchor.headings[0]) == heading_key(path[-1])
            ):
                path.extend(anchor.headings[1:])
        if path:
            starts = [part.start for part in chain.parts]
            ends = [part.end for part in chain.parts]
            refs.append(SectionRef(tuple(path), min(starts), max(ends)))
            previous = tuple(path)
    return tuple(refs)


def section_ref(text: str) -> SectionRef | None:
    """The (first) place a normalised instruction names, outermost heading first."""
    refs = section_refs(text)
    return refs[0] if refs else None
