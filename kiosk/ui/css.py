"""Stylesheets read through importlib.resources, so they load the same way from an installed kiosk
and from inside the single-file copy (a zip), where Textual's CSS_PATH (it opens a file by path)
would fail. App and screens set `CSS = tcss(__name__, "name.tcss")`."""

from __future__ import annotations

import sys
from importlib.resources import files


def tcss(module: str, *names: str) -> str:
    """The text of the .tcss files `names`, which sit beside the module `module` (its __name__)."""
    spec = sys.modules[module].__spec__  # the module being defined is already in sys.modules
    package = files(spec.parent if spec is not None and spec.parent else module)
    return "\n".join(package.joinpath(name).read_text(encoding="utf-8") for name in names)
