"""A lock beside the plan file, so only one window or user writes it at a time.

`<file>.lock` is created exclusively and holds who has the file (user, host,
process). A lock left by a process that no longer runs on this host is stale
and taken over. Qt-free so the command line and the tests use the same lock.
"""

from __future__ import annotations

import contextlib
import getpass
import json
import os
import socket
import sys
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int

    def describe(self) -> str:
        """Swedish text for the read-only banner."""
        where = "den här datorn" if self.host == socket.gethostname() else self.host
        return f"{self.user} på {where} (process {self.pid})"


def _pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if sys.platform == "win32":  # pragma: no cover - exercised on Windows only
        import ctypes
        handle = ctypes.windll.kernel32.OpenProcess(0x1000, False, pid)
        if not handle:
            return False
        ctypes.windll.kernel32.CloseHandle(handle)
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


UNREADABLE_STALE_AFTER = 10.0
"""Seconds after which a lock file without readable content counts as left by a crash."""


def _age(path: Path) -> float:
    try:
        return time.time() - path.stat().st_mtime
    except OSError:
        return 0.0


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing for
        return "okänd användare"


class PlanLock:
    """Held while a plan file is open for writing."""

    def __init__(self, path: Path):
        self.path = Path(str(path) + ".lock")
        self.held = False

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, or None when nobody (or only a stale lock) does."""
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            holder = LockHolder(str(data["user"]), str(data["host"]), int(data["pid"]))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError):
            if _age(self.path) > UNREADABLE_STALE_AFTER:  # left half-written by a crash
                return None
            return LockHolder("okänd användare", "okänd dator", 0)
        if holder.host == socket.gethostname() and not _pid_alive(holder.pid):
            return None
        return holder

    def acquire(self) -> LockHolder | None:
        """Take the lock; returns None on success or the holder that has it."""
        me = {"user": _user(), "host": socket.gethostname(), "pid": os.getpid()}
        for _ in range(2):
            if not self._create(me):
                holder = self.holder()
                if holder is not None:
                    return holder
                try:
                    self.path.unlink()
                except FileNotFoundError:
                    pass
                continue
            self.held = True
            return None
        return self.holder()

    def _create(self, me: dict) -> bool:
        """Create the lock file with its content in one step; False when it exists.

        The content is written to a temporary file and hard-linked into place, so
        a crash never leaves an empty lock nobody can break. Where the file system
        has no hard links, the lock is created exclusively and then written.
        """
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.tmp")
        try:
            temp.write_text(json.dumps(me), encoding="utf-8")
            try:
                os.link(temp, self.path)
                return True
            except FileExistsError:
                return False
            except OSError:
                pass  # no hard links here (FAT, some network shares)
        finally:
            with contextlib.suppress(OSError):
                temp.unlink()
        try:
            fd = os.open(self.path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            return False
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(me, handle)
        except BaseException:
            with contextlib.suppress(OSError):
                self.path.unlink()
            raise
        return True

    def release(self) -> None:
        if self.held:
            try:
                self.path.unlink()
            except FileNotFoundError:
                pass
            self.held = False
