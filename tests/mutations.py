"""Mutations of filing texts, shared by the fuzz tests and scripts/reliability.py.

The operators and fragments live here once; what chooses (hypothesis, which
shrinks failures, or ``random``, for long runs) is passed in.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from typing import Protocol

from hypothesis import strategies as st

FRAGMENTS = (
    "<TABLE>", "</TABLE>", "<PAGE>", "\f", "Effective ", '"', "\u201c", "<S>", "<C>",
    "SUPPLEMENT DATED ", "Date: ", "<td>", "<b>", "&#8203;", "\x00", "\ud800", "--",
    "<script>alert(1)</script>", "on or about ", "the close of business on ",
)  # fmt: skip
OPERATIONS = ("cut", "insert", "delete", "swap", "repeat")


class Chooser(Protocol):
    """Where a mutation's choices come from."""

    def integer(self, low: int, high: int) -> int: ...
    def operation(self) -> str: ...
    def fragment(self) -> str: ...


class RandomChooser:
    """Choices from a seeded ``random.Random`` (long, reproducible runs)."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def integer(self, low: int, high: int) -> int:
        return self.rng.randint(low, high)

    def operation(self) -> str:
        return self.rng.choice(OPERATIONS)

    def fragment(self) -> str:
        return self.rng.choice(FRAGMENTS)


class DrawChooser:
    """Choices drawn by hypothesis, which shrinks a failing mutation; it also inserts
    arbitrary text besides the fragments."""

    def __init__(self, data: st.DataObject) -> None:
        self.data = data

    def integer(self, low: int, high: int) -> int:
        return self.data.draw(st.integers(low, high))

    def operation(self) -> str:
        return self.data.draw(st.sampled_from(OPERATIONS))

    def fragment(self) -> str:
        return self.data.draw(st.sampled_from(FRAGMENTS) | st.text(max_size=40))


def mutate_once(text: str, choose: Chooser) -> str:
    """One mutation: cut, insert a fragment, delete a run, swap parts, or repeat a run."""
    operation = choose.operation()
    if not text:
        return text
    at = choose.integer(0, len(text))
    if operation == "cut":
        return text[:at]
    if operation == "insert":
        return text[:at] + choose.fragment() + text[at:]
    if operation == "delete":
        return text[:at] + text[at + choose.integer(1, 200) :]
    if operation == "swap":
        low, high = sorted((at, choose.integer(0, len(text))))
        return text[high:] + text[low:high] + text[:low]
    return text[:at] + text[at : at + 50] * choose.integer(2, 50) + text[at:]


def mutate(text: str, choose: Chooser, times: int) -> str:
    """``times`` mutations in a row."""
    for _ in range(times):
        text = mutate_once(text, choose)
    return text


__all__: Sequence[str] = ("FRAGMENTS", "DrawChooser", "RandomChooser", "mutate", "mutate_once")
