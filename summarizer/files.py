"""Writing a file so that readers see the old contents or the new, never half of either."""

from __future__ import annotations

import contextlib
import os
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

__all__ = ["atomic_writer", "write_atomic"]


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str], mode: int | None = None) -> Iterator[BinaryIO]:
    """A binary file that replaces `path` when the ``with`` block ends without an exception.

    The data goes to a hidden temp file in the same directory (a rename within one file
    system is atomic), is flushed to disk, and is renamed over `path`. If the block
    raises, the temp file is removed and `path` is left as it was.

    Args:
        path: the file to create or replace; its directory must exist.
        mode: permission bits of the new file; None: what `open` would give (0o666
            less the umask).

    Raises:
        OSError: creating, writing or renaming the file failed.
    """
    path = Path(path)
    # A random name per writer: concurrent writers (threads or processes) never share one.
    tmp = path.with_name(f".{path.name}.{os.urandom(4).hex()}.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)  # the umask applies, as for open()
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())  # the data is on disk before the name points at it
        if mode is not None:
            os.chmod(tmp, mode)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def write_atomic(path: str | os.PathLike[str], data: str | bytes, mode: int | None = None) -> None:
    """Replace `path` with `data` (str is written as UTF-8) atomically; see `atomic_writer`.

    Raises:
        OSError: writing or renaming the file failed.
    """
    with atomic_writer(path, mode) as fh:
        fh.write(data.encode("utf-8") if isinstance(data, str) else data)
