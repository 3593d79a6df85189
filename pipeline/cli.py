"""Thin command-line layer: each subcommand lives in pipeline/commands/<name>.py.

A command module exposes ``register(subparsers)`` which adds its parser and
sets ``func`` to a function taking the parsed args and returning an exit code.
"""
import importlib
import sys

from . import __version__
from .commands.usage import CamketParser
from .errors import CamketError

# Order is the order of `camket --help`; every name here must be documented in README.md.
COMMANDS = ["extract", "schema", "eval", "train", "gold", "export", "review", "reviews", "report", "track"]


def build_parser(only=None):
    """The argument parser, one subparser per command module (``only``: just that command's, so that
    `camket extract` imports nothing of the review server, tracking or export)."""
    parser = CamketParser(
        prog="camket",
        description="Find commitments (targets and achievements) in Vietnamese news and write them as JSONL.",
    )
    parser.add_argument("--version", action="version", version=f"camket {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=CamketParser)
    for name in ([only] if only else COMMANDS):
        importlib.import_module(f"pipeline.commands.{name}").register(sub)
    return parser


def main(argv=None):
    """Entry point of the `camket` console script."""
    argv = sys.argv[1:] if argv is None else list(argv)
    first = argv[0] if argv else None
    parser = build_parser(first if first in COMMANDS else None)
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help(sys.stderr)
        return 2
    try:
        return int(args.func(args) or 0)
    except CamketError as exc:
        print(f"camket {args.command}: error: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print(f"camket {args.command}: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
