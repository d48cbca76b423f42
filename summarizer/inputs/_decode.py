"""Bytes -> text: refuse binary data, name UTF-16, decode UTF-8 (a BOM is dropped)."""

from __future__ import annotations

from ..errors import InputError

__all__ = ["decode_text", "check_bytes"]

_UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")


def _looks_utf16(data: bytes) -> bool:
    """A BOM, or NULs in every other byte of the first kilobyte (ASCII-range UTF-16)."""
    if data.startswith(_UTF16_BOMS):
        return True
    head = data[:1024]
    if len(head) < 4:
        return False
    even, odd = head[0::2], head[1::2]
    # UTF-16 of mostly Latin text has a NUL in almost every high byte; binary formats rarely do.
    return max(even.count(0) / len(even), odd.count(0) / len(odd)) > 0.6 and min(even.count(0), odd.count(0)) == 0


def check_bytes(data: bytes) -> None:
    """Raise `InputError` for UTF-16 text or any NUL byte (binary data), anywhere in `data`."""
    if _looks_utf16(data):
        raise InputError("UTF-16 text; convert it to UTF-8")
    if b"\x00" in data:  # bytes.find is a memchr: the whole file costs well under a millisecond per MB
        raise InputError("looks like a binary file, not text (it contains NUL bytes)")


def decode_text(data: bytes) -> str:
    """Decode UTF-8 (dropping a BOM) after `check_bytes`. Raises `InputError`."""
    check_bytes(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"is not UTF-8 text (bad byte at offset {err.start}); convert it to UTF-8") from None
