"""Errors the CLI turns into one human line (never a traceback)."""


class CamketError(Exception):
    """A user-facing failure: bad arguments, missing files, unusable input."""

    exit_code = 2
