"""HTML parsed with lxml, safely, and the table helpers both HTML readers share.

One place holds the parser's settings: no network access, no comments or
processing instructions; lxml's HTML parser loads no DTD and resolves no
external entity, so a billion-laughs or external-entity file is read as inert
text.

libxml2 builds no tree deeper than 256 elements (2,048 with ``huge_tree``) and
silently drops everything after the place it stops, so a filing nested that
deep would lose the rest of its text without a word.  The parser runs with
``huge_tree``; past 2,048, wrapper elements (``<div>``, ``<span>``, ``<font>``
...) nested beyond :data:`FLAT_DEPTH` are unwrapped, their text kept; a tree
still too deep is refused, naming the line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import lxml.etree
import lxml.html

from ..errors import InvalidFilingError

__all__ = ["FLAT_DEPTH", "cells", "direct_rows", "flatten_depth", "html_root", "tag"]

FLAT_DEPTH = 1000
"""How deep wrapper elements may nest when a document is nested past libxml2's limit."""

# Elements that only wrap their content: unwrapping one keeps its text and its place.
_WRAPPERS = frozenset(
    [
        "div",
        "span",
        "font",
        "b",
        "i",
        "u",
        "em",
        "strong",
        "small",
        "big",
        "sup",
        "sub",
        "a",
        "center",
        "blockquote",
        "section",
        "article",
        "header",
        "footer",
        "main",
        "nav",
        "aside",
        "ins",
        "del",
        "s",
        "strike",
        "tt",
        "code",
        "label",
        "abbr",
        "cite",
        "q",
    ]
)
_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9:-]*)\b[^>]*?(/?)>")
_TOO_DEEP = "Excessive depth"


def html_root(
    text: str, *, file: str | None = None, first_line: int = 1
) -> lxml.html.HtmlElement | None:
    """Parse HTML safely; ``None`` when lxml cannot make a tree of it (e.g. no content).
    ``first_line`` is where ``text`` starts in the filing ``file``.

    Raises:
        InvalidFilingError: for a document nested too deep to be read whole even with
            its wrapper elements unwrapped, naming ``file`` and the line.
    """
    root, deep_at = _parse(text)
    if deep_at is not None:
        root, deep_at = _parse(flatten_depth(text))
        if deep_at is not None:
            raise InvalidFilingError(
                file,
                "its HTML is nested more than 2,048 elements deep (tables or lists within "
                "each other); the text past this point cannot be read",
                line=deep_at + first_line - 1,
            )
    return root


def _parse(text: str) -> tuple[lxml.html.HtmlElement | None, int | None]:
    """The tree, and the line where libxml2 stopped building it for depth (else ``None``)."""
    parser = lxml.html.HTMLParser(
        no_network=True,
        huge_tree=True,
        remove_comments=True,
        remove_pis=True,
        recover=True,
        encoding="utf-8",
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None, None
    deep_at = next(
        (error.line for error in parser.error_log if error.message.startswith(_TOO_DEEP)), None
    )
    return (root if isinstance(root, lxml.html.HtmlElement) else None), deep_at


def flatten_depth(text: str, limit: int = FLAT_DEPTH) -> str:
    """``text`` with the wrapper elements nested past ``limit`` unwrapped (their start
    and end tags removed, their content kept)."""
    open_wrappers = 0
    dropped: dict[str, int] = {}
    pieces: list[str] = []
    last = 0
    for match in _TAG.finditer(text):
        closing, name, empty = match.group(1), match.group(2).lower(), match.group(3)
        if name not in _WRAPPERS or empty:
            continue
        if closing:
            if dropped.get(name):
                dropped[name] -= 1
                pieces.append(text[last : match.start()])
                last = match.end()
            elif open_wrappers:
                open_wrappers -= 1
        elif open_wrappers >= limit:
            dropped[name] = dropped.get(name, 0) + 1
            pieces.append(text[last : match.start()])
            last = match.end()
        else:
            open_wrappers += 1
    pieces.append(text[last:])
    return "".join(pieces)


def tag(element: lxml.html.HtmlElement) -> str:
    """The element's tag in lower case ("" for comments and the like)."""
    name = element.tag
    return name.lower() if isinstance(name, str) else ""


def direct_rows(table: lxml.html.HtmlElement) -> Iterator[lxml.html.HtmlElement]:
    """The rows of ``table`` itself, not those of tables nested in its cells."""
    stack = list(reversed(list(table)))
    while stack:
        element = stack.pop()
        name = tag(element)
        if name == "tr":
            yield element
        elif name and name != "table":
            stack.extend(reversed(list(element)))


def cells(row: lxml.html.HtmlElement) -> list[lxml.html.HtmlElement]:
    """The cells of a row."""
    return [cell for cell in row if tag(cell) in ("td", "th")]
