"""`camket schema`: print the JSON Schema of the records."""
import json

from ..schemas import NAMES, load_schema


def register(sub):
    p = sub.add_parser("schema", help="print the JSON Schema (draft 2020-12) of commitment, article or track records",
                       description="Print the JSON Schema (draft 2020-12) of the records camket writes.")
    p.add_argument("name", nargs="?", choices=NAMES, default="commitment",
                   help="which record schema to print (default: commitment)")
    p.set_defaults(func=run)


def run(args):
    print(json.dumps(load_schema(args.name), ensure_ascii=False, indent=2))
    return 0
