"""The engine: edition chains, routed amendments, replays and the indexes questions are
answered from.  Internal: the public API is :class:`~prospectus_ledger.Ledger` and
its snapshots.

* :mod:`.routing` compiles a ledger's contents into a :class:`Compiled`;
* :mod:`.registrants` says whose a document is (registrants, CIKs, identifiers);
* :mod:`.compiled` holds it, its editions and their replays;
* :mod:`.states` keeps a replay's states, whole only now and then;
* :mod:`.section_index` indexes every section path's versions;
* :mod:`.lookup` and :mod:`.section_versions` answer path lookups and histories;
* :mod:`.tracks` gives a path's versions as arrays for many questions at once, and
  :mod:`.plans` each question's answers as one step function of the instant;
* :mod:`.cut_off` applies instructions whose text a cut-off copy lost;
* :mod:`.held` keeps supplements once each, identifying them only where needed;
* :mod:`.contents` is where a ledger keeps what it holds (the seam to a store).
"""

from __future__ import annotations

from .compiled import (
    ChainKey,
    Compiled,
    Edition,
    EditionKey,
    Outcome,
    Replay,
    StateSource,
    Step,
    Unrouted,
    document_identity,
    supplement_identity,
)
from .contents import Contents, MemoryContents
from .held import HeldSupplements, Identified
from .plans import Plan, Plans
from .routing import compile_ledger
from .section_index import MemoryVersions, SectionIndex
from .tracks import EditionTracks, Track, TrackSource

__all__ = [
    "ChainKey",
    "Compiled",
    "Contents",
    "Edition",
    "EditionKey",
    "EditionTracks",
    "HeldSupplements",
    "Identified",
    "MemoryContents",
    "MemoryVersions",
    "Outcome",
    "Plan",
    "Plans",
    "Replay",
    "SectionIndex",
    "StateSource",
    "Step",
    "Track",
    "TrackSource",
    "Unrouted",
    "compile_ledger",
    "document_identity",
    "supplement_identity",
]
