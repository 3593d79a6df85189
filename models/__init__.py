"""The trained commitment model (commitment.skops) and its card, installed as ``pipeline.models``."""
