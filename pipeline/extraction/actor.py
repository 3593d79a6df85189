"""Who commits or achieves: a province (canonical name), an organisation, or nobody.

Order of evidence: a provincial body or province named in the sentence; the
article's own province when the sentence speaks of "tỉnh"/"thành phố" or of
nobody; a national organisation named in the sentence; else the article's
main province or organisation.
"""
from collections import Counter

import regex

_LOCAL_SUBJECT = regex.compile(r"(?<!\p{L})(tỉnh|thành phố|tp|huyện|toàn tỉnh|địa phương)(?!\p{L})")


def main_province(entities):
    """The article's province: the most mentioned one (first mention breaks ties)."""
    provs = [e for e in entities if e["label"] == "PROVINCE" and e.get("value")]
    if not provs:
        return None
    counts = Counter(e["value"] for e in provs)
    first = {}
    for e in provs:
        first.setdefault(e["value"], e["start"])
    best = max(counts, key=lambda v: (counts[v], -first[v]))
    return next(e for e in provs if e["value"] == best)


def main_org(entities):
    """The article's most mentioned organisation, or None."""
    orgs = [e for e in entities if e["label"] == "ORG"]
    if not orgs:
        return None
    counts = Counter(e.get("value") or e["text"] for e in orgs)
    best = counts.most_common(1)[0][0]
    return next(e for e in orgs if (e.get("value") or e["text"]) == best)


def _province_actor(ent, text=None):
    return {"text": text or ent["text"], "kind": "province", "province": ent["value"],
            "province_2025": ent.get("province_2025")}


def _org_actor(org):
    rec = {"text": org.get("value") or org["text"], "kind": "organization"}
    if org.get("province"):
        rec["province"] = org["province"]
        rec["province_2025"] = org.get("province_2025")
        rec["kind"] = "province"
    return rec


def find_actor(lowered_sentence, sentence_entities, article_entities):
    """The actor dict of the contract for one sentence, or None."""
    orgs = [e for e in sentence_entities if e["label"] == "ORG"]
    provs = [e for e in sentence_entities if e["label"] == "PROVINCE" and e.get("value")]
    for org in orgs:
        if org.get("province"):
            return _org_actor(org)
    if provs:
        return _province_actor(provs[0])
    home = main_province(article_entities)
    if home and (_LOCAL_SUBJECT.search(lowered_sentence) or not orgs):
        return _province_actor(home)
    if orgs:
        return _org_actor(orgs[0])
    org = main_org(article_entities)
    return _org_actor(org) if org else None
