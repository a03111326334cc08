"""A lock beside the plan file, so only one window or user writes it at a time.

`<file>.lock` is created exclusively and holds who has the file (user, host,
process). A lock left by a process that no longer runs on this host is stale
and taken over. Qt-free so the command line and the tests use the same lock.

The lock belongs to the file, not to the name it was opened by: the path is
resolved first (a symlink locks its target), and a file with more than one
name (hard links) also takes `.<device>-<inode>.finsam.lock` in its folder, so
two names of one file never give two writers. Hard links can sit in different
folders, where those two locks never meet: every plan file also takes
`<device>-<inode>.lock` in this user's own lock folder on this machine
(`$XDG_RUNTIME_DIR/finsam-locks`, else `finsam-locks-<uid>` in the temporary
folder; made 0700, used only when it is a real folder of ours). That lock
records the path it was taken for, so a lock left for a deleted file whose
inode number came back for another file is stale, not a writer.
"""

from __future__ import annotations

import contextlib
import json
import os
import stat
import sys
import tempfile
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int

    def describe(self) -> str:
        """Swedish text for the read-only banner."""
        where = "den här datorn" if self.host == _host() else self.host
        return f"{self.user} på {where} (process {self.pid})"


MAX_PID = 2**31 - 1


def _pid_alive(pid: int) -> bool:
    if not 0 < pid <= MAX_PID:
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


def _host() -> str:
    """This machine's name (socket is imported here: reading a plan never needs it)."""
    import socket
    return socket.gethostname()


def _user() -> str:
    import getpass
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no user name is not worth failing for
        return "okänd användare"


def _holder_of(data: object) -> LockHolder:
    """The holder written in a lock; ValueError when it is not what we write."""
    if not isinstance(data, dict):
        raise ValueError("not a lock")
    pid = data["pid"]
    if isinstance(pid, bool) or not isinstance(pid, int) or not 0 < pid <= MAX_PID:
        raise ValueError("no process id")  # 1e999, -1, "x": planted or damaged
    return LockHolder(str(data["user"]), str(data["host"]), pid)


