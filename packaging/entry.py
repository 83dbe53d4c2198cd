"""The frozen executable's entry point (PyInstaller runs this file as __main__): the same as `sluice`."""

import sys

from app.main import main

if __name__ == "__main__":
    sys.exit(main())
