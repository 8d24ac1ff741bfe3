"""HTML parsed with lxml, safely, and the table helpers both HTML readers share.

One place holds the parser's settings: no network access, no huge trees, no
comments or processing instructions; lxml's HTML parser loads no DTD and
resolves no external entity, so a billion-laughs or external-entity file is
read as inert text.
"""

from __future__ import annotations

from collections.abc import Iterator

import lxml.etree
import lxml.html


def html_root(text: str) -> lxml.html.HtmlElement | None:
    """Parse HTML safely; ``None`` when lxml cannot make a tree of it (e.g. no content)."""
    parser = lxml.html.HTMLParser(
        no_network=True,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
        recover=True,
        encoding="utf-8",
    )
    try:
        root = lxml.html.document_fromstring(text.encode("utf-8", errors="replace"), parser=parser)
    except (lxml.etree.LxmlError, ValueError):
        return None
    return root if isinstance(root, lxml.html.HtmlElement) else None


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
