"""The argument parser every camket command uses: no option prefixes (``--job`` is not ``--jobs``),
errors under the command's own usage, and a "did you mean" for a misspelled option or command."""
import argparse
import difflib
import re

_INVALID_CHOICE = re.compile(r"invalid choice: '([^']*)'")


class CamketParser(argparse.ArgumentParser):
    """argparse with ``allow_abbrev=False``, and suggestions in its error messages."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("allow_abbrev", False)
        super().__init__(*args, **kwargs)
        self._argv = []

    def parse_known_args(self, args=None, namespace=None):
        import sys
        self._argv = list(sys.argv[1:] if args is None else args)
        namespace, extras = super().parse_known_args(args, namespace)
        if extras and self._is_command():  # unknown options of a command are its own error, under its usage
            self.error(f"unrecognized arguments: {' '.join(extras)}")
        return namespace, extras

    def _is_command(self):
        return " " in self.prog

    def error(self, message):
        super().error(message + self._suggestions(message))

    def _suggestions(self, message):
        """' (did you mean --jobs?)' for the misspelled options in the arguments, or a misspelled command."""
        m = _INVALID_CHOICE.search(message)
        if m:
            choices = [c for a in self._actions if isinstance(a, argparse._SubParsersAction) for c in a.choices]
            close = difflib.get_close_matches(m.group(1), choices, n=1, cutoff=0.6)
            return f" (did you mean {close[0]}?)" if close else ""
        known = [s for a in self._actions for s in a.option_strings]
        hints = []
        for token in self._argv:
            if token == "--":
                break
            if not token.startswith("-") or token == "-" or _is_number(token):
                continue
            name = token.split("=", 1)[0]
            if name in known or (not name.startswith("--") and len(name) > 2 and name[:2] in known):
                continue
            close = difflib.get_close_matches(name, [k for k in known if k.startswith("--")], n=1, cutoff=0.6)
            if close and close[0] not in hints:
                hints.append(close[0])
        return f" (did you mean {', '.join(hints)}?)" if hints else ""


def _is_number(token):
    try:
        float(token)
        return True
    except ValueError:
        return False
