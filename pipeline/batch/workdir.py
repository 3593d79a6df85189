"""The work folder beside the output that makes a run resumable.

``<output>.camket-work/`` holds ``manifest.json`` (what the run reads and how) and one
pair of files per finished shard, each written atomically; the final outputs are
concatenated from the shards and the folder is removed on success.
"""
import json
import os
import shutil

from ..errors import CamketError
from ..io.writers import atomic_write, concat_files, dumps_record

SUFFIX = ".camket-work"


class WorkDir:
    """Shards of finished work for one output file."""

    def __init__(self, output):
        self.path = os.path.abspath(output) + SUFFIX

    def _file(self, index, kind):
        return os.path.join(self.path, f"{index:06d}.{kind}.jsonl")

    def start(self, manifest, resume):
        """Create the folder for a new run, or check that ``manifest`` matches the run being resumed.

        Returns a message for the user, or None.
        """
        note = None
        manifest_path = os.path.join(self.path, "manifest.json")
        if os.path.isdir(self.path):
            if resume:
                old = _read_manifest(manifest_path)
                changed = [k for k in sorted(set(old) | set(manifest)) if old.get(k) != manifest.get(k)]
                if changed:
                    raise CamketError(
                        f"cannot resume: the {', '.join(changed)} differ from the interrupted run in {self.path}; "
                        "run again without --resume to start over")
                return f"resuming: {len(self.done_shards())} shard(s) already done"
            shutil.rmtree(self.path)
            note = f"an unfinished earlier run was discarded ({self.path}); use --resume to continue one"
        elif resume:
            note = "nothing to resume; starting from the beginning"
        os.makedirs(self.path)
        with atomic_write(manifest_path) as f:
            json.dump(manifest, f, ensure_ascii=False, indent=1, sort_keys=True)
        return note

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
        with open(self._file(index, "articles"), encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def discard_if_empty(self):
        """Remove the folder when no shard was finished (nothing to resume)."""
        if os.path.isdir(self.path) and not self.done_shards():
            shutil.rmtree(self.path, ignore_errors=True)

    def finish(self, n_shards, commitments_out, articles_out=None):
        """Concatenate the shards into the final outputs (atomically) and remove the folder."""
        concat_files(commitments_out, [self._file(i, "commitments") for i in range(n_shards)])
        if articles_out:
            concat_files(articles_out, [self._file(i, "articles") for i in range(n_shards)])
        shutil.rmtree(self.path, ignore_errors=True)


def _read_manifest(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        raise CamketError(f"cannot resume: {path} is missing or damaged; run again without --resume") from None
