"""One batch run: read the inputs lazily, cut them into shards, process, write outputs atomically."""
import dataclasses
import itertools
import os
import sys
import time
from collections import Counter

from .. import __version__
from ..errors import CamketError, plural
from ..io.outputs import check_outputs_apart
from ..io.readers import DEFAULT_FIELDS, Fields, check_sources, iter_items, iter_sources
from ..io.validate import DEFAULT_MAX_CHARS
from ..io.writers import WriteError, atomic_write, check_output_path, describe_os_error, dumps_record, \
    is_special_output, write_target
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
    text_format: str = "auto"
    encoding: str = None
    published: str = None

    def manifest(self, inputs_fingerprint):
        """What must not change between a run and its resumption (jobs and engine may)."""
        return {"camket": __version__, "inputs": inputs_fingerprint,
                "fields": list(self.fields), "max_chars": self.max_chars, "timeout": self.timeout,
                "shard_size": self.shard_size, "model_path": self.model_path,
                "stdin_format": self.stdin_format, "stdin_id": self.stdin_id,
                "text_format": self.text_format, "encoding": self.encoding, "published": self.published}


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
        errors = f", {plural(n_err, 'error')} ({kinds})" if n_err else ", 0 errors"
        rate = self.n_articles / secs if secs > 0 else 0.0
        return (f"camket extract: {plural(self.n_articles, 'article')} ({self.ok} ok{errors}), "
                f"{plural(self.commitments, 'commitment')}, {secs:.1f} s ({rate:.1f} articles/s)")


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


def check_run_outputs(inputs, output, articles_output):
    """Refuse outputs that cannot be written, that are one file, or that an input would be or read."""
    outputs = []
    if output != "-":
        check_output_path(output, "output")
        outputs.append(("output", output))
    if articles_output:
        if articles_output == "-":
            raise CamketError("--articles needs its own file, different from -o")
        check_output_path(articles_output, "articles")
        same = output != "-" and not is_special_output(output) and \
            os.path.realpath(write_target(articles_output)) == os.path.realpath(write_target(output))
        if same:
            raise CamketError("--articles needs its own file, different from -o")
        outputs.append(("articles", articles_output))
    check_outputs_apart(inputs, outputs)


def check_published_option(inputs, settings):
    """--published is the date of one article: a single text or HTML file, or raw text on stdin."""
    if settings.published is None:
        return
    sources = list(itertools.islice(iter_sources(inputs, settings.stdin_format), 2))
    if len(sources) != 1 or sources[0][0] not in ("txt", "html", "stdin-text"):
        raise CamketError("--published gives the date of a single article (one text or HTML file, or raw text "
                          "on stdin); give many articles their dates in a field (--published-field)")


def work_base(output, articles_output):
    """The output the work folder goes beside: the first one that is a regular file (None: none is)."""
    for path in (output, articles_output):
        if path and path != "-" and not is_special_output(path):
            return path
    return None


def run_batch(inputs, output, articles_output=None, settings=None, resume=False, progress=None, log=None):
    """Process ``inputs`` (paths, folders, globs, '-') and write the outputs; returns a Summary.

    ``output`` '-' streams commitments to stdout (not resumable). ``progress(n)`` is called as
    articles finish; ``log(message)`` receives notes for the user.
    """
    settings = settings or BatchSettings()
    log = log or (lambda msg: None)
    n_sources, n_txt, fingerprint = check_sources(inputs, settings.fields, settings.stdin_format)
    check_published_option(inputs, settings)
    reads_stdin = "-" in inputs
    to_stdout = output == "-"
    if resume and (to_stdout or reads_stdin):
        raise CamketError("--resume needs file inputs and an output file (not '-')")
    check_run_outputs(inputs, output, articles_output)
    base = None if to_stdout else work_base(output, articles_output)
    if resume and base is None:
        raise CamketError("--resume needs an output that is a regular file (not a device or a pipe)")

    items = mark_duplicates(iter_items(inputs, settings.fields, settings.max_chars,
                                       settings.stdin_format, settings.stdin_id, text_format=settings.text_format,
                                       encoding=settings.encoding, published=settings.published))
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

    work = WorkDir(base)
    try:
        note = work.start(settings.manifest(fingerprint), resume)
    except WriteError:
        work.discard_if_empty()
        raise
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
        work.finish(n_shards, output, articles_output)
    except WriteError as exc:
        if work.keeps_work():
            raise WriteError(f"{exc}; the finished work is kept in {work.path}: make room and run the same "
                             "command again with --resume") from None
        work.discard_if_empty()
        raise
    except CamketError:
        work.discard_if_empty()  # a fatal error before any finished work leaves nothing behind
        raise
    finally:
        if work.temporary:
            work.discard_if_empty()
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


class _StdoutClosed(Exception):
    """The reader of stdout went away (carried past the articles writer, which would call it a write error)."""


def _run_to_stdout(shards, articles_output, settings, on_article):
    """Stream commitments to stdout as shards finish; article records go to a file written atomically."""
    def emit(results):
        try:
            for _, commitments in results:
                for c in commitments:
                    sys.stdout.write(dumps_record(c))
            sys.stdout.flush()
        except BrokenPipeError:
            raise _StdoutClosed() from None
        except OSError as exc:
            raise WriteError(f"cannot write the commitments to standard output: {describe_os_error(exc)}") from None

    try:
        if articles_output:
            with atomic_write(articles_output) as art:
                for _, results in _map_shards(shards, settings, on_article):
                    emit(results)
                    for record, _ in results:
                        art.write(dumps_record(record))
        else:
            for _, results in _map_shards(shards, settings, on_article):
                emit(results)
    except _StdoutClosed:
        raise BrokenPipeError(32, "Broken pipe") from None
