"""The kiosk: offline, plain-language information about heroin dependence."""

import sys

# Nothing is written at run time, bytecode included: a __pycache__ file's timestamp would tell when
# a screen was first used. Set here, the first kiosk code any entry point runs (the `kiosk` command,
# `python -m kiosk`, the single-file copy), before any other kiosk module is imported.
sys.dont_write_bytecode = True

__version__ = "0.1.0"
