"""Reading and writing the few files gluteed touches, safely.

Writing (a case file, a plan card, a CSV table) never goes through a symbolic
link, never replaces an existing file unless asked, and is atomic: the text
goes to a temporary file in the same folder, which then takes the target's
name in one step (``os.replace``), so a failure leaves no half-written or
empty file behind. Reading takes regular files only, so a named pipe or a
device cannot make it wait forever. Every failure is a :class:`ValueError`
naming the file, in one line.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import stat
from pathlib import Path

from ._validation import short_repr

__all__ = ["read_regular_file", "short_path", "write_bytes_file", "write_text_file"]

_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)


def _as_path(value: object, what: str) -> Path:
    if isinstance(value, bytes):
        value = os.fsdecode(value)
    if not isinstance(value, str | os.PathLike):
        raise ValueError(f"{what} must be a file path; got {short_repr(value)}")
    if not os.fspath(value):
        raise ValueError(f"{what} must name a file; got an empty name")
    if "\0" in os.fspath(value):
        raise ValueError(f"{what} {short_path(value)}: a file name cannot hold a NUL")
    return Path(value)


def short_path(path: object, limit: int = 70) -> str:
    """A path for a message, quoted; a long one keeps its end, where the file name is."""
    text = repr(os.fspath(path)) if isinstance(path, str | os.PathLike) else short_repr(path)
    return text if len(text) <= limit else "'..." + text[-(limit - 4) :]


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def write_text_file(path: object, text: str, *, what: str = "file", **options: object) -> Path:
    """Write ``text`` as UTF-8 to ``path``: see :func:`write_bytes_file`.

    ``what`` and the keyword ``options`` (``overwrite``, ``force_hint``) are
    those of :func:`write_bytes_file`.

    Raises
    ------
    ValueError
        As :func:`write_bytes_file`, and for text that is not valid Unicode
        (a lone surrogate), before any file is made.
    """
    path = _as_path(path, what)
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError as err:
        raise ValueError(
            f"{what} {short_path(path)}: cannot write: the text holds a character that is "
            f"not valid Unicode ({short_repr(err.object[err.start : err.end])})"
        ) from None
    return write_bytes_file(path, data, what=what, **options)


def write_bytes_file(
    path: object,
    data: bytes,
    *,
    overwrite: bool = False,
    what: str = "file",
    force_hint: str = "pass overwrite=True",
) -> Path:
    """Write ``data`` to ``path`` atomically, refusing links and existing files.

    Parameters
    ----------
    path : str or path-like
        The file to write.
    data : bytes
        Its content.
    overwrite : bool
        Replace an existing regular file (never a link, a folder or a device).
    what : str
        What the file is, for messages (``"--html"``, ``"case file"``).
    force_hint : str
        How the user asks to replace a file, for the message.

    Returns
    -------
    pathlib.Path

    Raises
    ------
    ValueError
        Naming ``what`` and the path, if the path is a link, a folder or not a
        regular file, exists and ``overwrite`` is false, lies in a folder that
        does not exist, or the system refuses the write (permissions, full
        disk, a name too long, ...).
    """
    path = _as_path(path, what)
    where = f"{what} {short_path(path)}: cannot write"
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise ValueError(f"{where} ({_reason(err)})") from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise ValueError(f"{where}: it is a symbolic link (gluteed never writes through one)")
        if stat.S_ISDIR(info.st_mode):
            raise ValueError(f"{where}: it is a folder")
        if not stat.S_ISREG(info.st_mode):
            raise ValueError(f"{where}: it is not a regular file")
        if not overwrite:
            raise ValueError(f"{where}: the file exists already ({force_hint} to replace it)")
    folder = path.parent
    if not folder.is_dir():
        raise ValueError(f"{where}: the folder {short_path(folder)} does not exist")
    temporary = None
    try:
        temporary, handle = _create_temporary(folder, path.name)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        _publish(temporary, path, overwrite)
        temporary = None
    except FileExistsError:
        raise ValueError(f"{where}: the file exists already ({force_hint} to replace it)") from None
    except OSError as err:
        raise ValueError(f"{where} ({_reason(err)})") from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    return path


def _publish(temporary: Path, path: Path, overwrite: bool) -> None:
    """Give the finished temporary file the target's name, in one step."""
    if overwrite:
        os.replace(temporary, path)  # replaces a link itself, never its target
        return
    try:
        # A hard link fails if the name was taken meanwhile: nothing is replaced.
        os.link(temporary, path)
    except FileExistsError:
        raise
    except OSError:  # a file system without hard links
        if os.path.lexists(path):
            raise FileExistsError(path) from None
        os.replace(temporary, path)
        return
    os.unlink(temporary)


def _create_temporary(folder: Path, name: str) -> tuple[Path, int]:
    """A new, empty file next to the target; the umask sets its permissions."""
    stem = name[:40]
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | getattr(os, "O_BINARY", 0)
    for _attempt in range(100):
        candidate = folder / f".{stem}.{secrets.token_hex(6)}.tmp"
        try:
            return candidate, os.open(candidate, flags, 0o666)
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary name in {folder}")


def read_regular_file(path: object, limit: int, what: str = "file", kind: str = "file") -> bytes:
    """The first ``limit + 1`` bytes of a regular file.

    The file is opened without blocking and checked before reading, so a
    named pipe, a device or a folder is refused at once instead of read.

    Parameters
    ----------
    path : str or path-like
        The file.
    limit : int
        Read at most this many bytes and one more (to tell a file that is too
        large). [bytes]
    what, kind : str
        The file and the kind of file it should be, for messages
        (``"case file 'a.json'"``, ``"case file"``).

    Raises
    ------
    ValueError
        Naming ``what``, if the file does not exist, is not a regular file or
        cannot be read.
    """
    path = _as_path(path, what)
    try:
        handle = os.open(path, os.O_RDONLY | _NONBLOCK | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ValueError(f"{what}: no such {kind}") from None
    except IsADirectoryError:
        raise ValueError(f"{what}: is a folder, not a {kind}") from None
    except OSError as err:
        raise ValueError(f"{what}: cannot be read ({_reason(err)})") from None
    try:
        mode = os.fstat(handle).st_mode
        if stat.S_ISDIR(mode):
            raise ValueError(f"{what}: is a folder, not a {kind}")
        if not stat.S_ISREG(mode):
            raise ValueError(f"{what}: is a pipe or a device, not a {kind}")
        chunks, size = [], 0
        while size <= limit:
            chunk = os.read(handle, limit + 1 - size)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks)
    except OSError as err:
        raise ValueError(f"{what}: cannot be read ({_reason(err)})") from None
    finally:
        os.close(handle)
