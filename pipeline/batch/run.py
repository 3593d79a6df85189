"""One batch run: read the inputs lazily, cut them into shards, process, write outputs atomically."""
import dataclasses
import itertools
import os
import sys
import time
from collections import Counter

from .. import __version__
from ..errors import CamketError
from ..io.readers import DEFAULT_FIELDS, Fields, check_sources, iter_items
from ..io.validate import DEFAULT_MAX_CHARS
from ..io.writers import atomic_write, dumps_record
from .engines import local_pool, map_shards_local
from .workdir import WorkDir


@dataclasses.dataclass
class BatchSettings:
    """Everything that decides what a run reads and produces (and how fast)."""
    fields: Fields = DEFAULT_FIELDS
    max_chars: int = DEFAULT_MAX_CHARS
    timeout: float = 60.0
    shard_size: int = 200
    model_path: str = None
    stdin_format: str = "text"
    stdin_id: str = None
    jobs: int = 1
    engine: str = "local"
    scheduler: str = None

    def manifest(self, inputs_fingerprint):
        """What must not change between a run and its resumption (jobs and engine may)."""
        return {"camket": __version__, "inputs": inputs_fingerprint,
                "fields": list(self.fields), "max_chars": self.max_chars, "timeout": self.timeout,
                "shard_size": self.shard_size, "model_path": self.model_path,
                "stdin_format": self.stdin_format, "stdin_id": self.stdin_id}


class Summary:
    """Counts for the final line on stderr and the exit code."""

    def __init__(self):
        self.ok = 0
        self.errors = Counter()
        self.commitments = 0
        self.started = time.monotonic()
        self.total = None  # articles expected, when known before reading (text files only)

    def add(self, record, n_commitments):
        if record.get("status") == "ok":
            self.ok += 1
        else:
            self.errors[(record.get("error") or {}).get("kind", "unknown")] += 1
        self.commitments += n_commitments

    @property
    def n_articles(self):
        return self.ok + sum(self.errors.values())

    def line(self):
        secs = time.monotonic() - self.started
        n_err = sum(self.errors.values())
        kinds = ", ".join(f"{k} {v}" for k, v in sorted(self.errors.items()))
        errors = f", {n_err} error ({kinds})" if n_err else ", 0 error"
        rate = self.n_articles / secs if secs > 0 else 0.0
        return (f"camket extract: {self.n_articles} articles ({self.ok} ok{errors}), "
                f"{self.commitments} commitments, {secs:.1f} s ({rate:.1f} articles/s)")


def mark_duplicates(items):
    """Give the second and later items with an already seen article id a `duplicate_id` error."""
    seen = set()
    for item in items:
        aid = item["article_id"]
        if aid in seen and not item.get("error"):
            item = dict(item, text=None, data=None,
                        error=["duplicate_id", f"article id {aid!r} was already used earlier in this run "
                                               f"(this input: {item.get('source')})"])
        seen.add(aid)
        yield item


def shards_of(items, size):
    """Yield (index, [items]) for consecutive runs of ``size`` items."""
    it = iter(items)
    for index in itertools.count():
        chunk = list(itertools.islice(it, size))
        if not chunk:
            return
        yield index, chunk


def _check_output(path, what):
    folder = os.path.dirname(os.path.abspath(path))
    try:
        os.makedirs(folder, exist_ok=True)
    except OSError as exc:
        raise CamketError(f"cannot create the folder of the {what} file, {folder}: {exc.strerror}") from None
    if not os.access(folder, os.W_OK):
        raise CamketError(f"cannot write the {what} file in {folder}: permission denied")
    if os.path.isdir(path):
        raise CamketError(f"the {what} path is a folder: {path}")


def run_batch(inputs, output, articles_output=None, settings=None, resume=False, progress=None, log=None):
    """Process ``inputs`` (paths, folders, globs, '-') and write the outputs; returns a Summary.

    ``output`` '-' streams commitments to stdout (not resumable). ``progress(n)`` is called as
    articles finish; ``log(message)`` receives notes for the user.
    """
    settings = settings or BatchSettings()
    log = log or (lambda msg: None)
    n_sources, n_txt, fingerprint = check_sources(inputs, settings.fields, settings.stdin_format)
    reads_stdin = "-" in inputs
    to_stdout = output == "-"
    if resume and (to_stdout or reads_stdin):
        raise CamketError("--resume needs file inputs and an output file (not '-')")
    if not to_stdout:
        _check_output(output, "output")
    if articles_output:
        if articles_output == "-" or (not to_stdout and os.path.abspath(articles_output) == os.path.abspath(output)):
            raise CamketError("--articles needs its own file, different from -o")
        _check_output(articles_output, "articles")

    items = mark_duplicates(iter_items(inputs, settings.fields, settings.max_chars,
                                       settings.stdin_format, settings.stdin_id))
    summary = Summary()
    if n_txt == n_sources or (n_sources == 1 and reads_stdin and settings.stdin_format == "text"):
        summary.total = n_sources

    def on_article(result):
        summary.add(result[0], len(result[1]))
        if progress:
            progress(summary)

    if to_stdout:
        _run_to_stdout(shards_of(items, settings.shard_size), articles_output, settings, on_article)
        return summary

    work = WorkDir(output)
    note = work.start(settings.manifest(fingerprint), resume)
    if note:
        log(note)
    done = work.done_shards()
    n_shards = 0

    def todo():
        nonlocal n_shards
        for index, chunk in shards_of(items, settings.shard_size):
            n_shards = index + 1
            if index in done:
                for record in work.read_articles(index):
                    on_article((record, [None] * record.get("n_commitments", 0)))
                continue
            yield index, chunk

    try:
        for index, results in _map_shards(todo(), settings, on_article):
            work.write_shard(index, results)
    except CamketError:
        work.discard_if_empty()  # a fatal error before any finished work leaves nothing behind
        raise
    work.finish(n_shards, output, articles_output)
    return summary


def _map_shards(shards, settings, on_article):
    """(index, results) per shard, in order, from the chosen engine."""
    if settings.engine == "dask":
        from .dask_engine import map_shards_dask
        for index, results in map_shards_dask(shards, settings):
            for result in results:
                on_article(result)
            yield index, results
        return
    with local_pool(settings.jobs, settings.timeout, settings.model_path, settings.max_chars) as pool:
        yield from map_shards_local(pool, shards, on_article)


def _run_to_stdout(shards, articles_output, settings, on_article):
    """Stream commitments to stdout as shards finish; article records go to a file written atomically."""
    out = sys.stdout
    if articles_output:
        with atomic_write(articles_output) as art:
            for _, results in _map_shards(shards, settings, on_article):
                for record, commitments in results:
                    for c in commitments:
                        out.write(dumps_record(c))
                    art.write(dumps_record(record))
                out.flush()
    else:
        for _, results in _map_shards(shards, settings, on_article):
            for _, commitments in results:
                for c in commitments:
                    out.write(dumps_record(c))
            out.flush()
