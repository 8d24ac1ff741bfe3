"""From the text of a filing to units: EDGAR submission wrapper, HTML or plain text.

An EDGAR submission (``<SEC-DOCUMENT>``, ``<DOCUMENT>``, ``<TYPE>``,
``<TEXT>``) holds the main document and its exhibits; only the main
document -- the first one, or the first whose type is a 485 form -- is read.
Its ``<TEXT>`` is HTML or EDGAR plain text.  Line numbers always count from
the start of the whole filing.
"""

from __future__ import annotations

import attrs
import lxml.html

from ..layout import Break, LaidOut, Pre, Unit, html_root, looks_like_html, read_html
from ..submission import declared_form, unwrap_submission, visible_head
from ._plain import read_plain

__all__ = ["Input", "declared_form", "read_input", "visible_head"]


@attrs.frozen
class Input:
    """A filing read into units.

    Attributes:
        units: the units of its main document.
        plain: it is plain text (no typography beyond layout).
        root: the parsed HTML tree, for HTML filings.
        text: the whole decoded filing.
    """

    units: list[Unit]
    plain: bool
    root: lxml.html.HtmlElement | None
    text: str


def _main_document(text: str) -> tuple[str, int]:
    """The text of the submission's main document and the line it starts at: its first
    ``485`` document, else its first document (the whole text when it is no submission)."""
    documents = unwrap_submission(text, forms=("485",)).documents
    if not documents:
        return text, 1
    return documents[0].text, documents[0].first_line


def read_input(text: str, *, file: str | None = None) -> Input:
    """Read a decoded filing into units (see the module docstring); ``file`` names the
    filing in errors.

    Raises:
        InvalidFilingError: for HTML nested too deep to be read whole.
    """
    body, first_line = _main_document(text)
    if looks_like_html(body):
        root = html_root(body, file=file, first_line=first_line)
        if root is not None:
            units = _with_plain(read_html(root))
            if first_line != 1:
                units = [attrs.evolve(unit, line=unit.line + first_line - 1) for unit in units]
            return Input(units, False, root, text)
    return Input(read_plain(body, first_line=first_line), True, None, text)


def _with_plain(units: list[LaidOut]) -> list[Unit]:
    """The units, each preformatted text read as the EDGAR plain text it is."""
    out: list[Unit] = []
    for unit in units:
        if isinstance(unit, Pre):
            for read in read_plain(unit.text, first_line=unit.line):
                # Its pages count on from the page the text stands on.
                if isinstance(read, Break):
                    out.append(read)
                else:
                    out.append(attrs.evolve(read, page=read.page + unit.page))
        else:
            out.append(unit)
    return out
