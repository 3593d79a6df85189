"""The local engine: shards of items through worker processes, results regrouped per shard in order."""
from .pool import InlinePool, TimeoutPool
from .work import load_state, outcome_result, process_item


def local_pool(jobs, timeout, model_path, max_chars):
    """Worker processes with a time limit; in this process when there is one job and no limit."""
    if jobs <= 1 and not timeout:
        return InlinePool(load_state, (model_path, max_chars), process_item)
    return TimeoutPool(jobs, load_state, (model_path, max_chars), process_item, timeout=timeout)


def map_shards_local(pool, shards, on_article=None):
    """Yield (shard index, [(article record, commitments), ...]) in order, for ``(index, items)`` shards."""
    def tasks():
        for index, items in shards:
            n = len(items)
            for item in items:
                yield (index, n, item["article_id"], item.get("source")), item

    buf = []
    for (index, n, aid, source), outcome in pool.imap(tasks()):
        result = outcome_result(outcome, aid, source)
        if on_article:
            on_article(result)
        buf.append(result)
        if len(buf) == n:
            yield index, buf
            buf = []
