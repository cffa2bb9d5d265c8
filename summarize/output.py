"""Writing a digest to a file (``-o``): atomically, and only where a file belongs.

The rules, each a decision a user of ``-o PATH`` can rely on:

- **Only regular files or new paths.**  A device, FIFO or socket at PATH is
  refused (``-o /dev/null`` never replaces the system's ``/dev/null``), and so
  is a directory; omit ``-o`` to write to stdout.
- **Atomic.**  The digest goes to a temporary file in PATH's directory, is
  fsynced, then renamed over PATH: a crash leaves the old file or the new
  one, never half of one.  A temporary file left by a run that was killed
  (its name carries the run's process id) is deleted by the next write to
  the same PATH, once that process is gone.
- **The file keeps its mode** (and, where allowed, its owner); a new file
  gets the mode the umask gives, as the shell's ``>`` would.
- **Read-only targets are refused** (permission denied), as ``>`` would,
  although the rename could replace them.
- **Symbolic links are followed**: the file a link points to is replaced and
  the link stays.  Two exceptions are refused: a link whose target does not
  exist (``-o`` creates no file at a place it was not named), and a link in a
  world-writable sticky directory such as ``/tmp`` owned by someone else (the
  rule of the kernel's ``protected_symlinks``: a planted link cannot make you
  overwrite your own files).

Refusals raise :class:`~summarize.errors.InputError` (the CLI's exit 1) whose
message starts ``cannot write PATH:``, like the ``OSError`` of a failed write.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

from .errors import InputError

__all__ = ["output_target", "write_atomically"]

_KINDS = (
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a directory"),
)


def output_target(path: Path) -> tuple[Path, os.stat_result | None]:
    """The file ``-o path`` will replace, and its status (``None`` for a new file); refusals raise.

    Called before any work (so a bad target costs nothing) and again when writing.
    """
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        if not path.parent.is_dir():
            raise _refused(path, "No such file or directory") from None
        return path, None  # a new file
    except (OSError, ValueError) as exc:  # ValueError: a NUL in the name
        raise _refused(path, getattr(exc, "strerror", None) or str(exc)) from None
    target = path
    if stat.S_ISLNK(st.st_mode):
        if _planted(path, st):
            raise _refused(path, "a symbolic link in a shared directory, owned by someone else; name its target")
        target = Path(os.path.realpath(path))
        try:
            st = os.stat(target)
        except FileNotFoundError:
            raise _refused(path, f"a symbolic link to {target}, which does not exist") from None
        except OSError as exc:
            raise _refused(path, exc.strerror or str(exc)) from None
    for test, kind in _KINDS:
        if test(st.st_mode):
            raise _refused(path, f"it is {kind}, not a regular file; -o writes only regular files (omit it for stdout)")
    if not os.access(target, os.W_OK):
        raise _refused(path, "permission denied (the file is read-only)")
    return target, st


def write_atomically(path: Path, text: str) -> None:
    """Write ``text`` as UTF-8 to ``path`` by the rules above: a crash never leaves half a file."""
    target, st = output_target(path)
    data = text.encode("utf-8")
    directory = target.parent
    prefix = _temp_prefix(target.name)
    _remove_stale(directory, prefix)
    fd, temp = tempfile.mkstemp(dir=directory, prefix=f"{prefix}{os.getpid()}.", suffix=".tmp")
    try:
        os.chmod(temp, stat.S_IMODE(st.st_mode) if st is not None else 0o666 & ~_umask())
        if st is not None and hasattr(os, "fchown") and (st.st_uid, st.st_gid) != (_EUID, os.getegid()):
            with contextlib.suppress(OSError):  # only root may give a file away; the mode is kept either way
                os.fchown(fd, st.st_uid, st.st_gid)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_directory(directory)


_EUID = os.geteuid() if hasattr(os, "geteuid") else 0
"""Who we are, for ownership rules (0 where the system has no such notion)."""


def _refused(path: Path, why: str) -> InputError:
    return InputError(f"cannot write {path}: {why}")


def _planted(link: Path, st: os.stat_result) -> bool:
    """A link in a sticky, world-writable directory that neither we nor the directory's owner made."""
    try:
        parent = os.stat(link.parent)
    except OSError:
        return False
    shared = parent.st_mode & stat.S_ISVTX and parent.st_mode & stat.S_IWOTH
    return bool(shared) and st.st_uid not in (_EUID, parent.st_uid)


def _temp_prefix(name: str) -> str:
    """``.NAME.`` with NAME cut to 100 bytes, so the temporary name stays within the 255-byte limit."""
    return "." + os.fsdecode(os.fsencode(name)[:100]) + "."


def _remove_stale(directory: Path, prefix: str) -> None:
    """Delete our temporary files for this name left by runs that are no longer alive."""
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp")):
            continue
        pid = entry.name[len(prefix) :].split(".", 1)[0]
        if not pid.isdigit() or int(pid) == os.getpid() or _alive(int(pid)):
            continue
        try:
            if entry.is_file(follow_symlinks=False) and entry.stat(follow_symlinks=False).st_uid == _EUID:
                os.unlink(entry.path)
        except OSError:
            pass


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # someone else's process, or not a pid: leave its file alone
    return True


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    """Make the rename durable; a file system that cannot fsync a directory is left as it is."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
