"""Writes outputs so that a crash, Ctrl-C or a full disk never leaves a half-written file.

A regular file is written to a temporary name in the same folder, flushed, fsynced and renamed
over the target with os.replace (atomic on POSIX and Windows). Only regular files are renamed
over: a device (/dev/null), a FIFO or /dev/stdout is written to directly, and a symlink is
followed so that its target is replaced and the link kept. A failure to write (a full disk, a
file size limit, a folder that is not writable) is a CamketError with one human line.
"""
import contextlib
import errno
import json
import os
import shutil
import stat
import tempfile

from ..errors import CamketError

_VIRTUAL = ("/proc/", "/sys/")  # file systems of the kernel: never a place for output files
_DIRECT = ("/dev/",)            # /dev/null, /dev/stdout, /dev/fd/N: written to, never renamed over


class WriteError(CamketError):
    """An output that could not be written (the message names it and says why)."""


def dumps_record(record):
    """One JSONL line for a record: UTF-8 text as is, keys in the record's own (stable) order."""
    return json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def is_special_output(path):
    """True when ``path`` is written to directly: an existing file that is not a regular file (a device,
    a FIFO, a terminal), or a path under /dev."""
    path = os.fspath(path)
    if os.path.abspath(path).startswith(_DIRECT):
        return True
    try:
        mode = os.stat(path).st_mode  # follows symlinks: /dev/stdout -> the pipe
    except OSError:
        return False
    return not (stat.S_ISREG(mode) or stat.S_ISDIR(mode))


def write_target(path):
    """The file that writing ``path`` replaces: the target of a symlink (the link is kept), else ``path``."""
    path = os.fspath(path)
    return os.path.realpath(path) if os.path.islink(path) else os.path.abspath(path)


def describe_os_error(exc):
    """A short reason for an OSError, with a hint for the usual causes of failed writes."""
    reason = exc.strerror or str(exc)
    if exc.errno == errno.EFBIG:
        reason += " (a file size limit: see ulimit -f)"
    elif exc.errno == errno.ENOSPC:
        reason += " (the disk is full)"
    elif exc.errno == errno.EDQUOT:
        reason += " (the disk quota is used up)"
    return reason


def check_output_path(path, what="output"):
    """Refuse, with one human line, an output path that cannot be written: its folder is missing or is
    not a folder, the path is a folder, it is under /proc or /sys, or nothing can be created there."""
    path = os.fspath(path)
    if is_special_output(path):
        if not os.path.exists(path):
            raise CamketError(f"the {what} path {path} does not exist (and no file can be created under /dev)")
        if stat.S_ISSOCK(os.stat(path).st_mode) or not os.access(path, os.W_OK):
            raise CamketError(f"cannot write the {what} to {path}: not writable")
        return
    target = write_target(path)
    if os.path.isdir(target):
        raise CamketError(f"the {what} path is a folder: {path}")
    if target.startswith(_VIRTUAL):
        raise CamketError(f"cannot write the {what} file {path}: {os.path.dirname(target)} is a virtual file "
                          "system of the kernel, not a place for files")
    folder = os.path.dirname(target)
    if not os.path.exists(folder):
        raise CamketError(f"the folder of the {what} file does not exist: {folder} (create it first: "
                          f"mkdir -p {folder})")
    if not os.path.isdir(folder):
        raise CamketError(f"cannot write the {what} file {path}: {folder} is not a folder")
    try:  # the only sure test (root passes os.access; read-only mounts do not say so)
        fd, probe = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".probe")
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        raise CamketError(f"cannot write the {what} file {path} in {folder}: {describe_os_error(exc)}") from None


class _Output:
    """One output being written: a temporary file beside a regular target, or the special file itself."""

    def __init__(self, path, mode):
        self.path = os.fspath(path)
        self.special = is_special_output(self.path)
        self.target = self.path if self.special else write_target(self.path)
        self.tmp = None
        kwargs = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        try:
            if self.special:
                self.file = open(self.path, mode, **kwargs)
            else:
                folder = os.path.dirname(self.target)
                fd, self.tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(self.target)}.",
                                                suffix=".tmp")
                os.chmod(self.tmp, 0o666 & ~_umask())
                self.file = os.fdopen(fd, mode, **kwargs)
        except OSError as exc:
            self.discard()
            raise _write_error(self.path, exc) from None

    def flush(self):
        """Everything written reaches the disk (regular files only)."""
        self.file.flush()
        if not self.special:
            os.fsync(self.file.fileno())

    def commit(self):
        self.file.close()
        if not self.special:
            os.replace(self.tmp, self.target)
            self.tmp = None
            fsync_dir(os.path.dirname(self.target))

    def discard(self):
        with contextlib.suppress(OSError, AttributeError, ValueError):
            self.file.close()
        if self.tmp:
            with contextlib.suppress(OSError):
                os.unlink(self.tmp)
            self.tmp = None


def _write_error(path, exc):
    return WriteError(f"cannot write {path}: {describe_os_error(exc)}")


@contextlib.contextmanager
def atomic_files(paths, mode="w"):
    """Open every path for writing; on success all are replaced together (each written and synced first,
    then renamed), on failure none is and no temporary file is left."""
    outputs = []
    try:
        for path in paths:
            outputs.append(_Output(path, mode))
        yield [o.file for o in outputs]
        for o in outputs:
            o.flush()
        for o in outputs:
            o.commit()
    except OSError as exc:
        for o in outputs:
            o.discard()
        failed = next((o.path for o in outputs if exc.filename in (o.tmp, o.path, o.target)), None)
        raise _write_error(failed or (outputs[-1].path if outputs else paths[0]), exc) from None
    except BaseException:
        for o in outputs:
            o.discard()
        raise


@contextlib.contextmanager
def atomic_write(path, mode="w"):
    """Open a temporary file beside ``path``; on success it replaces ``path``, on failure it is removed."""
    with atomic_files([path], mode) as (f,):
        yield f


@contextlib.contextmanager
def atomic_path(path):
    """A temporary path beside ``path`` for writers that want a file name (SQLite, Parquet); a special
    ``path`` gets a temporary file whose bytes are then copied into it."""
    path = os.fspath(path)
    special = is_special_output(path)
    target = write_target(path)
    folder = tempfile.gettempdir() if special else os.path.dirname(target)
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(target)}.", suffix=".tmp")
        os.close(fd)
    except OSError as exc:
        raise _write_error(path, exc) from None
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        yield tmp
        if special:
            with open(tmp, "rb") as src, open(path, "wb") as dst:
                shutil.copyfileobj(src, dst, 1 << 20)
            os.unlink(tmp)
        else:
            with open(tmp, "rb+") as f:
                os.fsync(f.fileno())
            os.replace(tmp, target)
            fsync_dir(folder)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise _write_error(path, exc) from None
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def fsync_dir(folder):
    """Make a rename in ``folder`` durable (no-op where directories cannot be opened)."""
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


def write_jsonl(path, records):
    """Write records to ``path`` atomically, one JSON object per line, in the given order."""
    with atomic_write(path) as f:
        for rec in records:
            f.write(dumps_record(rec))


def concat_files(outputs):
    """Write each ``(path, parts)`` of ``outputs`` as the concatenation of the files ``parts``; all the
    outputs are replaced together, or none."""
    outputs = list(outputs)
    with atomic_files([path for path, _ in outputs], "wb") as files:
        for out, (_, parts) in zip(files, outputs):
            for part in parts:
                with open(part, "rb") as f:
                    shutil.copyfileobj(f, out, 1 << 20)
