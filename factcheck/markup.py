"""The visible text of HTML and Markdown documents, with offsets back into the original.

Read as plain text, a web page's CSS zeros, footer phone numbers and navigation dates would be
taken for figures. Findings must still point into the file the editor has, so every visible
character keeps the index of the original character it came from (a character reference: its
'&'; a line break, space or cell bar made for a tag: that tag's '<').
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from html.entities import html5
from typing import Any

_WS = re.compile(r"[ \t\n\r\f]+")
_REF = re.compile(r"&(?:#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)")  # html._charref
_NAME = re.compile(r"[a-z][^\s/<>]*")
_QUOTE = re.compile(r"[\"']")
_MD_SPECIAL = re.compile(r"[\\`<!\[*_~]")
_RUN = re.compile(r"`+|\*+|_+|~+")
_MD_LIST = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")
_BLOCK_TAG = re.compile(r"<(?:p|div|br)[\s/>]|</(?:p|div)>", re.I)
_ANY_TAG = re.compile(r"</?[a-zA-Z][a-zA-Z0-9]{0,15}[\s/>]")
_LOWER = {c: c + 32 for c in range(65, 91)}  # ASCII only, so every index stays in place

_RAW = {"script", "style", "noscript", "textarea", "iframe", "xmp", "noembed", "noframes",
        "title"}  # their content is not markup; dropped, except a page's <title>
_SKIP = {"head", "nav", "footer", "aside", "button", "select", "template", "svg", "math"}
_HEAD_OK = {"title", "meta", "link", "base", "style", "script", "noscript", "template"}
_PARA = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "title", "table", "blockquote", "pre"}
_BLOCK = _PARA | {"div", "br", "li", "tr", "section", "article", "hr", "dd", "dt", "figcaption",
                  "ul", "ol", "dl", "main", "header", "figure", "address", "caption", "details",
                  "summary", "center", "nav", "footer", "aside", "form", "body", "html"}
_MD_PUNCT = set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~")


@dataclass(frozen=True, slots=True)
class Visible:
    """Visible text whose every character can be traced to the original document."""

    text: str
    offsets: list[int]  # len(text) + 1: original index of each visible char, then len(original)
    # where the source of a char made from a character reference ends, so that a span covers
    # the whole reference, not just its '&'
    ends: dict[int, int] = field(default_factory=dict, repr=False, compare=False)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Map a half-open visible span to the smallest original span covering it."""
        if not 0 <= start <= end <= len(self.text):
            raise IndexError(f"span {start}:{end} outside 0:{len(self.text)}")
        if start == end:
            return self.offsets[start], self.offsets[start]
        return self.offsets[start], self.ends.get(end - 1, self.offsets[end - 1] + 1)


def _cjk(ch: str) -> bool:
    return "\u3000" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\uff00" <= ch <= "\uffef"


def _joins(a: str, b: str) -> bool:
    """A source line break between these is layout, not a word space (營收\\n570億)."""
    return bool(a) and (_cjk(a) and (_cjk(b) or b.isdigit()) or a.isdigit() and _cjk(b))


