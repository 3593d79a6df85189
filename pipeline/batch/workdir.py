"""The work folder beside the output that makes a run resumable.

``<output>.camket-work/`` holds ``manifest.json`` (what the run reads and how) and one
pair of files per finished shard, each written atomically; the final outputs are
assembled from the shards (both written, then both renamed) and the folder is removed on
success. When no output is a regular file (``-o /dev/null`` without ``--articles``) the
work goes to a temporary folder instead, and the run cannot be resumed.
"""
import json
import os
import shutil
import tempfile

from ..errors import CamketError
from ..io.jsonl import read_jsonl
from ..io.writers import WriteError, atomic_write, concat_files, describe_os_error, dumps_record

SUFFIX = ".camket-work"

# manifest keys -> the option the user changed, for refusals of --resume
OPTIONS = {"camket": "the camket version", "inputs": "the inputs (files, sizes or modification times)",
           "max_chars": "--max-chars", "timeout": "--timeout", "shard_size": "--shard-size", "model_path": "--model",
           "stdin_format": "--stdin-format", "stdin_id": "--stdin-id", "text_format": "--text-format",
           "encoding": "--encoding", "published": "--published"}
FIELD_OPTIONS = ("--id-field", "--text-field", "--title-field", "--published-field", "--url-field")


def changed_options(old, new):
    """The options (or other settings) in which manifest ``new`` differs from ``old``, as the user names them."""
    names = []
    for key in sorted(set(old) | set(new), key=lambda k: list(OPTIONS).index(k) if k in OPTIONS else 99):
        if old.get(key) == new.get(key):
            continue
        if key == "fields":
            was, now = old.get(key) or [None] * 5, new.get(key) or [None] * 5
            names += [opt for opt, a, b in zip(FIELD_OPTIONS, was, now) if a != b] or ["the field options"]
        else:
            names.append(OPTIONS.get(key, key))
    return names


class WorkDir:
    """Shards of finished work for one output file (``None``: a temporary folder, not resumable)."""

    def __init__(self, output):
        self.temporary = output is None
        self.path = tempfile.mkdtemp(prefix="camket-work-") if output is None else os.path.abspath(output) + SUFFIX

    def _file(self, index, kind):
        return os.path.join(self.path, f"{index:06d}.{kind}.jsonl")

    def start(self, manifest, resume):
        """Create the folder for a new run, or check that ``manifest`` matches the run being resumed.

        Returns a message for the user, or None.
        """
        note = None
        manifest_path = os.path.join(self.path, "manifest.json")
        if self.temporary:
            self._write_manifest(manifest_path, manifest)
            return None
        if os.path.isdir(self.path):
            if resume:
                changed = changed_options(_read_manifest(manifest_path), manifest)
                if changed:
                    verb = "differs" if len(changed) == 1 else "differ"
                    raise CamketError(
                        f"cannot resume: {_and(changed)} {verb} from the interrupted run in {self.path}; "
                        "run again with the same options, or without --resume to start over")
                n = len(self.done_shards())
                return f"resuming: {n} {'shard' if n == 1 else 'shards'} already done"
            shutil.rmtree(self.path)
            note = f"an unfinished earlier run was discarded ({self.path}); use --resume to continue one"
        elif resume:
            note = "nothing to resume; starting from the beginning"
        try:
            os.makedirs(self.path)
        except OSError as exc:
            raise WriteError(f"cannot create the work folder {self.path}: {describe_os_error(exc)}") from None
        self._write_manifest(manifest_path, manifest)
        return note

    @staticmethod
    def _write_manifest(path, manifest):
        with atomic_write(path) as f:
            json.dump(manifest, f, ensure_ascii=False, indent=1, sort_keys=True)

    def keeps_work(self):
        """True when finished shards are kept for --resume after a failure."""
        return not self.temporary and os.path.isdir(self.path) and bool(self.done_shards())

    def done_shards(self):
        """Indices of shards whose files are complete (the articles file is written last)."""
        done = set()
        for name in os.listdir(self.path):
            if name.endswith(".articles.jsonl") and name[:6].isdigit():
                done.add(int(name[:6]))
        return done

    def write_shard(self, index, results):
        """Write one shard's commitments, then its article records, each atomically."""
        with atomic_write(self._file(index, "commitments")) as f:
            for _, commitments in results:
                for c in commitments:
                    f.write(dumps_record(c))
        with atomic_write(self._file(index, "articles")) as f:
            for record, _ in results:
                f.write(dumps_record(record))

    def read_articles(self, index):
        """The article records of a finished shard."""
        return read_jsonl(self._file(index, "articles"))

    def discard_if_empty(self):
        """Remove the folder when no shard was finished (nothing to resume), and always a temporary one."""
        if os.path.isdir(self.path) and (self.temporary or not self.done_shards()):
            shutil.rmtree(self.path, ignore_errors=True)

    def finish(self, n_shards, commitments_out, articles_out=None):
        """Assemble the shards into the final outputs, both written before either is renamed, and remove
        the folder."""
        outputs = [(commitments_out, [self._file(i, "commitments") for i in range(n_shards)])]
        if articles_out:
            outputs.append((articles_out, [self._file(i, "articles") for i in range(n_shards)]))
        concat_files(outputs)
        shutil.rmtree(self.path, ignore_errors=True)


def _read_manifest(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        raise CamketError(f"cannot resume: {path} is missing or damaged; run again without --resume") from None


def _and(names):
    """'a', 'a and b', 'a, b and c'."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
