"""Entry point of the desktop window (built in the window issue)."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    print("asegui: the desktop window is not built yet; use asegui-cli.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
