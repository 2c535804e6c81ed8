"""The records that flow through the pipeline: text -> Mention -> (claims) -> Finding."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

Number = Decimal | int


def json_number(value: Any) -> Any:
    """Decimal -> int when whole, else float (shortest repr, e.g. 0.75); others unchanged.

    Money is computed in Decimal; only the JSON boundary turns it into a JSON number.
    """
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        return float(value)
    return value


@dataclass(frozen=True, slots=True)
class Mention:
    """One figure as written in the ORIGINAL text, with its normalized value and interval.

    ``text == original[start:end]`` always holds. ``lo``/``hi`` bound what the words allow
    (stated precision and qualifier); ``None`` means unbounded on that side.
    """

    start: int
    end: int
    text: str
    kind: str
    value: Decimal | int | str | None
    unit: str | None
    qualifier: str
    lo: Decimal | None
    hi: Decimal | None
    number_text: str = ""
    multiplier: Decimal = Decimal(1)
    precision: Decimal | None = None
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __post_init__(self) -> None:
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
        if self.lo is not None and self.hi is not None and self.lo > self.hi:
            raise ValueError(f"interval {self.lo}..{self.hi} is empty for {self.text!r}")

    def as_json(self) -> dict[str, Any]:
        """The contract's JSONL record (without ``doc``), JSON-native types."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "value": json_number(self.value),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "lo": json_number(self.lo),
            "hi": json_number(self.hi),
        }
        for key, val in self.extra.items():
            out[key] = json_number(val)
        return out
