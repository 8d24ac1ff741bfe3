"""Inline CSS and presentational HTML, reduced to the typography that marks headings.

Filings carry their typography in ``style`` attributes (``font:10pt Arial``,
``font-size: 18.04pt``, ``color: #B2B2B2``), in presentational tags (``<b>``,
``<font size=4>``, ``<center>``) and in attributes (``align="center"``).
:func:`element_style` folds one element's own declarations onto the style it
inherits, giving a :class:`TextStyle` for its text runs.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

import attrs

__all__ = [
    "BODY_SIZE",
    "TextStyle",
    "block_spacing",
    "declarations",
    "element_style",
    "is_faint",
    "is_hidden",
]

BODY_SIZE = 12.0
"""The size (pt) of text whose size nothing states: the browser default."""

_DECLARATION = re.compile(r"([A-Za-z-]+)\s*:\s*([^;]*)")
_LENGTH = re.compile(r"^(-?\d*\.?\d+)\s*(pt|px|em|rem|%|in|cm|mm|pc)?$")
_HEX = re.compile(r"^#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_RGB = re.compile(r"^rgba?\(\s*(\d{1,3})\s*,\s*(\d{1,3})\s*,\s*(\d{1,3})")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)

_KEYWORD_SIZES = {
    "xx-small": 7.0,
    "x-small": 7.5,
    "small": 10.0,
    "medium": 12.0,
    "large": 13.5,
    "x-large": 18.0,
    "xx-large": 24.0,
}
_FONT_TAG_SIZES = {1: 7.5, 2: 10.0, 3: 12.0, 4: 13.5, 5: 18.0, 6: 24.0, 7: 36.0}
_HEADING_TAG_SIZES = {"h1": 24.0, "h2": 18.0, "h3": 14.0, "h4": 12.0, "h5": 10.0, "h6": 8.0}
_UNIT_POINTS = {"pt": 1.0, "px": 0.75, "in": 72.0, "cm": 28.35, "mm": 2.835, "pc": 12.0}
_NAMED_COLOURS = {
    "black": "#000000",
    "white": "#ffffff",
    "gray": "#808080",
    "grey": "#808080",
    "silver": "#c0c0c0",
    "darkgray": "#a9a9a9",
    "darkgrey": "#a9a9a9",
    "lightgray": "#d3d3d3",
    "lightgrey": "#d3d3d3",
    "dimgray": "#696969",
    "dimgrey": "#696969",
}
_BOLD_TAGS = frozenset({"b", "strong", "th", "h1", "h2", "h3", "h4", "h5", "h6"})
_ITALIC_TAGS = frozenset({"i", "em", "cite", "var", "dfn"})
_UNDERLINE_TAGS = frozenset({"u", "ins"})
_STYLED_TAGS = (
    _BOLD_TAGS | _ITALIC_TAGS | _UNDERLINE_TAGS | {"sup", "sub", "small", "big", "center", "font"}
)


@attrs.frozen
class TextStyle:
    """The typography of a run of text.

    Attributes:
        size: the font size in points.
        bold: set in a bold weight.
        italic: set in italics.
        underline: underlined.
        caps: shown in capitals by CSS (``text-transform``, ``small-caps``).
        colour: the colour as ``#rrggbb`` (``None`` when never stated).
        align: the text alignment of the enclosing block.
        superscript: raised (a footnote mark or a registered sign).
    """

    size: float = BODY_SIZE
    bold: bool = False
    italic: bool = False
    underline: bool = False
    caps: bool = False
    colour: str | None = None
    align: str = "left"
    superscript: bool = False


@functools.lru_cache(maxsize=8192)
def declarations(style: str) -> dict[str, str]:
    """The declarations of an inline ``style`` attribute, properties lower-cased."""
    found: dict[str, str] = {}
    for match in _DECLARATION.finditer(style):
        found[match.group(1).lower()] = match.group(2).strip()
    return found


def _points(value: str, parent: float) -> float | None:
    """A length in points; relative units are taken against ``parent``."""
    match = _LENGTH.match(value.strip().lower())
    if match is None:
        return None
    number = float(match.group(1))
    unit = match.group(2) or "px"
    if unit in ("em", "rem"):
        return number * parent
    if unit == "%":
        return number * parent / 100
    return number * _UNIT_POINTS[unit]


def _size(value: str, parent: float) -> float | None:
    value = value.strip().lower()
    if value in _KEYWORD_SIZES:
        return _KEYWORD_SIZES[value]
    if value == "smaller":
        return parent * 0.83
    if value == "larger":
        return parent * 1.2
    return _points(value, parent)


def _colour(value: str) -> str | None:
    value = value.strip().lower()
    if value in _NAMED_COLOURS:
        return _NAMED_COLOURS[value]
    match = _HEX.match(value)
    if match is not None:
        digits = match.group(1)
        if len(digits) == 3:
            digits = "".join(char * 2 for char in digits)
        return "#" + digits
    rgb = _RGB.match(value)
    if rgb is not None:
        red, green, blue = (min(int(part), 255) for part in rgb.groups())
        return f"#{red:02x}{green:02x}{blue:02x}"
    return None


def is_faint(colour: str | None) -> bool:
    """Whether a colour is a light grey, the colour of running page headers."""
    if colour is None or len(colour) != 7:
        return False
    red, green, blue = (int(colour[index : index + 2], 16) for index in (1, 3, 5))
    return (
        max(red, green, blue) - min(red, green, blue) <= 24
        and 0x90 <= (red + green + blue) // 3 < 0xF8
    )


def is_hidden(style: str | None, hidden_attribute: bool = False) -> bool:
    """Whether an element is hidden (``display:none``, ``visibility:hidden``, ``hidden``)."""
    return hidden_attribute or (style is not None and _HIDDEN.search(style) is not None)


def _weight_is_bold(value: str) -> bool | None:
    value = value.strip().lower()
    if value in ("bold", "bolder"):
        return True
    if value in ("normal", "lighter"):
        return False
    if value.isdigit():
        return int(value) >= 600
    return None


def _apply_font_shorthand(value: str, style: TextStyle) -> TextStyle:
    """Fold ``font: [style] [variant] [weight] size[/line-height] family`` onto ``style``."""
    bold = False
    italic = False
    caps = False
    size: float | None = None
    for token in value.split():
        lowered = token.lower()
        if lowered in ("italic", "oblique"):
            italic = True
        elif lowered == "small-caps":
            caps = True
        elif _weight_is_bold(lowered):
            bold = True
        elif lowered == "normal":
            continue
        else:
            size = _size(lowered.split("/", 1)[0], style.size)
            break
    if size is None:
        return style
    # The shorthand resets weight, style and variant to what it states.
    return attrs.evolve(style, size=size, bold=bold, italic=italic, caps=caps or style.caps)


@attrs.define
class _Draft:
    """A mutable copy of a style while declarations are folded onto it."""

    size: float
    bold: bool
    italic: bool
    underline: bool
    caps: bool
    colour: str | None
    align: str
    superscript: bool

    @classmethod
    def of(cls, style: TextStyle) -> _Draft:
        return cls(**attrs.asdict(style))

    def freeze(self) -> TextStyle:
        return TextStyle(**attrs.asdict(self))


def _apply_declarations(found: dict[str, str], style: TextStyle) -> TextStyle:
    if "font" in found:
        style = _apply_font_shorthand(found["font"], style)
    draft = _Draft.of(style)
    if "font-size" in found:
        size = _size(found["font-size"], style.size)
        if size is not None:
            draft.size = size
    if "font-weight" in found:
        bold = _weight_is_bold(found["font-weight"])
        if bold is not None:
            draft.bold = bold
    if "font-style" in found:
        draft.italic = found["font-style"].strip().lower() in ("italic", "oblique")
    decoration = found.get("text-decoration") or found.get("text-decoration-line")
    if decoration is not None:
        draft.underline = "underline" in decoration.lower()
    transform = found.get("text-transform")
    if transform is not None:
        draft.caps = transform.strip().lower() == "uppercase"
    if found.get("font-variant", "").strip().lower() == "small-caps":
        draft.caps = True
    if "color" in found:
        draft.colour = _colour(found["color"]) or draft.colour
    if "text-align" in found:
        draft.align = found["text-align"].strip().lower() or style.align
    if found.get("vertical-align", "").strip().lower() in ("super", "sub"):
        draft.superscript = True
    return draft.freeze()


def _tag_style(tag: str, attributes: Mapping[str, str], style: TextStyle) -> TextStyle:
    align = attributes.get("align", "").strip().lower()
    if tag not in _STYLED_TAGS and align not in ("left", "center", "right", "justify"):
        return style
    draft = _Draft.of(style)
    draft.bold = draft.bold or tag in _BOLD_TAGS
    draft.italic = draft.italic or tag in _ITALIC_TAGS
    draft.underline = draft.underline or tag in _UNDERLINE_TAGS
    if tag in _HEADING_TAG_SIZES:
        draft.size = _HEADING_TAG_SIZES[tag]
    elif tag in ("sup", "sub"):
        draft.superscript = True
    elif tag == "small":
        draft.size = style.size * 0.83
    elif tag == "big":
        draft.size = style.size * 1.2
    elif tag == "center":
        draft.align = "center"
    elif tag == "font":
        draft.size = _font_tag_size(attributes.get("size", "")) or draft.size
        draft.colour = _colour(attributes.get("color", "")) or draft.colour
    if align in ("left", "center", "right", "justify"):
        draft.align = align
    return draft.freeze()


def _font_tag_size(value: str) -> float | None:
    value = value.strip()
    try:
        number = int(value)
    except ValueError:
        return None
    if value.startswith(("+", "-")):
        number += 3
    return _FONT_TAG_SIZES[min(max(number, 1), 7)]


def element_style(
    tag: str, attributes: Mapping[str, str], style_attribute: str | None, inherited: TextStyle
) -> TextStyle:
    """The style of an element's text: tag defaults, attributes, then inline CSS."""
    return _element_style(
        tag,
        attributes.get("align", ""),
        attributes.get("size", "") if tag == "font" else "",
        attributes.get("color", "") if tag == "font" else "",
        style_attribute or "",
        inherited,
    )


