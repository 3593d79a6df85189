"""Was the promise kept? Targets tracked against later results of the same actor and indicator, across
articles (`camket track`).

actors (who), facts (what a record says: value, unit, measure, period), dates (publication and the
"as of" date), linking (which results are evidence for a target), status (met, missed, on track,
behind, no evidence), conflicts (one figure reported differently), records (the track records),
wording (values and periods in words), run (the whole join), gold / packets / scoring (link annotation
and its measurement). Rule tables: pipeline/data/canonical_indicators.json, pipeline/data/tracking.json.
"""
TRACK_SCHEMA = "camket.track/1"
STATUSES = ("met", "missed", "on_track", "behind", "no_evidence")
