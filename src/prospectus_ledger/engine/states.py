"""An edition's states after each applied step, kept whole only now and then.

A step changes one top-level section (a portfolio's part, or a shared
section) and leaves the others, and the document's other fields, as they
were.  Keeping every state whole still costs, per step, a new document and a
new tuple of every top-level section: with fifty portfolios about half a
kilobyte, as much as the text a step brings.  So a state is kept whole every
:data:`CHECKPOINT_EVERY` states, and whenever anything but one top-level
section changed; in between only the top-level section that changed is kept
(the very object the replay made, so the section index's identity checks
hold), and a state is rebuilt from the whole one before it.
"""

from __future__ import annotations

from array import array
from collections.abc import Collection, Iterator, Sequence
from typing import overload

import attrs

from ..tree import Document, Section

CHECKPOINT_EVERY = 16
"""A whole state at least every this many states: a rebuild splices at most that many."""

_REBUILT_KEPT = 16

# What changed in a state, besides the position of a top-level section.
_UNCHANGED = -2
_UNKNOWN = -1

# What is kept of one state: the whole document, or the one top-level section
# that changed with its position.
_Entry = Document | tuple[int, Section]

# Every field of a document but its sections: when one differs from the state
# before, the new state is kept whole.
_SHELL_FIELDS = tuple(field.name for field in attrs.fields(Document) if field.name != "sections")


class StateHistory(Sequence[Document]):
    """The states of one replay, oldest first; ``history[i]`` holds after ``i`` steps."""

    def __init__(self, first: Document) -> None:
        self._entries: list[_Entry] = [first]
        self._last = first
        self._since_whole = 0
        self._rebuilt: dict[int, Document] = {}
        # For each state, the latest state up to it whose portfolios (its names,
        # and its top-level sections' portfolios) may differ from the one before.
        self._portfolios_from = array("q", [0])
        # For each state, the position of the one top-level section it holds in
        # place of the state before's; _UNCHANGED or _UNKNOWN otherwise.
        self._changed_at = array("q", [_UNKNOWN])

    def append(self, state: Document) -> None:
        """Add the state after the next step (``state`` follows the last one added)."""
        previous, self._last = self._last, state
        changed = _one_change(previous, state)
        same_portfolios = state is previous or (
            changed is not None and changed[1].portfolio == previous.sections[changed[0]].portfolio
        )
        self._portfolios_from.append(
            self._portfolios_from[-1] if same_portfolios else len(self._entries)
        )
        if state is previous:
            self._changed_at.append(_UNCHANGED)
        else:
            self._changed_at.append(_UNKNOWN if changed is None else changed[0])
        if changed is None or self._since_whole + 1 >= CHECKPOINT_EVERY:
            # A state that is the one before costs no more kept whole.
            self._entries.append(state)
            self._since_whole = 0
        else:
            self._entries.append(changed)
            self._since_whole += 1

    def portfolios_from(self, index: int) -> int:
        """The first state of the run that ``index`` belongs to in which the document
        names the same portfolios and holds the same portfolios' parts: a question about
        portfolios asked of that state is answered for all of the run."""
        return self._portfolios_from[index]

    def run_starts(self) -> list[int]:
        """The first state of each run of states with the same portfolios, in order."""
        return [index for index, first in enumerate(self._portfolios_from) if index == first]

    def may_differ_under(self, index: int, positions: Collection[int]) -> bool:
        """Whether state ``index`` may hold other sections than the state before it
        under the top-level sections at ``positions`` (``False`` only when sure)."""
        changed = self._changed_at[index]
        return changed == _UNKNOWN or (changed != _UNCHANGED and changed in positions)

    def __len__(self) -> int:
        return len(self._entries)

    @overload
    def __getitem__(self, index: int) -> Document: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[Document]: ...

    def __getitem__(self, index: int | slice) -> Document | Sequence[Document]:
        if isinstance(index, slice):
            return [self[position] for position in range(*index.indices(len(self)))]
        if index < 0:
            index += len(self._entries)
        if not 0 <= index < len(self._entries):
            raise IndexError(f"state {index} of {len(self._entries)}")
        entry = self._entries[index]
        if isinstance(entry, Document):
            return entry
        kept = self._rebuilt.get(index)
        if kept is None:
            kept = self._rebuild(index)
            if len(self._rebuilt) >= _REBUILT_KEPT:
                self._rebuilt.clear()
            self._rebuilt[index] = kept
        return kept

    def __iter__(self) -> Iterator[Document]:
        shell: Document | None = None
        for entry, sections in zip(self._entries, self.top_sections(), strict=True):
            if isinstance(entry, Document):
                shell = entry
                yield entry
            elif shell is not None:
                yield attrs.evolve(shell, sections=sections)

    def top_sections(self) -> Iterator[tuple[Section, ...]]:
        """Each state's top-level sections, in order, without building its document."""
        sections: list[Section] = []
        for entry in self._entries:
            if isinstance(entry, Document):
                sections = list(entry.sections)
                yield entry.sections
            else:
                position, section = entry
                sections[position] = section
                yield tuple(sections)

    def shells(self) -> Iterator[Document]:
        """For each state, the state kept whole that it takes every field but its
        top-level sections from (itself, when it is kept whole)."""
        shell = self._last
        for entry in self._entries:
            if isinstance(entry, Document):
                shell = entry
            yield shell

    def whole(self) -> Iterator[Document]:
        """The states kept whole; every other state has the fields of the whole one
        before it (all but its top-level sections)."""
        return (entry for entry in self._entries if isinstance(entry, Document))

    def _rebuild(self, index: int) -> Document:
        start = index
        shell = self._entries[start]
        while not isinstance(shell, Document):
            start -= 1
            shell = self._entries[start]
        sections = list(shell.sections)
        for entry in self._entries[start + 1 : index + 1]:
            if not isinstance(entry, Document):
                position, section = entry
                sections[position] = section
        return attrs.evolve(shell, sections=sections)


def _one_change(before: Document, after: Document) -> tuple[int, Section] | None:
    """The one top-level section ``after`` holds in place of ``before``'s, with its
    position; ``None`` when the two differ in anything else, or not at all."""
    if after is before or len(after.sections) != len(before.sections):
        return None
    changed = [
        (position, section)
        for position, (section, old) in enumerate(zip(after.sections, before.sections, strict=True))
        if section is not old
    ]
    if len(changed) != 1:
        return None
    if any(getattr(after, name) != getattr(before, name) for name in _SHELL_FIELDS):
        return None
    return changed[0]
