"""The links `camket track` makes between a target and the results that are its evidence, as the review
page shows them: for a target, its tracks (indicator, status, reason) with each result and the reviewer's
verdict on that link; for a result, the targets it is evidence for. Link verdicts (confirmed / rejected)
live in the verdict store beside the claim verdicts.
"""
from collections import defaultdict
from http import HTTPStatus

from .store import LINK_VERDICTS


def _brief_target(track):
    target = track.get("target") or {}
    return {"id": target.get("id"), "article_id": target.get("article_id"), "sentence": target.get("sentence"),
            "value_text": target.get("value_text"), "deadline": target.get("deadline"),
            "indicator": (track.get("indicator") or {}).get("key")}


def _brief_result(evidence):
    period = evidence.get("period") or {}
    return {"id": evidence.get("id"), "article_id": evidence.get("article_id"), "sentence": evidence.get("sentence"),
            "value_text": evidence.get("value_text"), "year": period.get("year"), "part": period.get("part"),
            "published": evidence.get("published")}


class TrackLinks:
    """Tracks indexed by their target's record id and by each result's record id."""

    def __init__(self, tracks=()):
        self.by_target = defaultdict(list)
        self.by_result = defaultdict(list)
        for t in tracks or []:
            self.by_target[(t.get("target") or {}).get("id")].append(t)
            for e in t.get("evidence") or []:
                self.by_result[e.get("id")].append((t, e))

    def find(self, target_id, result_id):
        """(track, evidence) of one proposed link, or None."""
        for t in self.by_target.get(target_id, ()):
            for e in t.get("evidence") or []:
                if e.get("id") == result_id:
                    return t, e
        return None

    def view(self, claim_id, store):
        """{"tracks": [...], "targets": [...]}: what the page shows under a claim (plain values)."""
        verdicts = {(v["target_id"], v["result_id"]): v for v in store.links(target_id=claim_id)}
        verdicts.update({(v["target_id"], v["result_id"]): v for v in store.links(result_id=claim_id)})

        def verdict(tid, rid):
            v = verdicts.get((tid, rid))
            return (v["verdict"], v["note"]) if v else (None, None)

        tracks = []
        for t in self.by_target.get(claim_id, ()):
            ind = t.get("indicator") or {}
            evidence = []
            for e in t.get("evidence") or []:
                v, note = verdict(claim_id, e.get("id"))
                evidence.append({**_brief_result(e), "meets_target": e.get("meets_target"),
                                 "conflict": e.get("conflict", False), "link": v, "note": note})
            tracks.append({"id": t.get("id"), "indicator": ind.get("name"), "key": ind.get("key"),
                           "status": t.get("status"), "reason": t.get("reason"), "evidence": evidence})
        targets = []
        for t, e in self.by_result.get(claim_id, ()):
            tid = (t.get("target") or {}).get("id")
            v, note = verdict(tid, claim_id)
            targets.append({**_brief_target(t), "status": t.get("status"), "meets_target": e.get("meets_target"),
                            "link": v, "note": note})
        return {"tracks": tracks, "targets": targets}

    def save(self, body, store):
        """Apply one link POST body {target, result, verdict (confirmed, rejected or null), note}:
        (status, payload)."""
        target_id, result_id = body.get("target"), body.get("result")
        found = self.find(target_id, result_id)
        if found is None:
            return HTTPStatus.NOT_FOUND, {"error": "no such link between these claims"}
        verdict = body.get("verdict")
        if verdict is None:
            store.delete_link(target_id, result_id)
            return HTTPStatus.OK, {"link": None}
        if verdict not in LINK_VERDICTS:
            return HTTPStatus.BAD_REQUEST, {"error": f"link verdict must be one of {', '.join(LINK_VERDICTS)}"}
        note = body.get("note")
        if note is not None and not isinstance(note, str):
            return HTTPStatus.BAD_REQUEST, {"error": "note must be a string"}
        track, evidence = found
        stored = store.put_link(target_id, result_id, verdict, target=_brief_target(track),
                                result=_brief_result(evidence), indicator=(track.get("indicator") or {}).get("key"),
                                note=note)
        return HTTPStatus.OK, {"link": stored}
