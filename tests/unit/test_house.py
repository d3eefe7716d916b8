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


def kiosk_imports(path: Path) -> set:
    """The kiosk modules `path` imports (`import kiosk.x`, `from kiosk.x import y`), anywhere in it."""
    import ast

    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.add(node.module)
        elif isinstance(node, ast.Import):
            names |= {a.name for a in node.names}
    return {n for n in names if n.split(".")[0] == "kiosk"}


def test_no_terminal_module_imports_the_ui():
    """kiosk/terminal/ is the operating-system side (driver, signals, error report, input gate): no
    screen, no app. The one exception is textual_private, the one door to Textual's internals."""
    found = {(str(path.relative_to(ROOT)), name)
             for path in sorted((ROOT / "kiosk" / "terminal").rglob("*.py"))
             for name in kiosk_imports(path)
             if name.startswith("kiosk.ui") and name != "kiosk.ui.textual_private"}
    assert "kiosk.terminal.input_gate" in kiosk_imports(ROOT / "kiosk/terminal/driver.py")  # the scan sees imports
    assert found == set()


def test_the_private_textual_api_is_the_pinned_versions():
    """kiosk/ui/textual_private.py reaches into Textual's internals: re-check every use there before
    changing the pin. Fails loudly when the installed Textual is not the one it was written for."""
    from kiosk.ui import textual_private

    pinned = next(line for line in (ROOT / "pyproject.toml").read_text().splitlines() if '"textual==' in line)
    assert f"textual=={textual_private.PINNED_TEXTUAL}" in pinned
    assert version("textual") == textual_private.PINNED_TEXTUAL


def textual_private_names() -> set:
    """Every private name the installed Textual defines: methods, class attributes, `self._x`."""
    import re

    import textual

    names = set()
    for path in Path(textual.__file__).parent.rglob("*.py"):
        src = path.read_text(encoding="utf-8")
        names |= set(re.findall(r"\bself\.(_[a-z][a-z0-9_]*)\b", src))
        names |= set(re.findall(r"^\s*(?:async )?def (_[a-z][a-z0-9_]*)\(", src, re.M))
        names |= set(re.findall(r"^\s+(_[a-z][a-z0-9_]*)\s*[:=]", src, re.M))
    return names


def private_textual_uses(path: Path, textual_names: set, classes: bool = True) -> set:
    """(file, name) for each private Textual name `path` uses: `from textual._x import`, and any
    `obj._name`, `def _name` or `self._name` that is Textual's (in a class with a Textual base:
    Textual's names; elsewhere: a Textual name the kiosk does not define itself)."""
    import ast
    import importlib

    rel = str(path.relative_to(ROOT))
    tree = ast.parse(path.read_text(encoding="utf-8"))
    module = importlib.import_module(rel[:-3].replace("/", ".").removesuffix(".__init__")) if classes else None
    own = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute) and isinstance(n.ctx, ast.Store)}
    own |= {n.name for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
    uses = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("textual") and (
                "._" in node.module or any(a.name.startswith("_") for a in node.names)):
            uses.add((rel, node.module))
        if isinstance(node, ast.Import) and any("textual._" in a.name for a in node.names):
            uses.add((rel, "import textual._"))

    def textual_bases(cls: ast.ClassDef) -> list:
        obj = getattr(module, cls.name, None)
        return [c for c in obj.__mro__ if c.__module__.startswith("textual.")] if isinstance(obj, type) else []

    def visit(node: ast.AST, bases: list, methods: set) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                defs = {n.name for n in child.body if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))}
                visit(child, textual_bases(child), defs)
                continue
            name = None
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)) and bases:
                if any(hasattr(base, child.name) for base in bases):
                    name = child.name  # overrides Textual's
            elif isinstance(child, ast.Attribute):
                is_self = isinstance(child.value, ast.Name) and child.value.id == "self"
                if is_self and bases:
                    if any(hasattr(base, child.attr) for base in bases) or child.attr not in methods:
                        name = child.attr  # its Textual base's (a method, or an instance attribute)
                elif child.attr not in own:
                    name = child.attr
            if name and name.startswith("_") and not name.startswith("__") and name in textual_names:
                uses.add((rel, name))
            visit(child, bases, methods)

    visit(tree, [], set())
    return uses


