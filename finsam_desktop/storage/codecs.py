"""How one value of the plan is kept in one SQLite column, and checked when read back.

A plan file may come from a colleague, so every value read is checked for its
type and bounds here, at the row, before it reaches the domain: a bad value is
a `RowError` naming its path in the exchange format's terms
(`interventions[3].amounts.2026`), never a crash later. Checks are cheap (no
work beyond the value itself), so reading a large plan stays fast.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn, TypeVar

from ..domain.plan import FOLLOW_UP_LISTS, Goal, Indicator, Key, LineRef
from ..domain.validation import MAX_AMOUNT

_T = TypeVar("_T")

MAX_KEY = 10**100
"""Far above any population or percentage, yet keeps a key's arithmetic bounded; the
edits' own bound (the domain's) is lower, so every file the app writes reads back."""
MAX_DECIMAL_DIGITS = 30
MAX_GOAL_DEPTH = 8


class RowError(ValueError):
    """A value in a row that the app cannot use; `path` names it as in the exchange format."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


class Context:
    """What checking a value needs to know about the plan: its years; and the year maps
    already read, by their text (a plan's maps repeat, and year maps are never mutated)."""

    def __init__(self, years: tuple[int, ...] = ()):
        self.years = years
        self.year_texts = frozenset(str(year) for year in years)
        self.year_of = {str(year): year for year in years}
        self.maps: dict[str, dict[int, int]] = {}


def _join(path: str, key: Any) -> str:
    key = str(key)
    if not key or not key.isprintable() or key.strip() != key:
        key = json.dumps(key, ensure_ascii=False)
    return f"{path}.{key}" if path else key


def parse_json(raw: Any, path: str, default: str) -> Any:
    """JSON kept in a TEXT column; decimals exactly as written; depth bounded by Python."""
    if raw is None:
        raw = default
    if not isinstance(raw, str):
        raise RowError(path, "ska vara JSON-text.")
    try:
        return _DECODER.decode(raw)
    except RecursionError:
        raise RowError(path, "är för djupt nästlad.") from None
    except ValueError:
        raise RowError(path, "innehåller ogiltig JSON.") from None


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number")


_DECODER = json.JSONDecoder(parse_float=Decimal, parse_constant=_refuse_constant)


# --- scalar checks --------------------------------------------------------------------

def text(raw: Any, path: str, ctx: Context | None = None) -> str:
    if not isinstance(raw, str):
        raise RowError(path, "ska vara en text.")
    return raw


def required_text(raw: Any, path: str, ctx: Context | None = None) -> str:
    if not isinstance(raw, str) or not raw.strip():
        raise RowError(path, "får inte vara tom.")
    return raw


def integer(raw: Any, path: str, minimum: int | None = 0, maximum: int = MAX_AMOUNT) -> int:
    if isinstance(raw, bool) or not isinstance(raw, int):
        raise RowError(path, "ska vara ett heltal.")
    if minimum is not None and raw < minimum:
        raise RowError(path, f"{raw} får inte vara mindre än {minimum}.")
    if abs(raw) >= maximum:
        raise RowError(path, "är större än programmet tillåter.")
    return raw


def amount(raw: Any, path: str, ctx: Context | None = None) -> int:
    return integer(raw, path)


def signed_amount(raw: Any, path: str, ctx: Context | None = None) -> int:
    return integer(raw, path, minimum=None)


def optional(check: Callable[[Any, str, Context | None], _T]
             ) -> Callable[[Any, str, Context | None], _T | None]:
    def load(raw: Any, path: str, ctx: Context | None = None) -> _T | None:
        return None if raw is None else check(raw, path, ctx)
    return load


def flag(raw: Any, path: str, ctx: Context | None = None) -> bool:
    if raw not in (0, 1) or isinstance(raw, float):
        raise RowError(path, "ska vara sant eller falskt (0 eller 1).")
    return bool(raw)


def choice(choices: tuple[_T, ...]) -> Callable[[Any, str, Context | None], _T]:
    """A check that the value is one of `choices` (texts, or numbers such as the roundings)."""
    def load(raw: Any, path: str, ctx: Context | None = None) -> _T:
        if raw not in choices:
            allowed = ", ".join(map(str, choices))
            raise RowError(path, f"{raw!r} är inte tillåtet; välj något av {allowed}.")
        return choices[choices.index(raw)]
    return load


def date_or_empty(raw: Any, path: str, ctx: Context | None = None) -> str:
    value = text(raw, path)
    if value == "":
        return value
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise RowError(path, f'"{value}" är inget datum på formen ÅÅÅÅ-MM-DD.') from None
    if len(value) != 10:
        raise RowError(path, f'"{value}" är inget datum på formen ÅÅÅÅ-MM-DD.')
    return value


