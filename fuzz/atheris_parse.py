"""Coverage-guided fuzzing of the parser with atheris (libFuzzer for Python).

    python fuzz/atheris_parse.py CORPUS_DIR -runs=5000 -max_len=8192

Seed CORPUS_DIR with real filings (scripts/reliability.py writes the corpus
texts there).  Any exception other than a ProspectusLedgerError is a crash:
atheris prints it and exits non-zero.
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports():
    import prospectus_ledger as pl


def test_one_input(data: bytes) -> None:
    """Parse one input; library errors are the expected way to refuse it."""
    try:
        supplements = pl.parse_filing(data, pl.Source(name="atheris-input"))
    except pl.ProspectusLedgerError:
        return
    ledger = pl.Ledger()
    for supplement in supplements:
        ledger.add_supplement(supplement)
    ledger.timeline()


if __name__ == "__main__":
    atheris.Setup(sys.argv, test_one_input)
    atheris.Fuzz()
