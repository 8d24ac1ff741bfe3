"""From a filing's text to its logical lines, whatever the format.

An EDGAR submission file is unwrapped first (its ``497`` documents are kept,
separated by page breaks); each document is then read as HTML when it is HTML
and as EDGAR plain text otherwise.
"""

from __future__ import annotations

import attrs
import pendulum

from .html_text import html_units
from .layout import looks_like_html
from .lines import Line, LineKind, Unit
from .plaintext import plain_text_units
from .submission import Submission, is_submission, submission_header, unwrap_submission

__all__ = ["FilingText", "read_units"]


@attrs.frozen
class FilingText:
    """A filing read into units, with what its submission wrapper said.

    Attributes:
        units: the logical lines and tables, in order.
        accession: the accession number from a submission header, if any.
        filed: the filing date from a submission header, if any.
        header: everything the submission header says (form, filer, series), if any.
    """

    units: tuple[Unit, ...]
    accession: str | None = None
    filed: pendulum.Date | None = None
    header: Submission | None = None


def _document_units(text: str, first_line: int, file: str | None) -> list[Unit]:
    if looks_like_html(text):
        return html_units(text, first_line=first_line, file=file)
    return plain_text_units(text, first_line=first_line)


def read_units(text: str, *, file: str | None = None) -> FilingText:
    """Read decoded filing text into units (see the module docstring); ``file`` names
    the filing in errors.

    Raises:
        InvalidFilingError: for HTML nested too deep to be read whole.
    """
    if not is_submission(text):
        return FilingText(tuple(_document_units(text, 1, file)))
    submission = unwrap_submission(text)
    units: list[Unit] = []
    for index, document in enumerate(submission.documents):
        if index:
            units.append(Line(document.first_line, "", LineKind.BREAK))
        units.extend(_document_units(document.text, document.first_line, file))
    header = submission_header(text)
    return FilingText(tuple(units), header.accession, header.filed, header)