def bounded_decimal(value: Decimal, path: str, maximum: int) -> Decimal:
    """A finite decimal of sane size: `1E-999999999` would make Fraction hang."""
    if not value.is_finite():
        raise RowError(path, f'"{value}" är inget ändligt tal.')
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int) or exponent < -MAX_DECIMAL_DIGITS \
            or len(value.as_tuple().digits) > MAX_DECIMAL_DIGITS or abs(value) >= maximum:
        raise RowError(path, f'"{value}" har för många siffror.')
    if value < 0:
        raise RowError(path, f'"{value}" får inte vara negativt.')
    return value


def share(raw: Any, path: str, ctx: Context | None = None) -> Decimal:
    """A fraction 0..1 kept as the decimal text the user wrote ("0.25")."""
    if not isinstance(raw, str):
        raise RowError(path, 'ska vara ett decimaltal skrivet som text, till exempel "0.25".')
    try:
        value = Decimal(raw)
    except InvalidOperation:
        raise RowError(path, f'"{raw}" är inget decimaltal.') from None
    bounded_decimal(value, path, 2)
    if not 0 <= value <= 1:
        raise RowError(path, f'"{raw}" ska ligga mellan 0 och 1.')
    return value


def precision(raw: Any, path: str, ctx: Context | None = None) -> Decimal:
    value = share(raw, path)
    if value == 0:
        raise RowError(path, "får inte vara 0; ange null för exakta andelar.")
    return value


def blob(raw: Any, path: str, ctx: Context | None = None) -> bytes:
    if raw is None:
        return b""
    if not isinstance(raw, bytes):
        raise RowError(path, "ska vara binära data.")
    return raw


def dump_blob(value: bytes) -> bytes:
    return bytes(value)


# --- year maps and keys -----------------------------------------------------------------

def _year(key: Any, path: str, ctx: Context) -> int:
    if not (isinstance(key, str) and len(key) == 4 and key.isascii() and key.isdigit()):
        raise RowError(_join(path, key), "nyckeln ska vara ett årtal.")
    year = int(key)
    if year not in ctx.years:
        raise RowError(_join(path, key), f"{year} ligger utanför planens år.")
    return year


def year_map(raw: Any, path: str, ctx: Context) -> dict[int, int]:
    known = ctx.maps.get(raw) if isinstance(raw, str) else None
    if known is not None:
        return known
    value = _flat_object(raw)
    if value is None:
        value = parse_json(raw, path, "{}")
    if type(value) is dict and ctx.year_texts.issuperset(value) and all(
            type(v) is int and 0 <= v < MAX_AMOUNT for v in value.values()):
        out = {int(k): v for k, v in sorted(value.items())}  # the common case, checked at once
        if isinstance(raw, str):
            ctx.maps[raw] = out
        return out
    if not isinstance(value, dict):
        raise RowError(path, "ska vara ett objekt med år som nycklar.")
    out = {_year(k, path, ctx): amount(v, _join(path, k)) for k, v in value.items()}
    return dict(sorted(out.items()))


def _flat_object(raw: Any) -> Any:
    """`raw` parsed as `parse_json` would, when it is a plain JSON object text ("{" first,
    "}" last, as the app writes year maps), by the decoder's scanner alone (the decoder's
    own whitespace passes were a fifth of reading a year map); None for anything else."""
    if type(raw) is not str or raw[:1] != "{" or raw[-1:] != "}":
        return None
    try:
        value, end = _SCAN(raw, 0)
    except (StopIteration, ValueError, RecursionError):
        return None
    return value if end == len(raw) else None


_SCAN = _DECODER.scan_once  # type: ignore[attr-defined]  # set by JSONDecoder.__init__


def dump_year_map(values: Mapping[int, int]) -> str:
    return json.dumps({str(year): values[year] for year in sorted(values)})


def _key_value(value: Any, path: str) -> int | Decimal:
    if isinstance(value, Decimal):
        return bounded_decimal(value, path, MAX_KEY)
    return integer(value, path, maximum=MAX_KEY)


def key(raw: Any, path: str, ctx: Context) -> Key:
    """A municipality's key: a number (int or exact decimal) or a year map of those."""
    if raw is None:
        return None
    value = parse_json(raw, path, "null")
    if isinstance(value, dict):
        out = {_year(k, path, ctx): _key_value(v, _join(path, k)) for k, v in value.items()}
        return dict(sorted(out.items()))
    return _key_value(value, path)


def dump_key(value: Key) -> str | None:
    """The key as JSON text, a decimal exactly as written (str of the Decimal)."""
    if value is None:
        return None
    if isinstance(value, (int, Decimal)):
        return str(value)
    return "{" + ", ".join(f'"{year}": {value[year]}' for year in sorted(value)) + "}"


