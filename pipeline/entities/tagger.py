"""All entity labels of an article in one list: PER, PROVINCE, DATE and ORG, overlaps resolved.

A PROVINCE inside an ORG ("UBND tỉnh Bình Phước") is kept with it; otherwise, of two
overlapping mentions the longer wins. A person at the end of an ORG span trims the ORG,
since open-ended names ("Công ty ... Nguyễn Văn A") can run into a following name.
"""
from ..text.normalize import original_text
from .dates import find_dates
from .orgs import find_orgs
from .people import find_people
from .provinces import find_provinces

# On equal length: PER first (the people finder already skips place names, so a PER on a
# province's span comes from a title or credit: "nhà báo Hà Giang"), then PROVINCE, DATE, ORG.
_PRIORITY = {"PER": 0, "PROVINCE": 1, "DATE": 2, "ORG": 3}


def _overlap(a, b):
    return a["start"] < b["end"] and b["start"] < a["end"]


def _nested_ok(a, b):
    """True when a and b may both stay: a PROVINCE inside an ORG."""
    inner, outer = (a, b) if a["end"] - a["start"] <= b["end"] - b["start"] else (b, a)
    return (inner["label"] == "PROVINCE" and outer["label"] == "ORG"
            and outer["start"] <= inner["start"] and inner["end"] <= outer["end"])


def _trim_orgs(orgs, people, provinces, text):
    """Cut an ORG back before a person name that ends it; drop it if nothing is left."""
    out = []
    for o in orgs:
        for p in people:
            if o["start"] < p["start"] < o["end"] <= p["end"] or (o["start"] < p["start"] and p["end"] == o["end"]):
                cut = text[o["start"]:p["start"]].rstrip(" ,-–")
                end = o["start"] + len(cut)
                inside = [v for v in provinces if o["start"] <= v["start"] and v["end"] <= end]
                o = dict(o, end=end, text=cut, value=cut, province=inside[0]["value"] if inside else None)
        if o["end"] > o["start"]:
            out.append(o)
    return out


def resolve_overlaps(entities):
    """Keep the longer of two overlapping mentions (PROVINCE inside ORG both stay); sorted by start."""
    ranked = sorted(entities, key=lambda e: (-(e["end"] - e["start"]), _PRIORITY.get(e["label"], 9), e["start"]))
    kept = []
    for e in ranked:
        if all(not _overlap(e, k) or _nested_ok(e, k) for k in kept):
            kept.append(e)
    return sorted(kept, key=lambda e: (e["start"], -e["end"]))


PACKAGED = "packaged"  # people_model default: the person tagger shipped in pipeline.models, loaded once


def tag_entities(source, published=None, people_model=PACKAGED):
    """Every PER, PROVINCE, DATE and ORG mention of ``source`` (the article's `Document`, or its text),
    offsets into the text as read, sorted by start. A document's own ``published`` is used when
    ``published`` is not given.

    ``people_model``: the person tagger (`person_model.PersonTagger`, CRF merged with the rules) that
    finds PER; the packaged one by default (a missing file is an error); None = the PER rules alone."""
    text = original_text(source)
    if published is None:
        published = getattr(source, "published", None)
    if isinstance(people_model, str) and people_model == PACKAGED:
        from .person_model import packaged
        people_model = packaged()
    people = list(find_people(source)) if people_model is None else people_model.people(source)
    provinces = find_provinces(source, published)
    orgs = _trim_orgs(find_orgs(source, provinces), people, provinces, text)
    found = people + provinces + find_dates(source, published) + orgs
    return resolve_overlaps(found)
