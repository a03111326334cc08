"""The storage layer's one error type: a Swedish sentence the user can act on."""

import contextlib
from collections.abc import Iterator
from pathlib import Path

from ..domain.errors import UserFacingError


class PlanFileError(UserFacingError):
    """A file that cannot be opened, read or written as asked; nothing was changed."""


_OS_REASONS = {
    "ENOSPC": "disken är full", "EDQUOT": "diskkvoten är slut",
    "EFBIG": "filen blir större än disken eller systemet tillåter",
    "EACCES": "behörighet saknas", "EPERM": "behörighet saknas",
    "EROFS": "disken är skrivskyddad", "ENOENT": "filen eller mappen finns inte",
    "EISDIR": "det är en mapp", "EIO": "läs- eller skrivfel på disken",
    "ENOTDIR": "en del av sökvägen är ingen mapp", "ENAMETOOLONG": "namnet är för långt",
    "ELOOP": "sökvägen har för många länkar i rad", "EEXIST": "filen finns redan",
    "EBUSY": "filen används av ett annat program", "ETXTBSY": "filen används av ett annat program",
    "EMFILE": "för många öppna filer", "ENFILE": "för många öppna filer",
    "ENOTEMPTY": "mappen är inte tom", "EXDEV": "filen kan inte flyttas till en annan disk",
    "EINVAL": "ogiltigt namn eller ogiltig åtgärd", "ENXIO": "enheten finns inte",
    "ENODEV": "enheten finns inte", "ETIMEDOUT": "disken svarade inte i tid",
    "EHOSTDOWN": "nätverksdisken svarar inte", "ENETDOWN": "nätverket är nere",
}
"""The reasons the system gives, in Swedish; any other is named by its system text."""


def reason(error: BaseException) -> str:
    """Why an OSError or sqlite3 error happened, in Swedish, for "… kunde inte sparas: <reason>."."""
    import errno
    import sqlite3
    if isinstance(error, OSError):
        name = errno.errorcode.get(error.errno or 0, "")
        if name in _OS_REASONS:
            return _OS_REASONS[name]
        return f"systemfel ({error.strerror or name or error})"
    if isinstance(error, sqlite3.Error):
        text = str(error).lower()
        if "full" in text:
            return "disken är full"
        if "disk i/o" in text:
            return "skrivfel på disken (är disken full?)"
        if "readonly" in text or "read-only" in text:
            return "filen eller mappen är skrivskyddad"
        if "locked" in text or "busy" in text:
            return "filen används just nu av ett annat program"
        return f"databasfel ({error})"
    return str(error)


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
    """Turn an OSError while reading `path` into a PlanFileError that says why, in Swedish."""
    try:
        yield
    except FileNotFoundError:
        raise PlanFileError(f"Filen {path.name} finns inte.") from None
    except IsADirectoryError:
        raise PlanFileError(f"{path.name} är en mapp, ingen fil.") from None
    except PermissionError:
        raise PlanFileError(f"Du saknar behörighet att läsa {path.name}.") from None
    except OSError as error:
        raise PlanFileError(f"{path.name} kunde inte läsas: {reason(error)}.") from None
