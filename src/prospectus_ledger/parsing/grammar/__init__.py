"""The parser's grammar: the words filings use, and the phrasings made of them.

* :mod:`.vocabulary` -- the words, each list defined once;
* :mod:`.instructions` -- what an instruction does (its verb, notices);
* :mod:`.blocks` -- where in a section it acts (sentences, blocks, where text goes);
* :mod:`.substitutions` -- words changed wherever they stand (references, renames);
* :mod:`.headings` -- how it names the place it changes;
* :mod:`.times` -- when it takes effect (and the date forms);
* :mod:`.supplements` -- the supplement's title phrase, intro, lead-ins and
  closing lines;
* :mod:`.items` -- Form N-1A's items: the headings every prospectus carries.

Every row is a :class:`Rule` (a name, a pattern built from the vocabulary, a
priority and what it builds); tables of rules are tried in order of
priority.  ``docs/grammar.md`` shows how a new phrasing is added.
"""

from __future__ import annotations

from . import blocks, headings, instructions, items, substitutions, supplements, times, vocabulary
from ._engine import Gate, GrammarError, Hit, Rule, Table, Words, lower
from ._prefilters import needed_by_any, required_literals

__all__ = [
    "Gate",
    "GrammarError",
    "Hit",
    "Rule",
    "Table",
    "Words",
    "blocks",
    "headings",
    "instructions",
    "items",
    "lower",
    "needed_by_any",
    "required_literals",
    "substitutions",
    "supplements",
    "times",
    "vocabulary",
]
