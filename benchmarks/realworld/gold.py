"""The real-article gold: figures, relations as interval equations, and verified slips.

Independent of the checker on purpose (only ``decimal``): annotators run it to validate
their gold, and the benchmark uses it to generate single-slip mutants that provably break a
relation the original text satisfies. A relation is an equation over figure ids
(``F2 = (F1 / F8 - 1) * 100``); each figure stands for the interval its written precision
allows, and the equation holds when the two sides' intervals meet.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import re
import unicodedata
from dataclasses import dataclass, field, replace
from decimal import Context, Decimal, InvalidOperation, localcontext
from pathlib import Path
from typing import Any

import yaml

INF = Decimal("Infinity")
CTX = Context(prec=40, traps=[])
NUMBER = re.compile(r"[0-9][0-9,]*(?:\.[0-9]+)?")
SCALES = {"萬": 4, "万": 4, "億": 8, "亿": 8, "兆": 12, "千": 3, "百萬": 6, "百万": 6}
SCALE_SWAPS = [("萬", "億"), ("万", "亿"), ("億", "萬"), ("亿", "万"), ("百萬", "千"),
               ("百万", "千"), ("千", "百萬"), ("兆", "億")]
WEEKDAYS = "一二三四五六日"
KINDS = {"growth", "change", "level_change_rate", "share", "sum", "sum_partial", "shares_100",
         "difference", "ratio", "pp_change", "pp_gap", "sub_period", "cumulative",
         "index_points", "product", "fx", "multiple", "cagr", "weekday", "other"}
ERROR_KINDS = KINDS | {"garbled", "unit", "internal", "date"}
Interval = tuple[Decimal, Decimal]


class GoldError(ValueError):
    """A gold file that cannot be used as it is (names the file and what is wrong)."""


@dataclass(frozen=True)
class Figure:
    """One stated figure: where it is, what it says, and how precisely."""

    fid: str
    text: str
    start: int
    end: int
    value: Decimal | dt.date
    unit: str
    step: Decimal
    rounding: str = "round"
    qualifier: str = "exact"
    token: str = ""          # the Arabic-digit number as written, folded ("" if none)

    def interval(self, scale: int = 1) -> Interval:
        """What the words allow; ``scale`` multiplies every rounding allowance."""
        if isinstance(self.value, dt.date):
            raise GoldError(f"{self.fid}: a date has no numeric interval")
        v, half = self.value, self.step / 2 * scale
        if self.rounding == "exact":
            lo, hi = v, v
        elif self.rounding == "truncate":
            lo, hi = (v, v + self.step * scale) if v >= 0 else (v - self.step * scale, v)
        else:
            lo, hi = v - half, v + half
        if self.qualifier == "approx":
            slack = max(half, abs(v) * Decimal("0.05") * scale)
            lo, hi = v - slack, v + slack
        elif self.qualifier == "over":
            hi = INF
        elif self.qualifier == "under":
            lo = -INF
        return lo, hi


@dataclass
class Relation:
    kind: str
    expr: str
    fids: list[str]
    note: str = ""
    holds: bool = True


@dataclass
class Gold:
    doc_id: str
    text: str
    figures: dict[str, Figure]
    relations: list[Relation]
    real_errors: list[dict[str, Any]]
    mentions: list[dict[str, Any]] | None = None
    traps: list[dict[str, Any]] = field(default_factory=list)


# ------------------------------------------------------------------------------- loading
def fold(s: str) -> str:
    """Full-width digits and the dot variants real outlets use, as ASCII (same length)."""
    out = []
    for ch in s:
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 and (n.isdigit() or n in ".,%") else ch)
    return "".join(out).replace("﹒", ".").replace("．", ".").replace("，", ",")


def _find(text: str, needle: str, nth: int, where: str) -> int:
    pos = -1
    for _ in range(nth):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            raise GoldError(f"{where}: {needle!r} (occurrence {nth}) is not in the article")
    return pos


def _figure(fid: str, raw: dict[str, Any], text: str, where: str) -> Figure:
    if not isinstance(raw, dict) or "text" not in raw or "value" not in raw:
        raise GoldError(f"{where}: figure {fid} needs text and value")
    ftext, nth = str(raw["text"]), int(raw.get("nth", 1))
    start = _find(text, ftext, nth, f"{where}: {fid}")
    unit = str(raw.get("unit") or "")
    rounding = str(raw.get("rounding", "round"))
    qualifier = str(raw.get("qualifier", "exact"))
    if rounding not in {"round", "truncate", "exact"}:
        raise GoldError(f"{where}: {fid}: rounding must be round, truncate or exact")
    if qualifier not in {"exact", "approx", "over", "under"}:
        raise GoldError(f"{where}: {fid}: qualifier must be approx, over or under")
    if unit == "date":
        try:
            day = dt.date.fromisoformat(str(raw["value"]))
        except ValueError as exc:
            raise GoldError(f"{where}: {fid}: date value must be YYYY-MM-DD") from exc
        return Figure(fid, ftext, start, start + len(ftext), day, unit, Decimal(0), "exact")
    try:
        value = Decimal(str(raw["value"]))
    except InvalidOperation as exc:
        raise GoldError(f"{where}: {fid}: value {raw['value']!r} is not a number") from exc
    tokens = NUMBER.findall(fold(ftext))
    token = tokens[0] if len(tokens) == 1 else ""
    if "step" in raw:
        step = Decimal(str(raw["step"]))
    elif unit == "weekday":
        step, rounding = Decimal(0), "exact"
    elif token:
        numeric = Decimal(token.replace(",", ""))
        decimals = len(token.split(".")[1]) if "." in token else 0
        mult = value / numeric if numeric else Decimal(1)
        if numeric and abs(mult) != Decimal(10) ** round(abs(mult).log10()):
            raise GoldError(f"{where}: {fid}: value {value} is not {token} times a power of "
                            f"ten (give step, or fix value)")
        step = Decimal(10) ** -decimals * (abs(mult) if numeric else 1)
    else:
        raise GoldError(f"{where}: {fid}: {ftext!r} has no single Arabic number: give step")
    return Figure(fid, ftext, start, start + len(ftext), value, unit, step, rounding,
                  qualifier, token)


def _relation(raw: dict[str, Any], figures: dict[str, Figure], where: str,
              kinds: set[str]) -> Relation:
    kind, expr = str(raw.get("kind", "")), raw.get("expr")
    if kind not in kinds:
        raise GoldError(f"{where}: unknown kind {kind!r}")
    if expr is None:
        return Relation(kind, "", [str(f) for f in raw.get("figures", [])],
                        str(raw.get("note", "")), holds=False)
    fids = sorted(set(re.findall(r"\bF\d+\b", str(expr))), key=lambda f: int(f[1:]))
    for fid in fids:
        if fid not in figures:
            raise GoldError(f"{where}: {expr!r} names {fid}, which is not a figure")
    listed = [str(f) for f in raw.get("figures", [])] or fids
    return Relation(kind, str(expr), listed, str(raw.get("note", "")))


def load(path: Path, article_dir: Path | None = None) -> Gold:
    """Read one gold YAML and its article; every figure resolved to its span."""
    where = str(path)
    try:
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise GoldError(f"{where}: not YAML: {str(exc).splitlines()[0]}") from exc
    if not isinstance(raw, dict) or "id" not in raw:
        raise GoldError(f"{where}: needs an id")
    doc_id = str(raw["id"])
    art = (article_dir or path.parent.parent / "articles") / f"{doc_id}.txt"
    if not art.exists():
        raise GoldError(f"{where}: no article {art}")
    text = art.read_text(encoding="utf-8")
    figures = {str(k): _figure(str(k), v, text, where)
               for k, v in (raw.get("figures") or {}).items()}
    relations = [_relation(r, figures, f"{where}: relation {i + 1}", KINDS)
                 for i, r in enumerate(raw.get("relations") or [])]
    errors = []
    for i, r in enumerate(raw.get("real_errors") or []):
        rel = _relation(r, figures, f"{where}: real error {i + 1}", ERROR_KINDS)
        for fid in rel.fids:
            if fid not in figures:
                raise GoldError(f"{where}: real error {i + 1} names unknown figure {fid}")
        errors.append({"kind": rel.kind, "expr": rel.expr, "figures": rel.fids,
                       "note": rel.note})
    traps = []
    for t in raw.get("traps") or []:
        pos = _find(text, str(t["text"]), int(t.get("nth", 1)), f"{where}: trap")
        traps.append({**t, "start": pos, "end": pos + len(str(t["text"]))})
    mentions = raw.get("mentions")
    for m in mentions or []:
        if text[m["start"]:m["end"]] != m["text"]:
            raise GoldError(f"{where}: mention {m['text']!r} is not at {m['start']}..{m['end']}")
    return Gold(doc_id, text, figures, relations, errors, mentions, traps)


# ------------------------------------------------------------------------------- intervals
def _mul(a: Interval, b: Interval) -> Interval:
    with localcontext(CTX):
        products = [x * y for x in a for y in b]
    if any(p.is_nan() for p in products):
        return -INF, INF
    return min(products), max(products)


def _div(a: Interval, b: Interval) -> Interval:
    if b[0] <= 0 <= b[1]:
        return -INF, INF
    with localcontext(CTX):
        return _mul(a, (1 / b[1], 1 / b[0]))


def _pow(a: Interval, b: Interval) -> Interval:
    if b[0] != b[1] or a[0] < 0:
        return -INF, INF
    with localcontext(CTX):
        ends = sorted([a[0] ** b[0], a[1] ** b[0]])
    return ends[0], ends[1]


def evaluate(node: ast.AST, env: dict[str, Figure], scale: int) -> Interval:
    """Interval value of one side of a relation."""
    if isinstance(node, ast.Expression):
        return evaluate(node.body, env, scale)
    if isinstance(node, ast.Constant) and isinstance(node.value, (int, float, str)):
        d = Decimal(str(node.value))
        return d, d
    if isinstance(node, ast.Name):
        fig = env[node.id]
        if isinstance(fig.value, dt.date):
            raise GoldError(f"{node.id} is a date: use weekday({node.id})")
        return fig.interval(scale)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) \
            and node.func.id == "weekday" and len(node.args) == 1 \
            and isinstance(node.args[0], ast.Name):
        day = env[node.args[0].id].value
        if not isinstance(day, dt.date):
            raise GoldError(f"weekday() needs a date figure, not {node.args[0].id}")
        w = Decimal(day.isoweekday())
        return w, w
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.USub):
        lo, hi = evaluate(node.operand, env, scale)
        return -hi, -lo
    if isinstance(node, ast.BinOp):
        a, b = evaluate(node.left, env, scale), evaluate(node.right, env, scale)
        with localcontext(CTX):
            if isinstance(node.op, ast.Add):
                return a[0] + b[0], a[1] + b[1]
            if isinstance(node.op, ast.Sub):
                return a[0] - b[1], a[1] - b[0]
        if isinstance(node.op, ast.Mult):
            return _mul(a, b)
        if isinstance(node.op, ast.Div):
            return _div(a, b)
        if isinstance(node.op, ast.Pow):
            return _pow(a, b)
    raise GoldError(f"unsupported expression part: {ast.dump(node)[:60]}")


def sides(expr: str) -> tuple[ast.Expression, str, ast.Expression]:
    m = re.search(r"<=|>=|==|=", expr)
    if not m:
        raise GoldError(f"{expr!r}: needs =, <= or >=")
    op = "=" if m.group() in {"=", "=="} else m.group()
    try:
        left = ast.parse(expr[:m.start()].strip(), mode="eval")
        right = ast.parse(expr[m.end():].strip(), mode="eval")
    except SyntaxError as exc:
        raise GoldError(f"{expr!r}: {exc.msg}") from exc
    return left, op, right


def holds(expr: str, figures: dict[str, Figure], scale: int = 1) -> tuple[bool, Interval,
                                                                             Interval]:
    """Whether some values inside the stated intervals satisfy the relation."""
    left, op, right = sides(expr)
    a, b = evaluate(left, figures, scale), evaluate(right, figures, scale)
    if op == "=":
        ok = a[0] <= b[1] and b[0] <= a[1]
    elif op == "<=":
        ok = a[0] <= b[1]
    else:
        ok = a[1] >= b[0]
    return ok, a, b


# ------------------------------------------------------------------------------- slips
@dataclass(frozen=True)
class Mutant:
    """One single-figure slip that breaks a relation the original satisfies."""

    doc_id: str
    kind: str
    fid: str
    start: int
    end: int
    old: str
    new: str
    relation: int            # index into Gold.relations
    figure: Figure           # the figure as it reads after the slip


def _seed(*parts: object) -> int:
    return int(hashlib.sha1("|".join(map(str, parts)).encode()).hexdigest()[:8], 16)


def _token_span(fig: Figure) -> tuple[int, int] | None:
    m = NUMBER.search(fold(fig.text))
    return (m.start(), m.end()) if m and fig.token else None


def _retoken(fig: Figure, new_token: str, new_text: str) -> Figure:
    old_num = Decimal(fig.token.replace(",", ""))
    new_num = Decimal(new_token.replace(",", ""))
    mult = fig.value / old_num if old_num else Decimal(1)  # type: ignore[operator]
    decimals = len(new_token.split(".")[1]) if "." in new_token else 0
    step = Decimal(10) ** -decimals * abs(mult)
    return replace(fig, text=new_text, value=new_num * mult, step=step, token=new_token)


def _digit_slips(fig: Figure, seed: int) -> list[tuple[str, Figure]]:
    span = _token_span(fig)
    if span is None:
        return []
    s, e = span
    token = fold(fig.text)[s:e]
    positions = [i for i, ch in enumerate(token) if ch.isdigit()]
    order = sorted(positions, key=lambda i: _seed(seed, i))
    out = []
    for i in order:
        d = int(token[i])
        for nd in ((d + 1) % 10, (d - 1) % 10):
            if nd == 0 and i == 0:
                continue
            new_token = token[:i] + str(nd) + token[i + 1:]
            new_text = fig.text[:s] + new_token + fig.text[e:]
            out.append((new_text, _retoken(fig, new_token, new_text)))
    return out


def _swap_slips(fig: Figure) -> list[tuple[str, Figure]]:
    span = _token_span(fig)
    if span is None:
        return []
    s, e = span
    token = fold(fig.text)[s:e]
    out = []
    for i in range(len(token) - 1):
        a, b = token[i], token[i + 1]
        if a.isdigit() and b.isdigit() and a != b and not (i == 0 and b == "0"):
            new_token = token[:i] + b + a + token[i + 2:]
            new_text = fig.text[:s] + new_token + fig.text[e:]
            out.append((new_text, _retoken(fig, new_token, new_text)))
    return out


def _scale_slips(fig: Figure) -> list[tuple[str, Figure]]:
    if not fig.token:
        return []
    out = []
    for old, new in SCALE_SWAPS:
        if old in fig.text and not (old == "千" and ("千萬" in fig.text or "千万" in fig.text)):
            k = Decimal(10) ** (SCALES[new] - SCALES[old])
            new_text = fig.text.replace(old, new, 1)
            out.append((new_text, replace(fig, text=new_text, value=fig.value * k,
                                          step=abs(fig.step * k))))
    return out


def _rate_slips(fig: Figure, seed: int) -> list[tuple[str, Figure]]:
    if fig.unit not in {"%", "pp"} or not fig.token:
        return []
    span = _token_span(fig)
    assert span is not None
    s, e = span
    decimals = len(fig.token.split(".")[1]) if "." in fig.token else 0
    quantum = Decimal(10) ** -decimals
    out = []
    factors = sorted(["0.7", "0.8", "1.2", "1.3", "1.5", "0.5"], key=lambda f: _seed(seed, f))
    for f in factors:
        v = (abs(fig.value) * Decimal(f)).quantize(quantum)  # type: ignore[arg-type]
        if v == abs(fig.value) or v == 0:  # type: ignore[arg-type]
            continue
        new_token = f"{v:f}"
        new_text = fig.text[:s] + new_token + fig.text[e:]
        out.append((new_text, _retoken(fig, new_token, new_text)))
    return out


def _year_slips(fig: Figure, year: int) -> list[tuple[str, Figure]]:
    span = _token_span(fig)
    if span is None or not any(k in fig.text for k in SCALES):
        return []  # a year fuses into an amount written with 萬/億, as in 到20300億美元
    s, e = span
    token = fold(fig.text)[s:e].replace(",", "")
    new_token = f"{year}{token}"
    new_text = fig.text[:s] + new_token + fig.text[e:]
    return [(new_text, _retoken(replace(fig, token=token), new_token, new_text))]


def _weekday_slips(fig: Figure) -> list[tuple[str, Figure]]:
    if fig.unit == "weekday":
        out = []
        for i, ch in enumerate(fig.text):
            if ch in WEEKDAYS or ch == "天":
                for nd in range(1, 8):
                    if nd != int(fig.value):  # type: ignore[arg-type]
                        nt = fig.text[:i] + WEEKDAYS[nd - 1] + fig.text[i + 1:]
                        out.append((nt, replace(fig, text=nt, value=Decimal(nd))))
                break
        return out[:2]
    if fig.unit == "date" and isinstance(fig.value, dt.date):
        m = re.search(r"(\d{1,2})\s*[日号號]", fold(fig.text))
        if not m:
            return []
        out = []
        for delta in (1, -1):
            day = fig.value + dt.timedelta(days=delta)
            if day.month != fig.value.month:
                continue
            nt = fig.text[:m.start(1)] + str(day.day) + fig.text[m.end(1):]
            out.append((nt, replace(fig, text=nt, value=day)))
        return out
    return []


def article_year(text: str, date: str | None) -> int:
    if date:
        return int(date[:4])
    years = re.findall(r"(20[0-3]\d)\s*年", fold(text))
    return int(max(years)) if years else 2025


def mutants(gold: Gold, year: int) -> list[Mutant]:
    """For each relation that holds, one verified slip of each applicable kind.

    A slip counts only if the original relation holds and the slipped one fails even with
    every rounding allowance doubled, so it is an error beyond rounding, not a quibble.
    """
    out: list[Mutant] = []
    seen: set[tuple[str, str]] = set()
    for ri, rel in enumerate(gold.relations):
        if not rel.expr:
            continue
        figs = {f: gold.figures[f] for f in re.findall(r"\bF\d+\b", rel.expr)}
        if not holds(rel.expr, gold.figures)[0]:
            continue
        seed = _seed(gold.doc_id, ri)
        numeric = [f for f in sorted(figs, key=lambda f: _seed(seed, f))
                   if not isinstance(gold.figures[f].value, dt.date)
                   and gold.figures[f].unit != "weekday"
                   and gold.figures[f].qualifier == "exact"]
        parts = []
        if rel.kind in {"sum", "sum_partial", "cumulative"}:
            _, _, right = sides(rel.expr)
            parts = [n.id for n in ast.walk(right) if isinstance(n, ast.Name)]
            parts = sorted(set(parts), key=lambda f: _seed(seed, f))
        plans: list[tuple[str, list[str], Any]] = [
            ("digit", numeric, lambda f, s=seed: _digit_slips(f, s)),
            ("swap", numeric, _swap_slips),
            ("scale", numeric, _scale_slips),
            ("rate", numeric, lambda f, s=seed: _rate_slips(f, s)),
            ("sum_part", parts, lambda f, s=seed: _digit_slips(f, s + 1)),
            ("fused_year", numeric, lambda f: _year_slips(f, year)),
        ]
        if rel.kind == "weekday":
            plans = [("weekday", sorted(figs), _weekday_slips)]
        for kind, candidates, make in plans:
            done = False
            for fid in candidates:
                fig = gold.figures[fid]
                if kind != "weekday" and fig.qualifier != "exact":
                    continue
                for new_text, new_fig in make(fig):
                    if (fid, new_text) in seen or new_text == fig.text:
                        continue
                    env = {**gold.figures, fid: new_fig}
                    if holds(rel.expr, env, scale=2)[0]:
                        continue
                    seen.add((fid, new_text))
                    out.append(Mutant(gold.doc_id, kind, fid, fig.start, fig.end, fig.text,
                                      new_text, ri, new_fig))
                    done = True
                    break
                if done:
                    break
    return out


def apply(text: str, m: Mutant) -> str:
    assert text[m.start:m.end] == m.old
    return text[:m.start] + m.new + text[m.end:]