class _LockFile:
    """One lock file: created exclusively with its content, stale when its process is gone."""

    def __init__(self, path: Path):
        self.path = path
        self.held = False

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, or None when nobody (or only a stale lock) does."""
        try:
            with open(self.path, "rb") as handle:
                raw = handle.read(4096)
            holder = _holder_of(json.loads(raw.decode("utf-8")))
        except FileNotFoundError:
            return None
        except (OSError, ValueError, KeyError, TypeError, OverflowError, RecursionError):
            if _age(self.path) > UNREADABLE_STALE_AFTER:  # left half-written by a crash
                return None
            return LockHolder("okänd användare", "okänd dator", 0)
        if holder.host == _host() and not _pid_alive(holder.pid):
            return None
        return holder

    def acquire(self, me: Mapping[str, object]) -> LockHolder | None:
        """Take the lock; returns None on success or the holder that has it."""
        for _ in range(2):
            if not self._create(me):
                holder = self.holder()
                if holder is not None:
                    return holder
                with contextlib.suppress(FileNotFoundError):
                    self.path.unlink()
                continue
            self.held = True
            return None
        return self.holder()

    def _create(self, me: Mapping[str, object]) -> bool:
        """Create the lock file with its content in one step; False when it exists.

        The content is written to a temporary file (created exclusively, never
        through a planted symlink) and hard-linked into place, so a crash never
        leaves an empty lock nobody can break. Where the file system has no hard
        links, the lock is created exclusively and then written.
        """
        content = json.dumps(me).encode("utf-8")
        temp = self.path.with_name(f"{self.path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp")
        flags = os.O_CREAT | os.O_EXCL | os.O_WRONLY | getattr(os, "O_NOFOLLOW", 0)
        try:
            fd = os.open(temp, flags, 0o644)
        except OSError:
            fd = None  # cannot write beside the file: try the lock itself below
        if fd is not None:
            try:
                with os.fdopen(fd, "wb") as handle:
                    handle.write(content)
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
            fd = os.open(self.path, flags, 0o644)
        except FileExistsError:
            return False
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(content)
        except BaseException:
            with contextlib.suppress(OSError):
                self.path.unlink()
            raise
        return True

    def release(self) -> None:
        if self.held:
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()
            self.held = False


def machine_lock_folder() -> Path | None:
    """This user's private folder for identity locks on this machine, made if need be; None
    when no such folder can be had (then the locks beside the file are all there is)."""
    user = str(os.getuid()) if hasattr(os, "getuid") else _user()
    candidates = []
    runtime = os.environ.get("XDG_RUNTIME_DIR")
    if runtime and os.path.isabs(runtime):
        candidates.append(Path(runtime) / "finsam-locks")
    with contextlib.suppress(OSError):  # no usable temporary folder at all (a full disk)
        candidates.append(Path(tempfile.gettempdir()) / f"finsam-locks-{user}")
    for folder in candidates:
        try:
            os.mkdir(folder, 0o700)
        except FileExistsError:
            pass
        except OSError:
            continue
        try:
            status = os.lstat(folder)
        except OSError:
            continue
        if not stat.S_ISDIR(status.st_mode):  # a planted symlink or file
            continue
        if hasattr(os, "getuid") and (status.st_uid != os.getuid()
                                      or stat.S_IMODE(status.st_mode) & 0o077):
            continue  # someone else's, or others may write in it
        return folder
    return None


def _identity(path: str) -> tuple[int, int] | None:
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_dev, status.st_ino


class _IdentityLock(_LockFile):
    """The machine-wide lock of one file's device and inode; it names the path it was taken
    for, and is stale when that path is gone or is another file now (an inode reused)."""

    def __init__(self, path: Path, identity: tuple[int, int]):
        super().__init__(path)
        self.identity = identity

    def holder(self) -> LockHolder | None:
        holder = super().holder()
        if holder is None or holder.pid == 0:
            return holder
        try:
            with open(self.path, "rb") as handle:
                taken_for = json.loads(handle.read(4096).decode("utf-8")).get("path")
        except (OSError, ValueError, AttributeError, RecursionError):
            return holder
        if isinstance(taken_for, str) and _identity(taken_for) != self.identity:
            return None
        return holder


class PlanLock:
    """Held while a plan file is open for writing; one per file, whatever name it has."""

    def __init__(self, path: Path):
        real = Path(os.path.realpath(path))
        self.real = real
        self.path = real.with_name(real.name + ".lock")
        self._files = [_LockFile(self.path)]
        try:
            status = os.stat(real)
        except OSError:
            status = None
        if status is not None and status.st_nlink > 1:
            self._files.append(_LockFile(
                real.with_name(f".{status.st_dev}-{status.st_ino}.finsam.lock")))
        folder = machine_lock_folder() if status is not None else None
        if status is not None and folder is not None:
            identity = (status.st_dev, status.st_ino)
            self._files.append(_IdentityLock(folder / f"{identity[0]}-{identity[1]}.lock",
                                             identity))

    @property
    def held(self) -> bool:
        return all(lock.held for lock in self._files)

    def holder(self) -> LockHolder | None:
        """Who holds the lock now, or None when nobody (or only a stale lock) does."""
        for lock in self._files:
            holder = lock.holder()
            if holder is not None:
                return holder
        return None

    def acquire(self) -> LockHolder | None:
        """Take the lock; returns None on success or the holder that has it."""
        me = {"user": _user(), "host": _host(), "pid": os.getpid(),
              "path": str(self.real)}
        for lock in list(self._files):
            try:
                holder = lock.acquire(me)
            except OSError:
                if isinstance(lock, _IdentityLock):  # the machine's lock folder is full or
                    self._files.remove(lock)       # gone: the locks beside the file hold
                    continue
                self.release()
                raise
            if holder is not None:
                self.release()
                return holder
        return None

    def release(self) -> None:
        for lock in self._files:
            lock.release()