@functools.lru_cache(maxsize=16384)
def _element_style(
    tag: str, align: str, size: str, colour: str, style_attribute: str, inherited: TextStyle
) -> TextStyle:
    style = _tag_style(tag, {"align": align, "size": size, "color": colour}, inherited)
    if style_attribute:
        style = _apply_declarations(declarations(style_attribute), style)
    return style


def block_spacing(style_attribute: str | None, size: float) -> tuple[float | None, float]:
    """A block's top margin (``None`` when unstated) and its left offset, in points.

    The left offset adds ``margin-left``, ``padding-left`` and ``text-indent``.
    """
    if not style_attribute:
        return None, 0.0
    found = declarations(style_attribute)
    top: float | None = None
    margin_left = 0.0
    if "margin" in found:
        parts = found["margin"].split()
        if parts:
            top = _points(parts[0], size)
            side = parts[3] if len(parts) == 4 else parts[1] if len(parts) >= 2 else parts[0]
            margin_left = _points(side, size) or 0.0
    if "margin-top" in found:
        top = _points(found["margin-top"], size)
    if "margin-left" in found:
        margin_left = _points(found["margin-left"], size) or 0.0
    left = margin_left
    for name in ("padding-left", "text-indent"):
        if name in found:
            left += _points(found[name], size) or 0.0
    return top, left
