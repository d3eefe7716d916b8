"""The house rules (issue 9): the data layer never loads Textual or Rich; the private Textual API
the kiosk relies on is the pinned version's."""

from __future__ import annotations

import json
import pkgutil
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

import kiosk.data

ROOT = Path(__file__).resolve().parents[2]


def test_importing_every_data_module_loads_neither_textual_nor_rich():
    modules = [m.name for m in pkgutil.iter_modules(kiosk.data.__path__, "kiosk.data.")]
    assert "kiosk.data.keys" in modules and "kiosk.data.content" in modules
    code = ("import importlib, json, sys\n"
            f"for m in {modules!r}: importlib.import_module(m)\n"
            "print(json.dumps(sorted(n for n in sys.modules if n.split('.')[0] in ('textual', 'rich'))))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert json.loads(out) == []


def test_the_private_textual_api_is_the_pinned_versions():
    """kiosk/ui/textual_private.py reaches into Textual's internals: re-check every use there before
    changing the pin. Fails loudly when the installed Textual is not the one it was written for."""
    from kiosk.ui import textual_private

    pinned = next(line for line in (ROOT / "pyproject.toml").read_text().splitlines() if '"textual==' in line)
    assert f"textual=={textual_private.PINNED_TEXTUAL}" in pinned
    assert version("textual") == textual_private.PINNED_TEXTUAL


def test_private_textual_names_are_used_only_behind_one_module():
    import re

    offenders = []
    for path in (ROOT / "kiosk").rglob("*.py"):
        if path.name == "textual_private.py":
            continue
        text = path.read_text(encoding="utf-8")
        if re.search(r"from textual\._|import textual\._|\bself\._(installed_screens|get_screen|load_screen_css|"
                     r"clipboard|exception|return_code|bindings|exit)\b", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []
