"""Read articles from files, directories and stdin, detecting their encoding.

UTF-8 (with or without BOM) and UTF-16 with BOM are recognised by their bytes; otherwise
GB18030 (a superset of GBK/GB2312) and Big5 are told apart by charset-normalizer, restricted
to those two so that it cannot pick an unrelated code page. Anything that still does not
decode is an InputError naming the file (the CLI turns it into exit code 2).
"""

from __future__ import annotations

import codecs
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

ARTICLE_SUFFIXES = (".txt", ".md")


@dataclass(frozen=True, slots=True)
class Document:
    name: str  # the path as given, or "-" for stdin
    text: str
    encoding: str


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Decoded text and the encoding used; InputError if it is not text in a known encoding."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[3:], "utf-8", name), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return _strict(data, "utf-16", name), "utf-16"
    if b"\x00" in data:
        raise InputError(f"{name}: binary file (NUL bytes, no UTF-16 byte-order mark)")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
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
            return candidates[1][1], "big5"
        return candidates[0][1], "gb18030"
    if candidates:
        return candidates[0][1], candidates[0][0]
    raise InputError(
        f"{name}: cannot decode as UTF-8, UTF-16 (BOM), GB18030 or Big5"
    )


def _strict(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(f"{name}: invalid {encoding} at byte {exc.start}") from exc


def expand_paths(paths: list[str]) -> Iterator[str]:
    """Files as given, directories as their sorted *.txt/*.md, '-' as stdin."""
    for given in paths:
        if given == "-":
            yield given
            continue
        path = Path(given)
        if path.is_dir():
            found = sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ARTICLE_SUFFIXES
            )
            if not found:
                raise InputError(f"{given}: directory has no *.txt or *.md articles")
            for p in found:
                yield str(p)
        elif path.exists():
            yield given
        else:
            raise InputError(f"{given}: no such file or directory")


def read_documents(paths: list[str]) -> Iterator[Document]:
    """Yield each document in order; raise InputError on the first unreadable one."""
    for name in expand_paths(paths):
        if name == "-":
            data = sys.stdin.buffer.read()
        else:
            try:
                data = Path(name).read_bytes()
            except OSError as exc:
                raise InputError(f"{name}: cannot read ({exc.strerror})") from exc
        text, encoding = decode(data, name)
        yield Document(name, text, encoding)
