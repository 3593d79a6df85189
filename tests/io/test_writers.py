"""Atomic writing: a failure mid-way keeps the old file and leaves no temporary file."""
import json
import os

import pytest

from pipeline.io.writers import atomic_write, dumps_record, write_jsonl


def test_failure_keeps_old_file_and_leaves_no_temp(tmp_path):
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_write(target) as f:
            f.write("half a line")
            raise RuntimeError("crash")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert os.listdir(tmp_path) == ["out.jsonl"]


def test_records_are_utf8_lines_in_key_order(tmp_path):
    rec = {"schema": "camket.commitment/1", "id": "c_1", "article_id": "a", "sentence": {"text": "Hà Nội"}}
    assert dumps_record(rec) == json.dumps(rec, ensure_ascii=False) + "\n"
    write_jsonl(tmp_path / "x.jsonl", [rec, rec])
    lines = (tmp_path / "x.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines == [json.dumps(rec, ensure_ascii=False)] * 2 and "Hà Nội" in lines[0]


# ---- outputs that are not regular files are written to, never renamed over ---------------------

def _char_device(folder):
    """A character device like /dev/null in ``folder`` (root only, and where device files open), else None."""
    import stat
    path = folder / "null"
    try:
        os.mknod(path, 0o666 | stat.S_IFCHR, os.stat("/dev/null").st_rdev)
        with open(path, "w") as f:
            f.write("x")
    except OSError:
        return None
    return path


def test_a_character_device_output_survives(tmp_path):
    import stat
    dev = _char_device(tmp_path)
    if dev is None:
        pytest.skip("cannot make a device file here (not root, or a nodev file system)")
    write_jsonl(dev, [{"a": 1}])
    assert stat.S_ISCHR(os.stat(dev).st_mode)
    assert sorted(os.listdir(tmp_path)) == ["null"]


def test_a_fifo_output_is_written_through_and_survives(tmp_path):
    import stat
    import threading
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got = []
    reader = threading.Thread(target=lambda: got.append(open(fifo, encoding="utf-8").read()), daemon=True)
    reader.start()  # a daemon: were the FIFO renamed over, its reader would wait for ever
    write_jsonl(fifo, [{"a": 1}, {"b": "Hà Nội"}])
    reader.join(10)
    assert got == ['{"a": 1}\n{"b": "Hà Nội"}\n']
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_symlink_output_writes_through_to_its_target(tmp_path):
    target = tmp_path / "real" / "out.jsonl"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.jsonl"
    link.symlink_to(target)
    write_jsonl(link, [{"a": 1}])
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_text(encoding="utf-8") == '{"a": 1}\n'
    assert sorted(os.listdir(target.parent)) == ["out.jsonl"]


def test_special_paths_are_written_directly():
    from pipeline.io.writers import is_special_output
    assert is_special_output("/dev/null") and is_special_output("/dev/stdout")
    assert not is_special_output("/tmp/x.jsonl")


def test_a_pair_of_outputs_is_renamed_only_when_both_are_written(tmp_path):
    from pipeline.io.writers import atomic_files
    a, b = tmp_path / "c.jsonl", tmp_path / "a.jsonl"
    a.write_text("old c\n", encoding="utf-8")
    b.write_text("old a\n", encoding="utf-8")
    with pytest.raises(RuntimeError):
        with atomic_files([a, b]) as (fa, fb):
            fa.write("new c\n")
            fb.write("new a")
            raise RuntimeError("the disk is full")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("old c\n", "old a\n")
    assert sorted(os.listdir(tmp_path)) == ["a.jsonl", "c.jsonl"]
    with atomic_files([a, b]) as (fa, fb):
        fa.write("new c\n")
        fb.write("new a\n")
    assert (a.read_text(encoding="utf-8"), b.read_text(encoding="utf-8")) == ("new c\n", "new a\n")


def test_a_write_failure_is_a_human_error(tmp_path, monkeypatch):
    import errno
    from pipeline.errors import CamketError
    target = tmp_path / "out.jsonl"

    class Full:
        def __init__(self, f):
            self.f = f

        def write(self, s):
            raise OSError(errno.ENOSPC, "No space left on device")

        def __getattr__(self, name):
            return getattr(self.f, name)

    with pytest.raises(CamketError, match=r"cannot write .*out.jsonl: No space left on device"):
        with atomic_write(target) as f:
            Full(f).write("x")
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("where, message", [
    ("missing/out.jsonl", "does not exist"),
    ("afile/out.jsonl", "not a folder"),
    ("folder", "is a folder"),
    ("/proc/camket-out.jsonl", "/proc"),
])
def test_output_paths_that_cannot_be_written_are_refused(tmp_path, where, message):
    from pipeline.errors import CamketError
    from pipeline.io.writers import check_output_path
    (tmp_path / "afile").write_text("x", encoding="utf-8")
    (tmp_path / "folder").mkdir()
    path = where if where.startswith("/") else str(tmp_path / where)
    with pytest.raises(CamketError, match=message):
        check_output_path(path, "output")
