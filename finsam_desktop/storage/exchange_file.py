"""Plan JSON documents on disk (written all-or-nothing by `atomic_file`).

Reading is strict where `json` is lenient: a key given twice is refused with its
path (the last would silently win), numbers with a fraction or exponent are read
as the exact Decimal written (the contract reads keys exactly), a lone surrogate
escape ("\\ud800") and nesting too deep for a plan are one Swedish line.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any, NoReturn

from ..domain.exchange import (
    PlanFormatError,
    document_json,
    plan_from_document,
    plan_to_document,
)
from ..domain.plan import Plan
from .atomic_file import atomic_output
from .errors import PlanFileError, reading


def read_plan_json(path: Path) -> Plan:
    """A plan from an exchange document; PlanFileError names the bad value."""
    path = Path(path)
    try:
        with reading(path):
            text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise PlanFileError(f"{path.name} är inte en UTF-8-textfil.") from None
    try:
        document = loads_strict(text)
    except RecursionError:
        raise PlanFileError(f"{path.name} är för djupt nästlad för att vara en plan.") from None
    except _DuplicateKey as error:
        raise PlanFileError(f"{path.name}: {error.path} förekommer två gånger; "
                            "varje nyckel får bara finnas en gång.") from None
    except _BadText as error:
        raise PlanFileError(f"{path.name}: {error.path} innehåller ett ogiltigt tecken "
                            "(en ensam surrogat-escape som \\ud800).") from None
    except ValueError as error:
        line = getattr(error, "lineno", None)
        where = f" (rad {line})" if line else ""
        raise PlanFileError(f"{path.name} är ingen giltig JSON{where}.") from None
    try:
        return plan_from_document(document)
    except PlanFormatError as error:
        raise PlanFileError(f"{path.name}: {error}") from None
    except RecursionError:
        raise PlanFileError(f"{path.name} är för djupt nästlad för att vara en plan.") from None


class _DuplicateKey(ValueError):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


class _BadText(ValueError):
    def __init__(self, path: str):
        super().__init__(path)
        self.path = path


class _Pairs(dict[str, Any]):
    """An object as parsed, remembering a key that came twice."""

    duplicate: str | None = None


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out = _Pairs(pairs)
    if len(out) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                out.duplicate = key
                break
            seen.add(key)
    return out


def loads_strict(text: str) -> Any:
    """json.loads that refuses duplicate keys and lone surrogates, naming the path, and reads
    every number with a fraction or exponent as the exact Decimal written."""
    document = json.loads(text, parse_float=Decimal, parse_constant=_refuse_constant,
                          object_pairs_hook=_pairs)
    _check_tree(document)
    return document


def _step(path: str, key: Any) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    if not key or not key.isprintable() or key.strip() != key or _has_surrogate(key):
        key = json.dumps(key)
    return f"{path}.{key}" if path else key


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _check_tree(document: Any) -> None:
    """Walk the parsed document without recursion (its depth was bounded by the parser)."""
    stack: list[tuple[str, Any]] = [("", document)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            duplicate = getattr(value, "duplicate", None)  # set on a _Pairs by the parser
            if duplicate is not None:
                raise _DuplicateKey(_step(path, duplicate))
            for key, item in value.items():
                if _has_surrogate(key):
                    raise _BadText(_step(path, key))
                stack.append((_step(path, key), item))
        elif isinstance(value, list):
            stack.extend((_step(path, index), item) for index, item in enumerate(value))
        elif isinstance(value, str) and _has_surrogate(value):
            raise _BadText(path or "dokumentet")


def _refuse_constant(name: str) -> NoReturn:
    raise ValueError(f"{name} is not a number")


def plan_json_text(plan: Plan) -> str:
    return document_json(plan_to_document(plan)) + "\n"  # decimal keys as exact numbers


def write_plan_json(plan: Plan, target: Path, force: bool = False) -> None:
    with atomic_output(target, force) as temp:
        temp.write_text(plan_json_text(plan), encoding="utf-8")