class _Html:
    """One pass: text runs and tags are found with str.find, so the time is linear. Breaks,
    cell bars and spaces wait until text follows, so lines never start or end with them."""

    def __init__(self, text: str, lines: bool, src: list[int] | None = None) -> None:
        self.text, self.low, self.lines = text, text.translate(_LOWER), lines
        self.src = src  # Markdown: where each char was; a reference must not span a cut
        self.found: dict[str, tuple[int, int]] = {}
        self.parts: list[str] = []
        self.offs: list[int] = []
        self.ends: dict[int, int] = {}
        self.nl: list[int] = []  # pending line breaks and cell bars: the tags' offsets
        self.seps: list[int] = []
        self.space, self.soft = -1, True  # pending space; soft: only line breaks in the source

    def find(self, sub: str, p: int) -> int:
        """The first ``sub`` at or after p, remembered: a stray opener without its closer must
        not search the rest of the text again for each of its copies."""
        start, at = self.found.get(sub, (len(self.low) + 1, -1))
        if p < start or -1 < at < p:
            start, at = self.found[sub] = p, self.low.find(sub, p)
        return at

    def brk(self, at: int, n: int = 1, add: bool = False) -> None:
        self.seps, self.space = [], -1
        self.nl.extend([at] * (min(2, len(self.nl) + 1 if add else n) - len(self.nl)))

    def gap(self, at: int, soft: bool) -> None:
        self.soft = soft if self.space < 0 else self.soft and soft
        self.space = at if self.space < 0 else self.space

    def put(self, s: str, offs: list[int] | range) -> None:
        self.parts.append(s)
        self.offs.extend(offs)

    def word(self, s: str, at: int, end: int = -1) -> None:
        last = self.parts[-1][-1] if self.parts else "\n"
        start = last == "\n" or bool(self.nl)  # s starts a line
        if self.nl and last != "\n":
            self.put("\n" * len(self.nl), self.nl)
        if self.seps:
            lead = [] if start else self.seps[:1]
            self.put(" " * len(lead) + "| " * len(self.seps),
                     lead + [o for o in self.seps for _ in "| "])
        elif self.space >= 0 and not start and not (self.soft and _joins(last, s[0])):
            self.put(" ", [self.space])
        self.nl, self.seps, self.space, self.soft = [], [], -1, True
        if end >= 0:  # a character reference
            self.ends.update(dict.fromkeys(range(len(self.offs), len(self.offs) + len(s)), end))
        self.put(s, range(at, at + len(s)) if end < 0 else [at] * len(s))

    def chars(self, a: int, b: int, pre: bool = False) -> None:
        """Text between tags: character references decoded as html.unescape does."""
        text, pos = self.text, a
        while pos < b:
            amp = text.find("&", pos, b)
            self.plain(pos, b if amp < 0 else amp, pre)
            if amp < 0:
                return
            lim = amp + 1
            while self.src and lim < min(b, amp + 40) and self.src[lim] == self.src[lim - 1] + 1:
                lim += 1
            m = _REF.match(text, amp, lim if self.src else b)
            ref = m.group() if m else "&"
            if ref[1:2] == "#":  # a forbidden code point decodes to nothing
                dec, pos = html.unescape(ref), amp + len(ref)
            else:  # the longest entity name that is a prefix; else a plain '&'
                x = next((x for x in range(len(ref) - 1, 1, -1) if ref[1:x + 1] in html5), 0)
                dec, pos = html5.get(ref[1:x + 1], "&"), amp + 1 + x
            dec = dec.replace("\xa0", " ")
            if dec.isspace() and not pre:
                self.gap(amp, soft=False)
            elif dec:
                self.word(dec, amp, pos)

    def plain(self, a: int, b: int, pre: bool) -> None:
        """Runs of white space become one space (in Markdown, line breaks stay), except in pre."""
        text = self.text
        for m in () if pre else _WS.finditer(text, a, b):
            if a < m.start():
                self.word(text[a:m.start()], a)
            a, run = m.end(), m.group()
            if self.lines and "\n" in run:
                first = m.start() + run.index("\n")
                self.brk(first)
                if run.count("\n") > 1:
                    self.brk(text.index("\n", first + 1), 2)
            else:
                self.gap(m.start(), soft="\n" in run or "\r" in run)
        if a < b:
            self.word(text[a:b], a)

    def tag(self, i: int) -> tuple[int, int, str, bool] | None:
        """(end, kind 0 other / 1 start / 2 end, name, self-closing), or None: '<' is text."""
        low, n = self.low, len(self.low)
        c = low[i + 1:i + 2]
        if c in ("!", "?"):
            for opener, closer in (("<!--", "-->"), ("<![cdata[", "]]>")):
                if low.startswith(opener, i):
                    j = self.find(closer, i + len(opener))
                    return (n if j < 0 else j + len(closer)), 0, "", False
            j = self.find(">", i)
            return None if j < 0 else (j + 1, 0, "", False)
        m = _NAME.match(low, i + 1 + (c == "/"))
        if m is None or (first := self.find(">", m.end())) < 0:
            return None
        g, p = first, m.end()
        while c != "/" and (q := _QUOTE.search(low, p, g)) is not None:
            quoted = low[p:q.start()].rstrip().endswith("=")  # a quoted value may hold '>'
            p = q.end()
            if quoted:
                close = self.find(q.group(), p)
                g = -1 if close < 0 else self.find(">", close + 1)
                g, p = (first, n) if g < 0 else (g, close + 1)
        return g + 1, 2 if c == "/" else 1, m.group(), low[g - 1] == "/"

    def raw_close(self, name: str, start: int) -> tuple[int, int] | None:
        """(start, end) of the end tag of a raw-text element, if it has one."""
        at = self.find("</" + name, start)
        while at >= 0 and self.low[at + len(name) + 2:at + len(name) + 3] not in " \t\n\r\f/>":
            at = self.find("</" + name, at + 1)
        gt = self.find(">", at) if at >= 0 else -1
        return None if at < 0 else (at, len(self.low) if gt < 0 else gt + 1)

    def visible(self) -> Visible:
        text, n = self.text, len(self.text)
        skip: list[str] = []
        pos, pre, cells, in_cell = int(text.startswith("\ufeff")), 0, 0, False  # skip a BOM
        while pos < n:
            lt = text.find("<", pos)
            lt = n if lt < 0 else lt
            if skip == ["head"] and text[pos:lt].strip():
                skip.pop()  # text closes an unclosed <head>
            if not skip:
                self.chars(pos, lt, pre > 0)
            tag = self.tag(lt) if lt < n else None
            if tag is None:
                if lt < n and not skip:
                    self.chars(lt, lt + 1, pre > 0)
                pos = lt + 1
                continue
            pos, kind, name, closed = tag
            if kind == 1 and skip == ["head"] and name not in _HEAD_OK:
                skip.pop()  # so does body content
            close = self.raw_close(name, pos) if kind == 1 and name in _RAW else None
            if close is not None:
                if name == "title" and skip in ([], ["head"]):
                    self.brk(lt, 2)
                    self.chars(pos, close[0])
                    self.brk(close[0], 2)
                pos = close[1]
            elif name in _SKIP and (kind == 1 and not closed or kind == 2 and name in skip):
                if kind == 1:
                    skip.append(name)
                else:
                    del skip[len(skip) - 1 - skip[::-1].index(name):]
                if not skip and name in _BLOCK:
                    self.brk(lt)
            elif kind == 2 and name in ("body", "html"):
                skip.clear()
            elif skip or kind == 0:
                continue
            elif name in ("td", "th"):
                if kind == 1 and cells:
                    self.seps.append(lt)
                cells += kind == 1
                in_cell = kind == 1
            elif name in ("tr", "table"):
                cells, in_cell = 0, False
                self.brk(lt, 2 if name == "table" else 1)
            elif name in _BLOCK:
                pre = max(0, pre + (1 if kind == 1 else -1)) if name == "pre" else pre
                pos += name == "pre" and kind == 1 and text.startswith("\n", pos)  # as HTML does
                if in_cell:  # a table row stays one line
                    self.gap(lt, soft=False)
                else:
                    self.brk(lt, 2 if name in _PARA else 1, add=name == "br")
        return Visible("".join(self.parts), self.offs + [n], self.ends)


