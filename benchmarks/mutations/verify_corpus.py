#!/usr/bin/env python3
"""Re-verify the mutation-benchmark corpus (``benchmarks/mutations/corpus.yaml``).

Run from anywhere: ``python benchmarks/mutations/verify_corpus.py [CORPUS] [-v]``.
Exit 0 when every check passes, 1 otherwise (every problem is printed).

What it checks (see README.md in this folder for the format):

* each document: the fields, a known script, 100-400 characters, the script's characters
  (a simplified text has no Traditional-only characters and vice versa, via OpenCC), every
  weekday written in the text is covered by a ``weekday`` relation;
* each relation on the ORIGINAL text holds: growth = new/old - 1 within the rounding of the
  stated percent, shares of 100% sum to exactly 100, sums and products within the rounding
  of the stated result, implied exchange rates within ``tol`` (default 1%) of the rate,
  N倍 and per-unit ratios within the rounding of the stated factor, a metric stated twice
  within the rounding of the two mentions, weekdays right for their date;
* each mutation: a known kind, ``target`` a unique substring of the text, ``replacement``
  different from it, the mutated text differing from the original only inside the target,
  the edit having the form its kind requires (one digit; a multiplier swap 億<->萬,
  億<->兆, 萬<->千; a year fused into the following amount; a weekday or date digit), and,
  for every kind but ``fused_year``, at least one relation the edited figure takes part in
  broken CLEARLY by it: off by more than twice the rounding tolerance (three times the
  rate tolerance for a currency conversion), with the operand in the role the kind names
  (``growth_rate``: the rate of a growth; ``sum_part``: a part or total of a sum, or the part
  of a share; ``weekday``: a weekday relation);
* the corpus: at least ``--min-per-kind`` (12) mutations of every kind.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal, getcontext
from pathlib import Path

import yaml

getcontext().prec = 50

KINDS = ("related_digit", "magnitude", "fused_year", "growth_rate", "sum_part", "weekday")
SCRIPTS = ("traditional", "simplified")
MULT = {
    "万亿": 10**12,
    "萬億": 10**12,
    "兆": 10**12,
    "亿": 10**8,
    "億": 10**8,
    "万": 10**4,
    "萬": 10**4,
    "千": 10**3,
}
MAG_SWAPS = {
    frozenset(p)
    for p in [
        ("億", "萬"),
        ("亿", "万"),
        ("億", "兆"),
        ("亿", "万亿"),
        ("億", "萬億"),
        ("萬", "千"),
        ("万", "千"),
    ]
}
NUM = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(万亿|萬億|兆|亿|億|万|萬|千)?\s*(%)?")
WEEKDAY_CHARS = "一二三四五六日"
WEEKDAY_RE = re.compile(r"(?:周|週|星期|礼拜|禮拜)([一二三四五六日天])")
DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月\s*(\d{1,2})\s*日")
YEAR_RE = re.compile(r"((?:19|20)\d\d)\s*年")
RELATION_ROLES = {
    "growth": ("new", "old", "rate"),
    "cagr": ("start", "end", "rate"),
    "index": ("close", "change", "pct"),
    "sum": ("parts", "total"),
    "share": ("part", "total", "pct"),
    "product": ("factors", "result"),
    "ratio": ("a", "b", "value"),
    "fx": ("base", "quote", "rate"),
    "same": ("a", "b"),
    "weekday": ("at",),
}
# roles an operand must play for a mutation of this kind to count
KIND_ROLES = {
    "growth_rate": {("growth", "rate"), ("cagr", "rate")},
    "sum_part": {("sum", "parts"), ("sum", "total"), ("share", "part")},
    "weekday": {("weekday", "at")},
}


class CorpusError(Exception):
    pass


@dataclass(frozen=True)
class Fig:
    """A parsed figure: value, half a unit of its last written digit, as written."""

    value: Decimal
    half: Decimal
    text: str
    mult: str
    pct: bool

    def corners(self):
        return (self.value - self.half, self.value + self.half)


MIXED = re.compile(r"(\d[\d,]*)\s*(兆|万亿|萬億)\s*(\d[\d,]*(?:\.\d+)?)\s*(亿|億)")


def parse_fig(s: str) -> Fig:
    mixed = MIXED.search(s)
    if mixed:  # 2兆3,414.71億
        tail = mixed.group(3).replace(",", "")
        decimals = len(tail.split(".")[1]) if "." in tail else 0
        value = Decimal(mixed.group(1).replace(",", "")) * 10**12 + Decimal(tail) * 10**8
        half = Decimal(5) * Decimal(10) ** (-decimals - 1) * 10**8
        return Fig(value, half, s, mixed.group(4), False)
    m = NUM.search(s)
    if not m:
        raise CorpusError(f"no number in figure {s!r}")
    digits = m.group(1).replace(",", "")
    mult = m.group(2) or ""
    scale = Decimal(MULT.get(mult, 1))
    decimals = len(digits.split(".")[1]) if "." in digits else 0
    value = Decimal(digits) * scale
    half = Decimal(5) * Decimal(10) ** (-decimals - 1) * scale
    return Fig(value, half, s, mult, bool(m.group(3)))


def literal_fig(x) -> Fig:
    return Fig(Decimal(str(x)), Decimal(0), str(x), "", False)


@dataclass
class Operand:
    role: str
    spec: str
    sign: int
    start: int  # span of the figure in the original text
    end: int


def locate(text: str, spec: str, role: str) -> Operand:
    """``spec`` is a unique substring of the text; ``[...]`` marks the figure inside it and
    a leading ``-`` makes the figure count negative in a sum."""
    sign = 1
    if spec.startswith("-"):
        sign, spec = -1, spec[1:]
    if "[" in spec:
        pre, rest = spec.split("[", 1)
        fig, post = rest.split("]", 1)
    else:
        pre, fig, post = "", spec, ""
    whole = pre + fig + post
    n = text.count(whole)
    if n != 1:
        raise CorpusError(f"operand {role}={spec!r}: {whole!r} occurs {n} times (must be 1)")
    start = text.index(whole) + len(pre)
    return Operand(role, spec, sign, start, start + len(fig))


def operands(rel: dict, text: str) -> list[Operand]:
    rtype = rel.get("type")
    if rtype not in RELATION_ROLES:
        raise CorpusError(f"unknown relation type {rtype!r}")
    out = []
    for role in RELATION_ROLES[rtype]:
        if role not in rel:
            raise CorpusError(f"relation {rtype} lacks {role!r}")
        val = rel[role]
        if isinstance(val, list):
            out += [locate(text, v, role) for v in val]
        elif isinstance(val, str):
            out.append(locate(text, val, role))
        # numbers are literals (a total of 100, a rate): not in the text
    return out


@dataclass
class Verdict:
    ok: bool  # holds within the rounding of what is stated
    broken: bool  # contradicted clearly (beyond twice the tolerance)
    detail: str


def _fmt(x) -> str:
    x = Decimal(x)
    if x == 0:
        return "0"
    a = abs(x)
    if a >= 10**12:
        return f"{x / 10**12:.4f}e12"
    if a >= 10**8:
        return f"{x / 10**8:.4f}e8"
    if a >= 10**4:
        return f"{x / 10**4:.4f}e4"
    return f"{x:.4f}"


def _interval(f, figs: list[Fig]) -> tuple[Decimal, Decimal]:
    vals = [f(list(c)) for c in itertools.product(*[g.corners() for g in figs])]
    return min(vals), max(vals)


def judge(
    f,
    inputs: list[Fig],
    stated: Decimal,
    half: Decimal,
    factor: int = 2,
    rel_tol: Decimal | None = None,
):
    """Compare f(inputs) with ``stated`` (± ``half``). ok: |err| <= half. broken: |err| >
    factor x (half + the spread that the inputs' own rounding gives)."""
    point = f([g.value for g in inputs])
    lo, hi = _interval(f, inputs)
    spread = max(point - lo, hi - point)
    err = abs(point - stated)
    if rel_tol is not None:
        half = abs(stated) * rel_tol
    ok = err <= half + Decimal("1e-20")
    broken = err > factor * (half + spread)
    return point, ok, broken


def evaluate(rel: dict, figs: dict[str, list[Fig]], signs: dict[str, list[int]]) -> Verdict:
    t = rel["type"]

    def one(role):
        return figs[role][0]

    if t in ("growth", "index", "cagr"):
        rate_role = "rate" if t != "index" else "pct"
        r = one(rate_role)
        sign = -1 if rel.get("dir", "up") == "down" else 1
        stated = sign * r.value
        if t == "growth":
            ins = [one("new"), one("old")]

            def f(v):
                return (v[0] / v[1] - 1) * 100
        elif t == "index":
            ins = [one("close"), one("change")]

            def f(v):
                return v[1] / (v[0] - sign * v[1]) * 100 * sign
        else:
            ins = [one("start"), one("end")]
            years = float(rel["years"])

            def f(v):
                return Decimal(str((math.pow(float(v[1] / v[0]), 1 / years) - 1) * 100))

        point, ok, broken = judge(f, ins, stated, r.half)
        return Verdict(ok, broken, f"computed {point:+.2f}%, stated {stated:+}%")
    if t == "sum":
        parts = figs["parts"]
        psigns = signs["parts"]
        if "total" in figs:
            total = figs["total"][0]
            tsign = signs["total"][0]
        else:
            total, tsign = literal_fig(rel["total"]), 1

        def f(v):
            return sum(s * x for s, x in zip(psigns, v, strict=True))

        point, ok, broken = judge(f, parts, tsign * total.value, total.half)
        all_pct = all(p.pct for p in parts) and (total.pct or "total" not in figs)
        if all_pct and point != tsign * total.value:
            ok = False
        return Verdict(ok, broken, f"parts sum to {_fmt(point)}, total {_fmt(tsign * total.value)}")
    if t == "share":
        part, total, pct = one("part"), one("total"), one("pct")

        def f(v):
            return v[0] / v[1] * 100

        point, ok, broken = judge(f, [part, total], pct.value, pct.half)
        q = rel.get("qualifier")
        if q == "under":
            ok, broken = point < pct.value, point > pct.value + 2 * pct.half + pct.value
        elif q == "over":
            ok, broken = point > pct.value, point < pct.value / 2
        return Verdict(
            ok,
            broken,
            f"part/total = {point:.2f}%, stated {'<' if q == 'under' else ''}{pct.value}%",
        )
    if t == "product":
        fs = figs["factors"]
        scale = Decimal(str(rel.get("scale", 1)))
        res = one("result")

        def f(v):
            p = scale
            for x in v:
                p *= x
            return p

        point, ok, broken = judge(f, fs, res.value, res.half)
        return Verdict(ok, broken, f"product {_fmt(point)}, stated {_fmt(res.value)}")
    if t == "ratio":
        a, b, val = one("a"), one("b"), one("value")

        def f(v):
            return v[0] / v[1]

        point, ok, broken = judge(f, [a, b], val.value, val.half)
        return Verdict(ok, broken, f"a/b = {point:.4f}, stated {val.value}")
    if t == "fx":
        base, quote = one("base"), one("quote")
        rate = one("rate") if "rate" in figs else literal_fig(rel["rate"])
        tol = Decimal(str(rel.get("tol", "0.01")))

        def f(v):
            return v[1] / v[0]

        point, ok, broken = judge(f, [base, quote], rate.value, Decimal(0), factor=3, rel_tol=tol)
        dev = (point / rate.value - 1) * 100
        return Verdict(
            ok, broken, f"implied rate {point:.4f} vs {rate.value} ({dev:+.2f}%, tol {tol * 100}%)"
        )
    if t == "same":
        a, b = one("a"), one("b")
        point, _, broken = judge(lambda v: v[0], [a], b.value, b.half)
        ok = abs(a.value - b.value) <= a.half + b.half
        return Verdict(ok, broken, f"{_fmt(a.value)} vs {_fmt(b.value)}")
    raise CorpusError(f"cannot evaluate {t}")


def weekday_verdict(rel: dict, at_text: str) -> Verdict:
    day = dt.date.fromisoformat(str(rel["date"]))
    dm = DATE_RE.search(at_text)
    wm = WEEKDAY_RE.search(at_text)
    if not dm or not wm:
        raise CorpusError(f"weekday relation: cannot read a date and a weekday in {at_text!r}")
    year = int(dm.group(1)) if dm.group(1) else day.year
    try:
        written = dt.date(year, int(dm.group(2)), int(dm.group(3)))
    except ValueError:
        return Verdict(False, True, f"{at_text!r} is not a date")
    wd = WEEKDAY_CHARS.index("日" if wm.group(1) == "天" else wm.group(1))
    actual = written.weekday()
    ok = wd == actual
    return Verdict(
        ok,
        not ok,
        f"{written.isoformat()} is 周{WEEKDAY_CHARS[actual]}, written 周{WEEKDAY_CHARS[wd]}",
    )


def verdict_for(rel: dict, ops: list[Operand], fig_text) -> Verdict:
    """``fig_text(op)`` gives the figure string for an operand (original or mutated)."""
    if rel["type"] == "weekday":
        return weekday_verdict(rel, fig_text(ops[0]))
    figs: dict[str, list[Fig]] = {}
    signs: dict[str, list[int]] = {}
    for op in ops:
        figs.setdefault(op.role, []).append(parse_fig(fig_text(op)))
        signs.setdefault(op.role, []).append(op.sign)
    return evaluate(rel, figs, signs)


def edit_region(a: str, b: str) -> tuple[int, int, int]:
    """Common prefix length p and the end of the changed region in a and in b."""
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    s = 0
    while s < min(len(a), len(b)) - p and a[-1 - s] == b[-1 - s]:
        s += 1
    return p, len(a) - s, len(b) - s


def check_shape(kind: str, target: str, repl: str) -> str | None:
    """The edit has the form its kind requires; returns a problem or None."""
    if kind == "fused_year":
        m = YEAR_RE.search(target)
        if not m:
            return "fused_year: no year (19xx年/20xx年) in the target"
        prefix = target[: m.start(1)] + m.group(1)
        if not repl.startswith(prefix):
            return "fused_year: replacement must keep the text up to the year's digits"
        rest = repl[len(prefix) :]
        if not rest or not rest[0].isdigit():
            return "fused_year: the year must be followed directly by the amount's digits"
        if not target.endswith(rest) or len(target) - len(rest) < m.end():
            return (
                "fused_year: the replacement must be the target with the text between "
                "the year and the amount removed"
            )
        fm = NUM.match(rest)
        if not fm or not (fm.group(2) or re.match(r"\s*[^\d\s,，。；]", rest[fm.end() :])):
            return "fused_year: what follows the year must be an amount with a multiplier or unit"
        return None
    if kind == "magnitude":
        for m in NUM.finditer(target):
            r = NUM.match(repl, m.start())
            if not r or r.group(1) != m.group(1):
                continue
            if (
                (m.group(2) or "") != (r.group(2) or "")
                and frozenset((m.group(2) or "", r.group(2) or "")) in MAG_SWAPS
                and target[: m.start()] == repl[: r.start()]
                and target[m.end() :] == repl[r.end() :]
            ):
                return None
        return (
            "magnitude: the edit must swap one multiplier (億<->萬, 億<->兆, 萬<->千) "
            "and nothing else"
        )
    if len(target) != len(repl):
        return f"{kind}: replacement must have the target's length (one character changed)"
    diffs = [i for i, (x, y) in enumerate(zip(target, repl, strict=True)) if x != y]
    if kind == "weekday":
        if (
            len(diffs) == 1
            and target[diffs[0]] in WEEKDAY_CHARS + "天"
            and repl[diffs[0]] in WEEKDAY_CHARS + "天"
        ):
            return None
        if 1 <= len(diffs) <= 2 and all(target[i].isdigit() and repl[i].isdigit() for i in diffs):
            return None
        return "weekday: change the weekday character or the date's digits"
    if len(diffs) != 1 or not (target[diffs[0]].isdigit() and repl[diffs[0]].isdigit()):
        return f"{kind}: exactly one digit must change"
    return None


def traditional_only(text: str, s2t, t2s) -> set[str]:
    return {c for c in text if t2s.convert(c) != c}


def simplified_only(text: str, s2t, t2s) -> set[str]:
    # characters OpenCC maps to something else in Traditional and that are not themselves
    # Traditional forms (t2s leaves them alone); a few shared characters are allowed
    # (恒 is the Hong Kong form, as in 恒生指數)
    shared = set("台只占干后里面制系发余松范云谷斗丑几恒")
    return {c for c in text if s2t.convert(c) != c and t2s.convert(c) == c and c not in shared}


def verify(path: Path, min_per_kind: int = 12, verbose: bool = False) -> tuple[list[str], dict]:
    problems: list[str] = []
    docs = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(docs, list):
        return [f"{path}: the corpus must be a YAML list of documents"], {}
    try:
        import opencc

        s2t, t2s = opencc.OpenCC("s2t"), opencc.OpenCC("t2s")
    except Exception:  # pragma: no cover - OpenCC is a factcheck dependency
        s2t = t2s = None
    kinds: Counter = Counter()
    scripts: Counter = Counter()
    ids = set()
    n_rel = 0
    for d_index, doc in enumerate(docs):
        did = doc.get("id", f"#{d_index}")

        def bad(msg, did=did):
            problems.append(f"{did}: {msg}")

        for key in ("id", "script", "source_note", "text", "mutations"):
            if key not in doc:
                bad(f"missing field {key!r}")
        if did in ids:
            bad("duplicate id")
        ids.add(did)
        text = doc.get("text", "")
        script = doc.get("script")
        scripts[script] += 1
        if script not in SCRIPTS:
            bad(f"script must be one of {SCRIPTS}")
        if not 100 <= len(text) <= 400:
            bad(f"text has {len(text)} characters (want 100-400)")
        if t2s is not None and script == "simplified":
            extra = traditional_only(text, s2t, t2s)
            if extra:
                bad(f"simplified text has Traditional characters: {''.join(sorted(extra))}")
        if t2s is not None and script == "traditional":
            extra = simplified_only(text, s2t, t2s)
            if extra:
                bad(f"traditional text has Simplified characters: {''.join(sorted(extra))}")
            if t2s.convert(text) == text:
                bad("traditional text has no Traditional characters at all")
        note = str(doc.get("source_note", ""))
        if not (note == "adapted from the seed" or note.startswith("written for factcheck:")):
            bad("source_note must be 'adapted from the seed' or 'written for factcheck: <style>'")

        # relations on the original text
        rels = []
        for r_index, rel in enumerate(doc.get("relations", [])):
            try:
                ops = operands(rel, text)
                v = verdict_for(rel, ops, lambda op, text=text: text[op.start : op.end])
            except CorpusError as e:
                bad(f"relation {r_index}: {e}")
                continue
            n_rel += 1
            rels.append((rel, ops))
            if verbose:
                print(f"  {did} rel {r_index} {rel['type']}: {v.detail}")
            if not v.ok:
                bad(f"relation {r_index} ({rel['type']}) does not hold on the original: {v.detail}")
        covered = [
            (op.start, op.end) for rel, ops in rels if rel["type"] == "weekday" for op in ops
        ]
        for m in WEEKDAY_RE.finditer(text):
            if text[max(0, m.start() - 1) : m.start()] in ("上", "下", "本", "每", "这", "這"):
                continue  # relative (上週五): no date written next to it
            if not any(s <= m.start() and m.end() <= e for s, e in covered):
                bad(f"weekday {m.group(0)!r} at {m.start()} is not covered by a weekday relation")

        seen = set()
        for m_index, mut in enumerate(doc.get("mutations", [])):
            kind, target, repl = mut.get("kind"), mut.get("target"), mut.get("replacement")
            where = f"mutation {m_index} ({kind} {target!r})"
            if kind not in KINDS:
                bad(f"{where}: unknown kind")
                continue
            if not isinstance(target, str) or not isinstance(repl, str) or not target:
                bad(f"{where}: target and replacement must be non-empty strings")
                continue
            if not mut.get("note"):
                bad(f"{where}: missing note")
            if (target, repl) in seen:
                bad(f"{where}: duplicate mutation")
            seen.add((target, repl))
            kinds[kind] += 1
            n = text.count(target)
            if n != 1:
                bad(f"{where}: target occurs {n} times (must be exactly once)")
                continue
            if repl == target:
                bad(f"{where}: replacement equals target")
                continue
            t0 = text.index(target)
            mutated = text[:t0] + repl + text[t0 + len(target) :]
            if mutated != text.replace(target, repl) or mutated == text:
                bad(f"{where}: mutated text is not the original with the target replaced once")
                continue
            p, end_a, end_b = edit_region(text, mutated)
            if not (t0 <= p and end_a <= t0 + len(target)):
                bad(f"{where}: the mutated text differs from the original outside the target")
                continue
            shape = check_shape(kind, target, repl)
            if shape:
                bad(f"{where}: {shape}")
                continue
            if kind == "fused_year":
                continue
            # edit region in original coordinates: [p, end_a); in mutated: [p, end_b)
            delta = len(repl) - len(target)
            hit = []
            for rel, ops in rels:
                touched = [op for op in ops if op.start <= p and end_a <= op.end]
                partial = [
                    op for op in ops if op not in touched and op.start < end_a and p < op.end
                ]
                if partial:
                    bad(f"{where}: the edit straddles the edge of operand {partial[0].spec!r}")
                if touched:
                    hit.append((rel, ops, touched))
            if not hit:
                bad(f"{where}: the edited figure takes part in no relation")
                continue
            broken_any = False
            details = []
            for rel, ops, touched in hit:
                tset = {id(op) for op in touched}

                def fig_text(op, tset=tset, mutated=mutated, delta=delta, text=text):
                    if id(op) in tset:
                        return mutated[op.start : op.end + delta]
                    return text[op.start : op.end]

                try:
                    v = verdict_for(rel, ops, fig_text)
                except CorpusError as e:
                    bad(f"{where}: {e}")
                    continue
                roles = {(rel["type"], op.role) for op in touched}
                wanted = KIND_ROLES.get(kind)
                role_ok = wanted is None or bool(roles & wanted)
                if kind in ("related_digit", "magnitude") and rel["type"] == "weekday":
                    role_ok = False
                details.append(
                    f"{rel['type']}: {v.detail}{'' if v.broken else ' (not clearly broken)'}"
                )
                if v.broken and role_ok:
                    broken_any = True
            if verbose:
                print(f"  {did} {kind}: {target!r} -> {repl!r}: " + "; ".join(details))
            if not broken_any:
                bad(
                    f"{where}: no relation of the right role is clearly broken: "
                    + "; ".join(details)
                )
    for k in KINDS:
        if kinds[k] < min_per_kind:
            problems.append(
                f"corpus: only {kinds[k]} mutations of kind {k} (want >= {min_per_kind})"
            )
    stats = {
        "documents": len(docs),
        "scripts": dict(scripts),
        "kinds": {k: kinds[k] for k in KINDS},
        "mutations": sum(kinds.values()),
        "relations": n_rel,
    }
    return problems, stats


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("corpus", nargs="?", default=str(Path(__file__).with_name("corpus.yaml")))
    ap.add_argument("--min-per-kind", type=int, default=12)
    ap.add_argument(
        "-v", "--verbose", action="store_true", help="print every relation and mutation verdict"
    )
    args = ap.parse_args(argv)
    problems, stats = verify(Path(args.corpus), args.min_per_kind, args.verbose)
    if stats:
        scripts = ", ".join(f"{k} {v}" for k, v in stats["scripts"].items())
        print(
            f"documents: {stats['documents']} ({scripts}); "
            f"relations: {stats['relations']}; mutations: {stats['mutations']}"
        )
        print("per kind: " + ", ".join(f"{k} {v}" for k, v in stats["kinds"].items()))
    for p in problems:
        print("PROBLEM:", p)
    print("OK" if not problems else f"{len(problems)} problem(s)")
    return 0 if not problems else 1


if __name__ == "__main__":
    sys.exit(main())
