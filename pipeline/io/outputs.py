"""Output paths checked against the inputs: an output must never overwrite an input, nor be written
where the next run over the same inputs would read it back as an article."""
import glob
import os
import re

from ..errors import CamketError
from .readers import read_back_from_folder
from .writers import is_special_output, write_target


def check_outputs_apart(inputs, outputs):
    """Raise CamketError when an output of ``outputs`` ((what, path) pairs) is an input of ``inputs``
    (files, folders, globs, '-'), or lies where an input folder or glob would read it."""
    for what, path in outputs:
        if path == "-" or is_special_output(path):
            continue
        target = os.path.realpath(write_target(path))
        for arg in inputs:
            if arg == "-":
                continue
            why = _collision(arg, target)
            if why:
                raise CamketError(f"the {what} file {path} {why}; write it elsewhere")


def _collision(arg, target):
    """Why writing ``target`` would clash with the input ``arg``, or None."""
    if os.path.isdir(arg):
        folder = os.path.realpath(arg)
        rel = os.path.relpath(target, folder)
        if rel.startswith(os.pardir + os.sep) or rel == os.pardir:
            return None
        parts = rel.split(os.sep)
        if any(p.startswith(".") for p in parts) or not read_back_from_folder(target):
            return None
        if os.path.exists(target):
            return f"is also an input (read from the folder {arg})"
        return f"is inside the input folder {arg}: it would be read as an article by a later run"
    if os.path.exists(arg):
        return "is also an input" if os.path.realpath(arg) == target else None
    for match in glob.glob(arg, recursive=True):
        if os.path.realpath(match) == target:
            return f"is also an input (matched by {arg})"
    if _glob_regex(arg).fullmatch(target) or _glob_regex(arg).fullmatch(os.path.abspath(target)):
        return f"matches the input pattern {arg}: it would be read as an article by a later run"
    return None


def _glob_regex(pattern):
    """A regular expression for the absolute paths ``glob.glob(pattern, recursive=True)`` can give."""
    parts = os.path.abspath(pattern).split(os.sep)
    out = []
    for i, part in enumerate(parts):
        last = i == len(parts) - 1
        if part == "**":
            out.append("(?:[^/.][^/]*(?:/[^/.][^/]*)*)?" if last else "(?:[^/.][^/]*/)*")
            continue
        body = _segment(part)
        if not part.startswith(".") and part[:1] in "*?[":
            body = "(?!\\.)" + body  # like glob: wildcards do not match a leading dot
        out.append(body + ("" if last else "/"))
    return re.compile("".join(out))


def _segment(part):
    """One path segment of a glob as a regular expression that never crosses a slash."""
    out, i = [], 0
    while i < len(part):
        c = part[i]
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[" and "]" in part[i + 2:] or c == "[" and part[i + 1:i + 2] == "]":
            j = part.index("]", i + 2)
            inner = part[i + 1:j]
            if inner.startswith("!"):
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = j
        else:
            out.append(re.escape(c))
        i += 1
    return "".join(out)
