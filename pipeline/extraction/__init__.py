"""Extraction of commitments: numbers, metrics, deadlines, indicators, cues and features, the rules that
propose candidates and the classifier that decides them."""
