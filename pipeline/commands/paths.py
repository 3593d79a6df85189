"""Where a checkout of the repository keeps its corpus, models and ../shared: the commands' defaults only
(the library takes every path from its caller)."""
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared"
SHARED_DEV = SHARED / "corpus" / "dev"
DEV_GOLD_DIR = REPO / "corpus" / "dev"
