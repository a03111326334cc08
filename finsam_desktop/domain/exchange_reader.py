"""The exchange reader's walker: shape checks that keep the path of the value they read.

`_Reader` checks types and known keys and raises `PlanFormatError` naming the path
(`members[3].key`); the plan's rules themselves are in `validation`.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, NoReturn, TypeVar

from . import validation
from .errors import Invalid, UserFacingError

_T = TypeVar("_T")


class PlanFormatError(UserFacingError, ValueError):
    """A document that breaks the format; `path` names the bad value."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}" if path else message)
        self.path = path
        self.message = message


class _Reader:
    """Walks the document keeping the current path for error messages."""

    def __init__(self) -> None:
        self.years: tuple[int, ...] = ()

    def fail(self, path: str, message: str) -> NoReturn:
        raise PlanFormatError(path, message)

    def object(self, value: Any, path: str, required: tuple[str, ...],
               optional: tuple[str, ...] = ()) -> dict[str, Any]:
        if not isinstance(value, dict):
            self.fail(path, "ska vara ett objekt ({…}).")
        for key in required:
            if key not in value:
                self.fail(_join(path, key), "saknas.")
        for key in value:
            if key not in required and key not in optional:
                self.fail(_join(path, key), "är ingen känd nyckel i formatet.")
        return value

    def list(self, value: Any, path: str) -> list[Any]:
        if not isinstance(value, list):
            self.fail(path, "ska vara en lista ([…]).")
        return value

    def text(self, value: Any, path: str) -> str:
        if not isinstance(value, str):
            self.fail(path, "ska vara en text.")
        return value

    def boolean(self, value: Any, path: str) -> bool:
        if not isinstance(value, bool):
            self.fail(path, "ska vara true eller false.")
        return value

    def integer(self, value: Any, path: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int):
            if isinstance(value, (float, Decimal)):
                self.fail(path, f"{value} är inte ett heltal; belopp anges i hela kronor.")
            self.fail(path, "ska vara ett heltal.")
        return value

    def number(self, value: Any, path: str) -> int | Decimal:
        """An exact JSON number: int, or Decimal as read with parse_float=Decimal."""
        if isinstance(value, float):
            self.fail(path, f"{value} lästes som flyttal; läs filen exakt (parse_float=Decimal).")
        if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
            self.fail(path, "ska vara ett tal, till exempel 84222 eller 17.5.")
        return value

    def decimal(self, value: Any, path: str) -> Decimal:
        if not isinstance(value, str):
            self.fail(path, 'ska vara ett decimaltal skrivet som text, till exempel "0.25".')
        if len(value) > 40:
            self.fail(path, "är för långt för att vara en andel.")
        try:
            return Decimal(value)
        except InvalidOperation:
            self.fail(path, f'"{value}" är inget decimaltal.')

    def choice(self, value: Any, path: str, choices: tuple[str, ...]) -> str:
        if not isinstance(value, str) or value not in choices:
            self.fail(path, f"{value!r} är inte tillåtet; välj något av {', '.join(choices)}.")
        return value

    def year_map(self, value: Any, path: str,
                 read: Callable[[Any, str], Any] | None = None) -> dict[int, Any]:
        if not isinstance(value, dict):
            self.fail(path, 'ska vara ett objekt med år som nycklar, till exempel {"2026": 100000}.')
        read = read or self.integer
        result: dict[int, object] = {}
        for key, amount in value.items():
            try:
                year = validation.year_key(key)
            except Invalid as error:
                self.fail(_join(path, key), error.message)
            result[year] = read(amount, _join(path, key))
        return dict(sorted(result.items()))

    def items(self, value: Any, path: str,
              read: Callable[[Any, str, int], _T]) -> tuple[_T, ...]:
        return tuple(read(item, f"{path}[{index}]", index)
                     for index, item in enumerate(self.list(value, path)))


def _join(path: str, key: str) -> str:
    if not key or not key.isprintable() or key.strip() != key or len(key) > 80:
        key = json.dumps(key[:80], ensure_ascii=True)  # "\r", "", " x", "\ud800": show quoted
    return f"{path}.{key}" if path else key
