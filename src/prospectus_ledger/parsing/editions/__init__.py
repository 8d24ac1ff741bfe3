"""Base editions (SEC form 485BPOS) into prospectus, summary prospectus and SAI trees."""

from __future__ import annotations

from .details import (
    ContentsEntry,
    DocumentDetails,
    EditionDetails,
    HeadingInfo,
    LeftOut,
    SeriesInfo,
    ShareClassInfo,
)
from .reading import looks_like_edition, parse_edition_details, parse_editions

__all__ = [
    "ContentsEntry",
    "DocumentDetails",
    "EditionDetails",
    "HeadingInfo",
    "LeftOut",
    "SeriesInfo",
    "ShareClassInfo",
    "looks_like_edition",
    "parse_edition_details",
    "parse_editions",
]
