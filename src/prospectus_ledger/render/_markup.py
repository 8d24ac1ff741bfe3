"""A tiny HTML builder that escapes everything it is not told is markup.

No markup is ever made by pasting strings together: :func:`element` writes a
tag from a fixed list, escapes every attribute value, and escapes every child
that is not already :class:`~markupsafe.Markup` (markup this builder made), with
markupsafe's escaping.  Filing text,
headings, file names and URLs are therefore always text, never tags, and no
element can carry a link, an event handler or a script: ``a``, ``img`` and
``script`` are not among the tags, and ``href``, ``src`` and ``on*`` are not
among the attributes.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeAlias

from markupsafe import Markup, escape

from ._common import STATUS_COLOURS

__all__ = ["CSS", "Content", "Markup", "element", "page_html"]


Content: TypeAlias = "Markup | str | Iterable[Content] | None"
"""What an element holds: markup, text (escaped), nothing, or a sequence of these."""

_TAGS = frozenset(
    [
        "html",
        "head",
        "title",
        "meta",
        "style",
        "body",
        "div",
        "section",
        "footer",
        "p",
        "span",
        "strong",
        "em",
        "ul",
        "li",
        "table",
        "caption",
        "thead",
        "tbody",
        "tr",
        "th",
        "td",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "dl",
        "dt",
        "dd",
        "blockquote",
        "ins",
        "del",
        "time",
    ]
)
_VOID_TAGS = frozenset({"meta"})
_ATTRIBUTES = frozenset({"class", "datetime", "title", "charset", "name", "content", "http-equiv"})

CSS = Markup(  # noqa: S704 - a constant of this module, no outside text
    ".pl-render{line-height:1.45;max-width:70em;margin:0 0 1.5em 0}"
    ".pl-render .pl-meta{opacity:.75;font-size:.9em;margin:.2em 0}"
    ".pl-render .pl-note{font-style:italic;opacity:.8}"
    ".pl-render table.pl-table{border-collapse:collapse;margin:.5em 0;font-size:.9em}"
    ".pl-render .pl-table td,.pl-render .pl-table th{border:1px solid rgba(128,128,128,.5);"
    "padding:2px 6px;vertical-align:top;text-align:left}"
    ".pl-render .pl-table th{background:rgba(128,128,128,.12)}"
    ".pl-render ins{background:rgba(26,127,55,.18);text-decoration:underline}"
    ".pl-render del{background:rgba(207,34,46,.15);text-decoration:line-through}"
    ".pl-render .pl-provenance{border-top:1px solid rgba(128,128,128,.5);margin-top:.8em;"
    "padding-top:.4em;font-size:.9em}"
    ".pl-render dl{display:grid;grid-template-columns:max-content auto;gap:.1em .8em;margin:0}"
    ".pl-render dt{font-weight:bold}.pl-render dd{margin:0}"
    ".pl-render blockquote{margin:.2em 0;padding-left:.8em;"
    "border-left:3px solid rgba(128,128,128,.5)}"
    ".pl-render .pl-illustrative{display:inline-block;background:#fff3cd;color:#664d03;"
    "border:1px solid #d9b44a;border-radius:3px;padding:0 .4em;font-weight:bold;font-size:.85em}"
    ".pl-render .pl-status{font-weight:bold}"
    + "".join(f".pl-render .pl-status-{name}{{color:{c}}}" for name, c in STATUS_COLOURS.items())
)


def _content(items: Iterable[Content]) -> str:
    parts: list[str] = []
    for item in items:
        if item is None:
            continue
        if isinstance(item, str):
            parts.append(escape(item))  # markup this builder made stays as it is
        else:
            parts.append(_content(item))
    return "".join(parts)


def element(tag: str, *content: Content, **attributes: str | None) -> Markup:
    """One element: ``tag`` from a fixed list, attribute values and text escaped.

    Attribute names are Python keywords: ``class_`` for ``class``,
    ``http_equiv`` for ``http-equiv``; ``None`` values are left out.

    Raises:
        ValueError: for a tag or attribute outside the fixed lists (a bug).
    """
    if tag not in _TAGS:
        raise ValueError(f"tag {tag!r} is not one the renderer writes")
    opening = [tag]
    for key, value in attributes.items():
        if value is None:
            continue
        name = key.rstrip("_").replace("_", "-")
        if name not in _ATTRIBUTES:
            raise ValueError(f"attribute {name!r} is not one the renderer writes")
        opening.append(f'{name}="{escape(value)}"')
    start = f"<{' '.join(opening)}>"
    if tag in _VOID_TAGS:
        if content:
            raise ValueError(f"<{tag}> holds no content")
        return Markup(start)  # noqa: S704 - a listed tag, its attribute values escaped
    return Markup(f"{start}{_content(content)}</{tag}>")  # noqa: S704 - children escaped


def page_html(title: str, fragments: Sequence[Markup], *, content_security_policy: bool) -> str:
    """A standalone HTML document holding rendered fragments (markup this module built).

    With ``content_security_policy`` the page forbids every script, plugin,
    frame and remote load, as a second guard after escaping.
    """
    head: list[Content] = [element("meta", charset="utf-8")]
    if content_security_policy:
        head.append(
            element(
                "meta",
                http_equiv="Content-Security-Policy",
                content="default-src 'none'; style-src 'unsafe-inline'; img-src data:",
            )
        )
    head.append(element("title", title))
    for fragment in fragments:
        if not isinstance(fragment, Markup):
            raise TypeError("a page holds only fragments the renderer built")
    # str() first: a str added to Markup would be escaped.
    return "<!DOCTYPE html>\n" + str(
        element("html", element("head", head), element("body", fragments))
    )
