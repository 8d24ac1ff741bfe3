"""Turning SEC form 497 filings (prospectus supplements) into amendments.

The parser works in stages, one module each:

* :mod:`.decoding`, :mod:`.submission`, :mod:`.plaintext`, :mod:`.html_text`,
  :mod:`.reading` -- bytes to text, and text (EDGAR plain text, EDGAR
  submission files, HTML) to logical lines (:mod:`.lines`);
* :mod:`.splitting` -- a filing into its supplements;
* :mod:`.headers` -- registrant, portfolios, editions and date;
* :mod:`.blocks` and :mod:`.tables` -- body lines into paragraphs, bullet
  lists and tables;
* :mod:`.instructions` -- instructions recognised and the body split into them;
* :mod:`.effective` -- effective times;
* :mod:`.trailers` -- closing lines;
* :mod:`.amendments` -- instructions into amendments;
* :mod:`.filing` -- all of it: :func:`parse_filing`.
"""

from __future__ import annotations

from .effective import EffectiveTime, find_effective
from .filing import FilingSupplements, ParsedSupplement, parse_filing, read_filing
from .headers import Header
from .instructions import Recognised, looks_like_instruction, recognise

__all__ = [
    "EffectiveTime",
    "FilingSupplements",
    "Header",
    "ParsedSupplement",
    "Recognised",
    "find_effective",
    "looks_like_instruction",
    "parse_filing",
    "read_filing",
    "recognise",
]
