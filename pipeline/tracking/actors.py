"""Who a target or a result belongs to: a canonical province, or an organisation by its folded name.

People are not tracked (a person's promise is the office's, and its actor is then the organisation or
province in the record); records without an actor cannot be joined.
"""
from ..evaluate import fold_name


def actor_key(record):
    """("province", canonical name) or ("organization", folded name); None when nobody can be told."""
    actor = record.get("actor") or {}
    if not isinstance(actor, dict):
        return None
    if actor.get("province"):
        return ("province", actor["province"])
    if actor.get("kind") == "organization" and actor.get("text"):
        return ("organization", fold_name(actor["text"]))
    return None


def actor_view(record):
    """The actor as a track record shows it: name, kind, province and province after 2025."""
    actor = record.get("actor") or {}
    key = actor_key(record)
    if key is None:
        return None
    return {"name": actor.get("province") or actor.get("text"), "kind": key[0], "text": actor.get("text"),
            "province": actor.get("province"), "province_2025": actor.get("province_2025")}


def region_of(record):
    """The province an actor's area belongs to after the 2025 merger (for broad candidate sets), or None."""
    actor = record.get("actor") or {}
    return actor.get("province_2025") or actor.get("province") or None
