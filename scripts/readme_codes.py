"""Write the README's table of codes from the rules registry (driftsforum_cli.domain.rules.catalogue).

python scripts/readme_codes.py            # rewrite the table between its markers in README.md
python scripts/readme_codes.py --check    # exit 1 if README.md's table differs from the registry
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from driftsforum_cli.domain.rules.catalogue import with_readme_table

README = Path(__file__).resolve().parent.parent / "README.md"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true", help="only check that README.md is up to date")
    args = parser.parse_args(argv)
    text = README.read_text(encoding="utf-8")
    wanted = with_readme_table(text)
    if wanted == text:
        return 0
    if args.check:
        print(f"{README.name}: the table of codes differs from the registry; run python scripts/readme_codes.py")
        return 1
    README.write_text(wanted, encoding="utf-8", newline="\n")
    print(f"{README.name}: table of codes written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
