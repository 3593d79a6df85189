"""Entity scoring for tests, as the annotation guide (section 3) defines it.

A predicted entity matches a gold one of the same label when the spans overlap (each used once);
its value is then compared exactly, PROVINCE names after folding (case, type word, hyphen spacing).
"""
import json
import re
import unicodedata
from pathlib import Path


def fold_province(name):
    """Folded province name: lower-case, no leading type word, ' - ' for any hyphen, new-style tone marks."""
    if name is None:
        return None
    s = unicodedata.normalize("NFC", str(name)).lower().strip()
    for old, new in (("uỷ", "ủy"), ("oà", "òa"), ("oá", "óa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa")):
        s = s.replace(old, new)
    s = re.sub(r"^(tỉnh|thành phố|tp\.?)\s+", "", s)
    s = re.sub(r"\s*[-–]\s*", " - ", s)
    return re.sub(r"\s+", " ", s)


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


def score_label(pairs, label):
    """Precision, recall, F1 and value accuracy over (gold entities, predicted entities) pairs."""
    tp = fp = fn = ok = 0
    for gold, pred in pairs:
        g = [e for e in gold if e["label"] == label]
        p = [e for e in pred if e["label"] == label]
        used = set()
        for e in g:
            hit = next((i for i, q in enumerate(p)
                        if i not in used and min(e["end"], q["end"]) > max(e["start"], q["start"])), None)
            if hit is None:
                fn += 1
                continue
            used.add(hit)
            tp += 1
            gv, pv = e.get("value"), p[hit].get("value")
            if label == "PROVINCE":
                ok += fold_province(gv) == fold_province(pv)
            elif label == "PER":
                ok += e["text"] == p[hit]["text"]
            else:
                ok += gv == pv
        fp += len(p) - len(used)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"p": prec, "r": rec, "f1": f1, "value_acc": ok / tp if tp else 0.0, "tp": tp, "fp": fp, "fn": fn}
