"""A durable ledger in one SQLite file (standard library ``sqlite3``, no server).

The store keeps:

* **filings**: the original bytes of every file ingested (compressed), by
  SHA-256, so nothing is ever lost and ingesting the same file twice is a no-op;
* **supplements** and **documents** (base editions) as the converter's JSON
  (compressed), with the **amendments** listed one per row;
* **editions**, and per edition every section path (**paths**), every version
  of each (**versions**: valid from, valid to, known from, and the ids of its
  text, provenance and children) and the edition's header and top-level paths
  over time (**shapes**);
* **texts**: every block of text, section, provenance and header once,
  compressed, under the SHA-256 of its JSON, however many versions share it.

``as_of(when).section(path)`` with everything known is answered from these
tables: the edition in force, its candidate paths (from a catalogue read once
per change of the store), one version row per candidate, and the texts it
names; nothing is replayed.  Queries that need the full history (``known_at``,
``history``, ``diff``, ``timeline``, ``problems``) rebuild the ledger in
memory from the stored supplements, without parsing anything again.

Every ingest is one transaction (see :mod:`.schema` for the schema, its
versions and migrations).
"""

from __future__ import annotations

from .._filings import ParsedFiling
from ._ledger import StoreContents, StoredLedger, open_store
from ._store import (
    SQLITE_MAGIC,
    IngestReport,
    Progress,
    Store,
    is_store_file,
)

__all__ = [
    "SQLITE_MAGIC",
    "IngestReport",
    "ParsedFiling",
    "Progress",
    "Store",
    "StoreContents",
    "StoredLedger",
    "is_store_file",
    "open_store",
]