# --- goals ------------------------------------------------------------------------------

def _object(value: Any, path: str, keys: tuple[str, ...]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise RowError(path, "ska vara ett objekt.")
    for name in value:
        if name not in keys:
            raise RowError(_join(path, name), "är ingen känd nyckel.")
    return value


def indicators(raw: Any, path: str, ctx: Context | None = None) -> tuple[Indicator, ...]:
    return _indicators(parse_json(raw, path, "[]"), path)


def _indicators(value: Any, path: str) -> tuple[Indicator, ...]:
    if not isinstance(value, list):
        raise RowError(path, "ska vara en lista.")
    out: list[Indicator] = []
    for index, item in enumerate(value):
        ipath = f"{path}[{index}]"
        data = _object(item, ipath, ("text", "target", "method", "period"))
        out.append(Indicator(**{k: text(data.get(k, ""), _join(ipath, k))
                                for k in ("text", "target", "method", "period")}))
    return tuple(out)


def dump_indicators(items: tuple[Indicator, ...]) -> str:
    return json.dumps([_indicator_out(i) for i in items], ensure_ascii=False)


def _indicator_out(indicator: Indicator) -> dict[str, str]:
    out = {"text": indicator.text, "target": indicator.target}
    if indicator.method:
        out["method"] = indicator.method
    if indicator.period:
        out["period"] = indicator.period
    return out


def sub_goals(raw: Any, path: str, ctx: Context | None = None) -> tuple[Goal, ...]:
    return _goals(parse_json(raw, path, "[]"), path, 1)


def _goals(value: Any, path: str, depth: int) -> tuple[Goal, ...]:
    if not isinstance(value, list):
        raise RowError(path, "ska vara en lista.")
    if value and depth > MAX_GOAL_DEPTH:
        raise RowError(path, "har för många nivåer av delmål.")
    out: list[Goal] = []
    for index, item in enumerate(value):
        gpath = f"{path}[{index}]"
        data = _object(item, gpath, ("title", "text", "indicators", "goals"))
        out.append(Goal(id=0, title=required_text(data.get("title"), _join(gpath, "title")),
                        text=text(data.get("text", ""), _join(gpath, "text")),
                        indicators=_indicators(data.get("indicators", []),
                                               _join(gpath, "indicators")),
                        goals=_goals(data.get("goals", []), _join(gpath, "goals"), depth + 1)))
    return tuple(out)


def dump_sub_goals(goals: tuple[Goal, ...]) -> str:
    return json.dumps([_goal_out(g) for g in goals], ensure_ascii=False)


def _goal_out(goal: Goal) -> dict[str, Any]:
    out: dict[str, Any] = {"title": goal.title}
    if goal.text:
        out["text"] = goal.text
    out["indicators"] = [_indicator_out(i) for i in goal.indicators]
    if goal.goals:
        out["goals"] = [_goal_out(g) for g in goal.goals]
    return out


# --- follow-up line maps ------------------------------------------------------------------

def line_map(check: Callable[[Any, str, Context | None], _T]
             ) -> Callable[[Any, str, Context | None], dict[LineRef, _T]]:
    """{(list, entity id): value} kept as {"costs": {"12": value}}."""
    def load(raw: Any, path: str, ctx: Context | None = None) -> dict[LineRef, _T]:
        value = parse_json(raw, path, "{}")
        if not isinstance(value, dict):
            raise RowError(path, "ska vara ett objekt.")
        out: dict[LineRef, _T] = {}
        for name, lines in value.items():
            lpath = _join(path, name)
            if name not in FOLLOW_UP_LISTS:
                raise RowError(lpath, "är ingen lista i uppföljningen.")
            if not isinstance(lines, dict):
                raise RowError(lpath, "ska vara ett objekt.")
            for ident, item in lines.items():
                ipath = _join(lpath, ident)
                if not (ident.isascii() and ident.isdigit() and len(ident) < 19):
                    raise RowError(ipath, "ska vara ett rad-id.")
                out[(name, int(ident))] = check(item, ipath, ctx)
        return out
    return load


def dump_line_map(values: Mapping[LineRef, object]) -> str:
    out: dict[str, dict[str, Any]] = {}
    for (name, ident), value in values.items():
        out.setdefault(name, {})[str(ident)] = list(value) if isinstance(value, tuple) else value
    return json.dumps(out, ensure_ascii=False)


def accounts(raw: Any, path: str, ctx: Context | None = None) -> tuple[str, ...]:
    if not isinstance(raw, list):
        raise RowError(path, "ska vara en lista med konton.")
    return tuple(text(item, f"{path}[{index}]") for index, item in enumerate(raw))
