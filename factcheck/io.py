"""Read articles from files, directories and stdin, detecting their encoding.

UTF-8 (with or without BOM) and UTF-16 with BOM are recognised by their bytes; otherwise
GB18030 (a superset of GBK/GB2312) and Big5 are told apart by charset-normalizer, restricted
to those two so that it cannot pick an unrelated code page. Anything that still does not
decode is an InputError naming the file (the CLI turns it into exit code 2).
"""

from __future__ import annotations

import codecs
import os
import re
import stat
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # the path as given, or "-" for stdin
    text: str
    encoding: str


# files an editor may hand over that are not text: what they are and how to proceed
OFFICE_FILES = (
    (b"%PDF-", "a PDF file, not text; extract its text first (pdftotext FILE article.txt) "
               "and check that"),
    (b"PK\x03\x04", "a zip container (.docx, .xlsx, .odt ...), not text; save the article as "
                     "plain text (.txt) or convert it (pandoc FILE -t plain -o article.txt)"),
    (b"\xd0\xcf\x11\xe0", "an old Office file (.doc, .xls), not text; save the article as "
                          "plain text (.txt) and check that"),
    (b"{\\rtf", "an RTF file, not plain text; save the article as plain text (.txt)"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decoded text and the encoding used; InputError if it is not text in a known encoding.

    >>> decode("營收".encode("big5"), "a.txt")
    ('營收', 'big5')
    >>> decode(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00", "a.png")
    Traceback (most recent call last):
    factcheck.errors.InputError: a.png: binary file (NUL bytes; UTF-16 text needs a byte-order mark)
    """
    for magic, what in OFFICE_FILES:
        if data.startswith(magic):
            raise InputError(f"{name}: {what}")
    if data.startswith(codecs.BOM_UTF8):
        return _text(_strict(data[3:], "utf-8", name), name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return _text(_strict(data, "utf-32", name), name), "utf-32"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _text(_strict(data, "utf-16", name), name), "utf-16"
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes; UTF-16 text needs a byte-order mark)")
    try:
        return _text(data.decode("utf-8"), name), "utf-8"
    except UnicodeDecodeError as exc:
        utf8_error = exc
    candidates = []
    for enc in ("gb18030", "big5"):
        try:
            candidates.append((enc, data.decode(enc)))
        except UnicodeDecodeError:
            continue
    if len(candidates) == 2:
        from charset_normalizer import from_bytes

        best = from_bytes(data, cp_isolation=["gb18030", "big5"]).best()
        if best is not None and best.encoding in ("big5", "big5hkscs"):
            return _text(candidates[1][1], name), "big5"
        return _text(candidates[0][1], name), "gb18030"
    if candidates:
        return _text(candidates[0][1], name), candidates[0][0]
    line = data.count(b"\n", 0, utf8_error.start) + 1
    raise InputError(
        f"{name}: line {line}: cannot decode as UTF-8 "
        f"(invalid byte 0x{data[utf8_error.start]:02x} at offset {utf8_error.start}), UTF-16 "
        f"with BOM, GB18030 or Big5"
    )


# C0 controls other than tab, newlines, vertical tab and form feed, and DEL.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f]")
CONTROL_SAMPLE = 1 << 20  # characters looked at
CONTROL_SHARE = 0.05  # more control characters than this: not text


def _text(text: str, name: str) -> str:
    """The decoded text, unless it is mostly control characters (a binary file that
    happens to decode, e.g. as GB18030, which accepts almost any byte sequence)."""
    sample = text[:CONTROL_SAMPLE]
    if sample and len(_CONTROL.findall(sample)) > CONTROL_SHARE * len(sample):
        raise InputError(f"{name}: binary file (control characters, not text)")
    return text


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid {encoding} at byte {exc.start}") from exc


def walk_articles(directory: Path) -> Iterator[tuple[Path, int]]:
    """``*.txt``/``*.md`` below ``directory`` with their sizes, in the order of
    ``sorted(rglob)``, lazily.

    Sorting names one directory at a time gives the same order as sorting whole paths part by
    part (``a/x.txt`` < ``a.txt`` because ``a`` < ``a.txt``), with memory bounded by the
    largest single directory instead of the whole tree. Symlinked directories are not
    followed (as ``Path.rglob``).
    """
    try:
        with os.scandir(directory) as it:
            entries = sorted(it, key=lambda e: e.name)
    except OSError as exc:
        raise InputError(f"{directory}: cannot read directory ({exc.strerror})") from exc
    for entry in entries:
        path = directory / entry.name
        try:
            if entry.is_dir(follow_symlinks=False):
                yield from walk_articles(path)
            elif entry.is_file() and Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
                yield path, entry.stat().st_size
        except OSError:  # vanished or unreadable entry: reading it reports it
            if Path(entry.name).suffix.lower() in ARTICLE_SUFFIXES:
                yield path, 0


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files as given, directories as their sorted *.txt/*.md, '-' as stdin."""
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = False
            for article, _ in walk_articles(path):
                found = True
                yield str(article)
            if not found:
                raise InputError(f"{given}: directory has no *.txt or *.md articles")
        elif path.exists():
            yield given
        else:
            raise InputError(f"{given}: no such file or directory")


MAX_BYTES = 512 * 1024 * 1024  # one document; larger input is refused, not read


def read_documents(paths: list[str], max_bytes: int = MAX_BYTES) -> Iterator[Document]:
    """Yield each document in order; raise InputError on the first unreadable one.

    Regular files, pipes (``<(...)``) and stdin are read, up to ``max_bytes`` each; devices
    and sockets are refused, so that ``/dev/zero`` cannot fill the memory.
    """
    for name in expand_paths(paths):
        data = _read(name, max_bytes)
        text, encoding = decode(data, name)
        yield Document(name, text, encoding)


def _read(name: str, max_bytes: int) -> bytes:
    try:
        if name == "-":
            return _read_limited(sys.stdin.buffer, name, max_bytes)
        mode = os.stat(name).st_mode
        if not (stat.S_ISREG(mode) or stat.S_ISFIFO(mode)):
            raise InputError(f"{name}: not a regular file")
        if stat.S_ISREG(mode) and os.stat(name).st_size > max_bytes:
            raise InputError(f"{name}: larger than {max_bytes // (1024 * 1024)} MB")
        with open(name, "rb") as fh:
            return _read_limited(fh, name, max_bytes)
    except OSError as exc:
        if isinstance(exc, InputError):
            raise
        raise InputError(f"{name}: cannot read ({exc.strerror or exc})") from exc


def _read_limited(fh: BinaryIO, name: str, max_bytes: int) -> bytes:
    data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(f"{name}: larger than {max_bytes // (1024 * 1024)} MB")
    return data
