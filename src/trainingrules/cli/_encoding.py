"""Text encodings of input files: UTF-8, UTF-8 with BOM, GB18030, detected or named.

What Chinese Excel ("CSV (逗号分隔)") and county systems export is GB18030 (GBK is a
subset); Excel's "CSV UTF-8" adds a byte-order mark. A file is decoded once, in
Python's C codecs, and handed on as UTF-8 bytes.
"""

from __future__ import annotations

import codecs

from trainingrules.cli._errors import CommandLineError

__all__ = ["detect", "to_utf8"]

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),  # Excel's "Unicode text" export
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def detect(data: bytes) -> str:
    """The encoding of ``data``: its byte-order mark, else UTF-8 if it decodes, else GB18030.

    >>> detect("教师编号".encode("gb18030")), detect("教师编号".encode()), detect(b"id")
    ('gb18030', 'utf-8', 'utf-8')
    >>> detect(codecs.BOM_UTF8 + "教师编号".encode())
    'utf-8-sig'
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return "utf-8" if _utf8(data) else "gb18030"


_PREFIX = 1 << 16


def _utf8(data: bytes) -> bool:
    """Whether ``data`` is UTF-8; a GB18030 file fails on its first Chinese bytes.

    The first 64 KiB are tried alone (a character cut at the end is allowed), so
    that a large GB18030 file is not scanned (nor copied into the error) twice.
    """
    try:
        codecs.getincrementaldecoder("utf-8")().decode(data[:_PREFIX], final=False)
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def to_utf8(data: bytes, name: str, encoding: str | None = None) -> tuple[bytes, str]:
    """``data`` (the file ``name``) as UTF-8 bytes without a BOM, and the encoding read.

    ``encoding`` (any Python codec name) overrides the detection.

    Raises:
        CommandLineError: an unknown codec, or bytes that do not decode
            (``cli.encoding``; the message gives the byte offset).
    """
    if encoding is None:
        encoding = next((name for bom, name in _BOMS if data.startswith(bom)), None)
        if encoding is None:
            encoding = "utf-8" if _utf8(data) else "gb18030"
            if encoding == "utf-8":
                return data, encoding
    else:
        try:
            encoding = codecs.lookup(encoding).name
        except LookupError:
            raise CommandLineError(
                f"unknown encoding {encoding!r} (try utf-8, utf-8-sig or gb18030)",
                path="--encoding",
                code="cli.encoding",
            ) from None
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise CommandLineError(
            f"not {encoding} at byte {error.start} ({error.reason}); "
            "name the file's encoding with --encoding",
            path=name,
            code="cli.encoding",
        ) from None
    if encoding == "utf-8":
        return data, encoding
    return text.encode("utf-8"), encoding
