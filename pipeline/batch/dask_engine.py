"""The Dask engine: one task per shard of articles, the pipeline loaded once per worker process.

Runs on an existing cluster (``--scheduler tcp://host:8786``, e.g. one started on Slurm
with dask-jobqueue) or on a LocalCluster started for the run with ``--jobs`` worker
processes. Shards carry the article items (text included); they are read lazily and
only a few are in flight at a time; results are gathered in shard order, so the records
are the same as the local engine's.
"""
import collections
import contextlib
import logging
import multiprocessing
import signal
import threading

from .pool import TimeoutPool
from .work import load_state, outcome_result, process_item
from ..errors import CamketError

_STATE = {}  # per worker process: (model_path, max_chars) -> loaded state
_POOLS = {}  # per worker process: (model_path, max_chars, timeout) -> a one-process TimeoutPool


def process_shard(items, model_path, max_chars, timeout=None):
    """Run on a Dask worker: (article record, commitments) for each item of one shard.

    With a timeout, each article runs in a child process of the worker that is killed
    when it runs too long (as in the local engine); this needs worker processes that may
    have children (``distributed.worker.daemon: False``), else no limit is applied.
    """
    pool = _pool(model_path, max_chars, timeout) if timeout else None
    if pool is not None:
        tasks = (((item["article_id"], item.get("source")), item) for item in items)
        return [outcome_result(outcome, aid, source) for (aid, source), outcome in pool.imap(tasks)]
    key = (model_path, max_chars)
    state = _STATE.get(key)
    if state is None:
        state = _STATE[key] = load_state(model_path, max_chars)
    return [process_item(state, item) for item in items]


def _pool(model_path, max_chars, timeout):
    """The worker's child process for timed articles, started once (None where children are not allowed)."""
    key = (model_path, max_chars, timeout)
    if key not in _POOLS:
        if multiprocessing.current_process().daemon:
            _POOLS[key] = None
        else:  # forkserver: never fork the threaded Dask worker itself
            pool = TimeoutPool(1, load_state, (model_path, max_chars), process_item, timeout=timeout,
                               start_method="forkserver")
            _POOLS[key] = pool.__enter__()
    return _POOLS[key]


@contextlib.contextmanager
def dask_client(scheduler=None, jobs=1):
    """A client to ``scheduler``, or to a LocalCluster of ``jobs`` single-threaded worker processes."""
    try:
        from distributed import Client, LocalCluster
    except ImportError:  # an optional extra: the local engine needs no Dask
        raise CamketError("--engine dask needs Dask: pip install 'camket[dask]'") from None
    if scheduler:
        try:
            client = Client(scheduler, timeout="30s")
        except (OSError, TimeoutError) as exc:
            raise CamketError(f"cannot reach the Dask scheduler at {scheduler}: {exc}") from None
        with client:
            yield client
        return
    import dask
    try:
        with contextlib.ExitStack() as stack:
            stack.enter_context(dask.config.set({"distributed.worker.daemon": False}))
            with _workers_deaf_to_ctrl_c():
                cluster = stack.enter_context(LocalCluster(n_workers=max(1, jobs), threads_per_worker=1,
                                                           processes=True, dashboard_address="127.0.0.1:0",
                                                           silence_logs=logging.CRITICAL))
                client = stack.enter_context(Client(cluster))
            yield client
    except BaseException:
        _quiet_shutdown()  # a cluster torn down early (Ctrl-C, a fatal error) has nothing more to say
        raise


@contextlib.contextmanager
def _workers_deaf_to_ctrl_c():
    """Start the worker processes with SIGINT ignored: Ctrl-C in a terminal reaches the whole process
    group, and only this process should answer it (with one line). Meanwhile SIGINT is also blocked
    here, so that a Ctrl-C during the start stays pending and is raised as soon as it is over."""
    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "pthread_sigmask"):
        yield
        return
    old_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    old_handler = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, old_handler)
        signal.pthread_sigmask(signal.SIG_SETMASK, old_mask)


def _quiet_shutdown():
    """No log lines or warnings from Dask while an interrupted cluster is closed."""
    import warnings
    logging.getLogger("distributed").setLevel(logging.CRITICAL + 1)
    logging.getLogger("tornado").setLevel(logging.CRITICAL + 1)
    logging.getLogger("asyncio").setLevel(logging.CRITICAL + 1)
    warnings.filterwarnings("ignore")


def map_shards_dask(shards, settings, client=None):
    """Yield (index, results) in shard order, with a bounded number of shards in flight."""
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(dask_client(settings.scheduler, settings.jobs))
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        in_flight = collections.deque()
        for index, items in shards:
            fut = client.submit(process_shard, items, settings.model_path, settings.max_chars, settings.timeout,
                                pure=False)
            in_flight.append((index, fut))
            while len(in_flight) > 2 * n_workers:
                i, f = in_flight.popleft()
                yield i, f.result()
        while in_flight:
            i, f = in_flight.popleft()
            yield i, f.result()
