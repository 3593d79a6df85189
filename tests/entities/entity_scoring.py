"""Entity scoring for tests, as the annotation guide (section 3) defines it.

A predicted entity matches a gold one of the same label when the spans overlap (each used once);
its value is then compared exactly, PROVINCE names after folding (case, type word, hyphen spacing).
"""
import json
from pathlib import Path

from pipeline.evaluate import entity_scores as score_label  # noqa: F401  (the project's one scorer)


def load_gold(corpus_dir):
    """[(article_id, text, gold entities)] for a corpus folder holding gold.jsonl and <id>.txt."""
    rows = []
    with open(Path(corpus_dir) / "gold.jsonl", encoding="utf-8") as f:
        for line in f:
            if line.strip():
                g = json.loads(line)
                text = (Path(corpus_dir) / f"{g['article_id']}.txt").read_text(encoding="utf-8")
                rows.append((g["article_id"], text, g["entities"]))
    return rows
