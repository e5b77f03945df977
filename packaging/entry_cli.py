"""Frozen entry point of the command line (`asegui-cli`)."""

import sys

from asegui.cli import main

if __name__ == "__main__":
    sys.exit(main())