def _md_inline(text: str, s: int, e: int, cuts: list[tuple[int, int]], find: _Html) -> None:
    """Cut inline Markdown syntax out of text[s:e]: escapes, code, links, emphasis."""
    delims: list[list[Any]] = []  # [start, length, char, can open, can close]
    j = s
    while (m := _MD_SPECIAL.search(text, j, e)) is not None:
        j, c = m.start(), m.group()
        run = _RUN.match(text, j, e).end() - j if c in "`*_~" else 1  # type: ignore[union-attr]
        if c == "\\":
            escape = j + 1 < e and text[j + 1] in _MD_PUNCT
            cuts += [(j, j + 1)] if escape else []
            j += 1 + escape
        elif c == "`":
            close = find.find("`" * run, j + run)
            cuts += [(j, j + run), (close, close + run)] if -1 < close < e else []
            j = close + run if -1 < close < e else j + run
        elif c == "<":  # inline HTML is left to the HTML pass, an autolink loses its brackets
            k = find.find(">", j)
            if j < k < e and text.startswith(("<http://", "<https://", "<mailto:"), j):
                cuts += [(j, j + 1), (k, k + 1)]
            j = k + 1 if j < k < e and (text[j + 1].isalpha() or text[j + 1] in "/!") else j + 1
        elif c in "![":  # [text](url), [text][ref] and ![alt](url) keep the text
            o = j + (c == "!")
            k = find.find("]", o + 1) if text[o:o + 1] == "[" else -1
            closer = {"(": ")", "[": "]"}.get(text[k + 1:k + 2]) if o < k < e else None
            t = find.find(closer, k + 2) if closer else -1
            if not k < t < e:
                j += 1
                continue
            cuts += [(j, o + 1), (k, t + 1)]
            _md_inline(text, o + 1, k, cuts, find)
            j = t + 1
        else:  # emphasis, unless between ASCII letters or digits (2*3, snake_case)
            prev = text[j - 1] if j > s else " "
            nxt = text[j + run] if j + run < e else " "
            if c == "_":
                opens, closes = not prev.isalnum(), not nxt.isalnum()
            else:
                word = prev.isascii() and prev.isalnum() and nxt.isascii() and nxt.isalnum()
                opens = closes = not word and (c == "*" or run == 2)
            delims.append([j, run, c, opens and not nxt.isspace(), closes and not prev.isspace()])
            j += run
    openers: dict[str, list[list[Any]]] = {"*": [], "_": [], "~": []}
    for d in delims:  # a closer takes the nearest opener of its char
        stack = openers[d[2]]
        while d[4] and d[1] and stack:
            o, k = stack[-1], min(stack[-1][1], d[1])
            cuts += [(o[0] + o[1] - k, o[0] + o[1]), (d[0], d[0] + k)]
            o[1], d[0], d[1] = o[1] - k, d[0] + k, d[1] - k
            if not o[1]:
                stack.pop()
        if d[1] and d[3]:
            stack.append(d)


def _md_line(text: str, a: int, b: int, cuts: list[tuple[int, int]], find: _Html) -> None:
    """Cut the block markers of one line: quote, list label, heading, table pipes."""
    s, e = a, b
    while e > s and text[e - 1] in " \t\r":
        e -= 1
    while s < e and text[s] in " \t>":
        s += 1
    hashes = len(text[s:s + 7]) - len(text[s:s + 7].lstrip("#"))
    if 1 <= hashes <= 6 and (s + hashes == e or text[s + hashes] in " \t"):
        s += hashes
        body = text[s:e].rstrip("#")
        e = s + len(body) if not body or body[-1] in " \t" else e
    elif (m := _MD_LIST.match(text, s, e)) is not None:
        s = m.end()
    s += text[s:s + 1] == "|" and s < e
    e -= e - 1 > s and text[e - 1] == "|" and text[e - 2] != "\\"
    cuts += [(a, s), (e, b)]
    _md_inline(text, s, e, cuts, find)


def _markdown(text: str) -> Visible:
    pos = int(text.startswith("\ufeff"))  # a BOM is no part of the first line
    cuts, n, fence = [(0, pos)], len(text), ""
    find = _Html(text, lines=True)  # only its remembered find, over the Markdown source
    while pos < n:
        end = text.find("\n", pos)
        end, nxt = (n, n) if end < 0 else (end, end + 1)
        body = text[pos:end].strip()
        flat = body.replace(" ", "")
        if fence:  # code is kept as written; only the fence lines go
            if body.startswith(fence) and not body.strip(fence[0]):
                fence = ""
                cuts.append((pos, nxt))
        elif body[:3] in ("```", "~~~") and not text.startswith("    ", pos):
            fence = body[:len(body) - len(body.lstrip(body[0]))]
            cuts.append((pos, nxt))
        elif (body.startswith("[") and not body.startswith("[^") and "]:" in body
              and "]" not in body[1:body.index("]:")] and body[body.index("]:") + 2:].strip()) \
                or (len(flat) >= 3 and (set(flat) <= set("|-:") and "-" in flat
                                        or len(set(flat)) == 1 and flat[0] in "*_=")):
            cuts.append((pos, nxt))  # a link definition, table rule, thematic break or underline
        else:
            _md_line(text, pos, end, cuts, find)
        pos = nxt
    keep, at = [], 0
    for a, b in sorted(cuts):
        keep += [(at, a)] if a > at else []
        at = max(at, b)
    keep.append((at, n))
    md_offs = [i for a, b in keep for i in range(a, b)] + [n]
    inner = _Html("".join(text[a:b] for a, b in keep), lines=True, src=md_offs).visible()
    ends = {i: md_offs[end - 1] + 1 for i, end in inner.ends.items()}
    return Visible(inner.text, [md_offs[i] for i in inner.offsets], ends)


def markup_kind(name: str, text: str) -> str | None:
    """'html', 'markdown' or None (plain text): from the file name's suffix, else (stdin '-',
    .txt) from the content, so a page saved as text loses its markup too. A stray '<' in plain
    text does not make it HTML: it must start as a page or be dense in <p>/<div>/<br> tags."""
    lname = name.lower()
    if lname.endswith((".html", ".htm", ".xhtml")):
        return "html"
    if lname.endswith((".md", ".markdown")):
        return "markdown"
    sample = text[:65536]
    if sample.lstrip(" \t\r\n\ufeff")[:14].lower().startswith(("<!doctype html", "<html")):
        return "html"
    if len(_BLOCK_TAG.findall(sample)) < 2:
        return None
    lines = [ln for ln in sample.splitlines() if ln.strip()]
    tagged = sum(1 for ln in lines if _ANY_TAG.search(ln))
    dense = 300 * len(_ANY_TAG.findall(sample)) >= len(sample)
    return "html" if dense or 2 * tagged >= len(lines) else None


def visible(text: str, kind: str) -> Visible:
    """The visible text of an HTML ('html') or Markdown ('markdown') document. Markdown keeps
    its lines; HTML inside it is read as in a page."""
    if kind == "html":
        return _Html(text, lines=False).visible()
    if kind == "markdown":
        return _markdown(text)
    raise ValueError(f"unknown markup kind {kind!r}")


def document_text(name: str, text: str) -> tuple[str, Visible | None]:
    """A file's text as the checks read it: an HTML or Markdown file's visible text and its
    map back to the file, else the text itself (and None)."""
    kind = markup_kind(name, text)
    if kind is None:
        return text, None
    shown = visible(text, kind)
    return shown.text, shown
