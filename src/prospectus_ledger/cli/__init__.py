"""The ``prospectus-ledger`` command line.

Every command that reads filings takes SOURCE: a folder of filings, one file,
or a store made by ``prospectus-ledger ingest``.  Library errors print one line
and exit 1; usage errors exit 2.
"""

from __future__ import annotations

from . import filings, listing, reading  # noqa: F401 - each module adds its commands
from ._common import main

__all__ = ["main"]
