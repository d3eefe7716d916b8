"""What a single-file copy (`kiosk --make-pyz`) carries besides code and content: a deployment config
baked in, and a note of what went in. Both sit in kiosk/baked/ and are read through importlib.resources,
like the content pack, so the same code reads them from the zip; an installed kiosk simply has none."""

from __future__ import annotations

import sys
from importlib.resources import files
from typing import TYPE_CHECKING, Dict, Optional

from kiosk.data.tomlfile import ContentError, is_file, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Traversable

FOLDER = "baked"  # kiosk/baked/ inside the package
CONFIG = "config.toml"  # the deployment config, byte for byte as given to --config
ABOUT = "about.toml"  # written by --make-pyz: kiosk version, Python, where content and config came from


def _baked(name: str) -> Optional[Traversable]:
    found = files("kiosk").joinpath(FOLDER).joinpath(name)
    return found if is_file(found) else None


def baked_config() -> Optional[Traversable]:
    """The config baked into this copy, or None (an installed kiosk, or a copy made without --config)."""
    return _baked(CONFIG)


def about() -> Dict[str, str]:
    """What --make-pyz recorded (text values only); empty for an installed kiosk."""
    path = _baked(ABOUT)
    if path is None:
        return {}
    try:
        data, _ = read_toml(path)
    except ContentError:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)}


def running_archive() -> Optional[str]:
    """The zip file this kiosk runs from (`python3 kiosk.pyz`), or None when installed."""
    spec = sys.modules["kiosk"].__spec__
    archive = getattr(spec.loader, "archive", None) if spec is not None else None
    return archive if isinstance(archive, str) else None
