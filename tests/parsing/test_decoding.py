"""Bytes to text: UTF-8, Windows-1252, Latin-1; empty and binary data refused."""

from __future__ import annotations

import hashlib

import pytest

from prospectus_ledger.errors import InvalidFilingError
from prospectus_ledger.parsing.decoding import decode_filing, sha256_of


def test_utf8() -> None:
    assert (
        decode_filing("Fund\u2019s \u201cshares\u201d".encode()) == "Fund\u2019s \u201cshares\u201d"
    )


def test_utf8_with_bom() -> None:
    assert decode_filing(b"\xef\xbb\xbfText") == "Text"


def test_cp1252_curly_quotes() -> None:
    data = b"The Fund\x92s \x93Class A\x94 shares \x96 and \x80 signs"
    assert (
        decode_filing(data) == "The Fund\u2019s \u201cClass A\u201d shares \u2013 and \u20ac signs"
    )


def test_latin1_when_cp1252_fails() -> None:
    data = b"caf\xe9 \x81 and a long enough text around the odd byte"
    assert decode_filing(data).startswith("caf\u00e9 \x81 and")


def test_utf16_with_bom() -> None:
    assert decode_filing("Supplement".encode("utf-16")) == "Supplement"


def test_text_is_taken_as_it_is() -> None:
    assert decode_filing("  text  ") == "  text  "


@pytest.mark.parametrize("data", [b"", b" \n\r\n\t ", "", "\n"])
def test_empty(data: str | bytes) -> None:
    with pytest.raises(InvalidFilingError, match="empty") as caught:
        decode_filing(data, file="f.txt")
    assert caught.value.file == "f.txt"
    assert str(caught.value).startswith("f.txt: ")


def test_nul_bytes_are_binary_and_give_the_line() -> None:
    with pytest.raises(InvalidFilingError, match="NUL") as caught:
        decode_filing(b"line one\nline two\x00\x00", file="f.bin")
    assert caught.value.line == 2
    assert caught.value.file == "f.bin"


def test_control_characters_are_binary() -> None:
    with pytest.raises(InvalidFilingError, match="control characters"):
        decode_filing(bytes(range(1, 9)) * 50)


def test_a_few_control_characters_are_fine() -> None:
    assert decode_filing("text\x07 with a bell " * 10).startswith("text")


def test_sha256_of_text_is_of_its_utf8_bytes() -> None:
    assert sha256_of("caf\u00e9") == hashlib.sha256("caf\u00e9".encode()).hexdigest()
    assert sha256_of(b"x") == hashlib.sha256(b"x").hexdigest()
