"""camket: commitments (targets and achievements) extracted from Vietnamese news."""

__version__ = "0.1.0"

COMMITMENT_SCHEMA = "camket.commitment/1"
ARTICLE_SCHEMA = "camket.article/1"
