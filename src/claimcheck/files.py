"""Replacing a file atomically: the one way claimcheck writes reports and cache entries."""

from __future__ import annotations

import contextlib
import os
import secrets
from pathlib import Path


def fsync_dir(folder: Path) -> None:
    """Make a rename durable; not possible (nor needed) on every platform."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def replace_atomically(path: Path, data: bytes, *, mode: int = 0o666, durable: bool = False) -> None:
    """Write ``data`` to ``path`` so readers see the old file or the new one, never half.

    The data goes to a new hidden temporary file in the same folder (".NAME.PID.RANDOM.tmp",
    created with O_EXCL: never following or clobbering something already there; ``mode`` before
    the umask), which is then renamed over ``path``. ``durable``: the data and the rename are
    flushed to disk first. On any failure the temporary file is removed, ``path`` is left as it
    was, and the error (an OSError for the file system's) is raised.
    """
    path = Path(path)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.{secrets.token_hex(4)}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            if durable:
                handle.flush()
                os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    if durable:
        fsync_dir(path.parent)
