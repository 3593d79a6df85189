"""Writes JSONL outputs so that a crash or Ctrl-C never leaves a half-written file.

A file is written to a temporary name in the same folder, flushed, fsynced and
renamed over the target with os.replace (atomic on POSIX and Windows).
"""
import contextlib
import json
import os
import shutil
import tempfile


def dumps_record(record):
    """One JSONL line for a record: UTF-8 text as is, keys in the record's own (stable) order."""
    return json.dumps(record, ensure_ascii=False, sort_keys=False) + "\n"


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def atomic_write(path, mode="w"):
    """Open a temporary file beside ``path``; on success it replaces ``path``, on failure it is removed."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        kwargs = {"encoding": "utf-8", "newline": "\n"} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def atomic_path(path):
    """A temporary path beside ``path`` for writers that want a file name (SQLite, Parquet)."""
    path = os.fspath(path)
    folder = os.path.dirname(os.path.abspath(path))
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{os.path.basename(path)}.", suffix=".tmp")
    os.close(fd)
    try:
        os.chmod(tmp, 0o666 & ~_umask())
        yield tmp
        with open(tmp, "rb+") as f:
            os.fsync(f.fileno())
        os.replace(tmp, path)
        fsync_dir(folder)
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


def concat_files(path, parts):
    """Write the concatenation of the files ``parts`` to ``path`` atomically."""
    with atomic_write(path, "wb") as out:
        for part in parts:
            with open(part, "rb") as f:
                shutil.copyfileobj(f, out, 1 << 20)