def test_private_textual_names_are_used_only_behind_one_module():
    """Every private Textual name the kiosk uses is in kiosk/ui/textual_private.py, or (a subclass
    overriding or reading its own base's internals) declared there with its reason."""
    from kiosk.ui.textual_private import DECLARED_ELSEWHERE

    names = textual_private_names()
    assert {"_compositor", "_handle_exception", "_on_paste", "_gen"} <= names  # the scan sees them
    used = set()
    for path in sorted((ROOT / "kiosk").rglob("*.py")):
        if path.name not in ("textual_private.py", "__main__.py"):
            used |= private_textual_uses(path, names)
    assert used - set(DECLARED_ELSEWHERE) == set()
    assert set(DECLARED_ELSEWHERE) - used == set()  # nothing declared that is no longer used


# Private Textual names the tests still use directly, each with what it reads (the rest go through
# kiosk/ui/textual_private.py: screen_strips, simulated_key, messages_processed, draw_now,
# spy_on_frames, ready_screen). A new one fails the test below: add a helper there instead.
TESTS_DECLARED = {
    "_driver": "the headless driver: feed it keys and messages, spy on what is written",
    "_screen_stacks": "a mode's stack is gone after quick exit",
    "_modes": "no visit mode is left after quick exit",
    "_timers": "a screen's timers, stopped after quick exit",
    "_task": "a timer's task, done after quick exit",
    "_clipboard": "what Textual keeps of a copy, wiped by quick exit",
    "_notifications": "no toast outlives the visit",
    "_compositor": "the composited frame, for the contrast and find-it tests",
    "_close_messages_no_wait": "panic's own shutdown, as Textual calls it",
    "textual.pilot": "_get_mouse_message_arguments: a mouse move where Pilot has no helper",
    "_active": "the dose ticker (a Textual Timer) runs, or has stopped",
    "_interval": "the idle timer is one shot of the configured seconds",
    "_query_in_band_window_resize": "the driver never asks the terminal for size reports (issue 22)",
    "_enable_in_band_window_resize": "the driver never enables size reports (issue 22)",
    "_repeat": "the idle timer is one shot of the configured seconds",
    "_options": "the home menu's options (OptionList) as shown",
    "_sigtstp_application": "Textual's Ctrl+Z handler, called as a ^Z at start-up would (does nothing in kiosk mode)",
    "_sigcont_application": "Textual's SIGCONT handler, likewise",
}


def DECLARED_ELSEWHERE_PAIRS():
    from kiosk.ui.textual_private import DECLARED_ELSEWHERE

    return DECLARED_ELSEWHERE


def test_private_textual_uses_in_the_tests_are_declared():
    import ast

    kiosk_own = set()  # the kiosk's own private attributes (app.idle._timer): not Textual's
    for path in (ROOT / "kiosk").rglob("*.py"):
        if path.name == "textual_private.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                kiosk_own.add(node.attr)
    names = textual_private_names() - (kiosk_own - {n for _, n in DECLARED_ELSEWHERE_PAIRS()})
    # (a test subclass of a Textual class is not resolved here: the tests' classes are few and public)
    used = set()
    for path in sorted((ROOT / "tests").rglob("test_*.py")) + [ROOT / "tests" / "support.py"]:
        if "__snapshots__" not in path.parts and "benchmarks" not in path.parts:
            used |= {name for _, name in private_textual_uses(path, names, classes=False)}
    assert used - set(TESTS_DECLARED) == set()
    assert set(TESTS_DECLARED) - used == set()


def test_each_upstream_function_the_kiosk_copies_or_overrides_is_the_one_it_was_written_against():
    """A Textual upgrade that changes any of them fails here, naming each: re-read it against the
    kiosk's copy or override (kiosk/ui/textual_private.py, UPSTREAM), then update its hash."""
    from kiosk.ui.textual_private import UPSTREAM, upstream_fingerprint

    changed = {name: (upstream_fingerprint(name), pinned) for name, pinned in UPSTREAM.items()
               if upstream_fingerprint(name) != pinned}
    assert changed == {}, "upstream changed (now, pinned): " + ", ".join(f"{n} {v}" for n, v in changed.items())
