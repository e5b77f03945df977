"""Frozen entry point of the window (`asegui`): PyInstaller needs a script, not a console_scripts entry."""

import sys

from asegui.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
