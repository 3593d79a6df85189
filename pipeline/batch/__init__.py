"""Runs the extractor over many inputs: streaming, in worker processes, resumable, written atomically."""
from .run import BatchSettings, run_batch  # noqa: F401
