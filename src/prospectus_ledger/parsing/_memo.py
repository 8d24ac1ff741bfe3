"""Memoisation that lasts for one filing's parse.

The parser's stages ask the same questions about the same lines and
paragraphs (is this a title line, does it read like an instruction, where does
it point); :func:`memo` answers each once.  :func:`forget` empties every such
cache, and :func:`~prospectus_ledger.parsing.filing.read_filing` calls it
before and after each filing: answers are not carried from one filing to the
next, so parsing the same text again costs what it cost the first time (and
timings measure the parser, not its caches).
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import TypeVar

__all__ = ["forget", "memo"]

_T = TypeVar("_T")
_SIZE = 4096
_CACHES: list[functools._lru_cache_wrapper[object]] = []


def memo(function: Callable[..., _T]) -> functools._lru_cache_wrapper[_T]:
    """``function`` with a bounded cache that :func:`forget` empties."""
    cached = functools.lru_cache(maxsize=_SIZE)(function)
    _CACHES.append(cached)
    return cached


def forget() -> None:
    """Empty the cache of every :func:`memo` function."""
    for cached in _CACHES:
        cached.cache_clear()
