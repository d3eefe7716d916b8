"""The interface in the visitor's language: key hints.

Key hints (the footer) come from each binding's description. `translate_bindings` gives a node
descriptions in the current language from ui.toml's [keys] table, keyed by the English
description ("Back" = "Atrás"), always from the English its class declares (kiosk/data/keys.py),
so switching back and forth never translates a translation.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.binding import Binding

from kiosk.ui.textual_private import binding_map, declared_binding_map

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from kiosk.data.ui_text import UiText


def key_word(ui: "UiText", english: str) -> str:
    """The word for a key hint in the current language ("Back" -> "Atrás")."""
    key = f"keys.{english}"
    return ui(key) if ui.has_key(key) else english


def translate_bindings(node: "DOMNode", ui: "UiText") -> None:
    """Give `node`'s bindings their descriptions in the current language."""
    originals = declared_binding_map(node)
    bindings = binding_map(node)
    for key, items in list(bindings.items()):
        source = originals.get(key, items)
        if len(source) != len(items):
            source = items  # bound at run time, not declared by the class
        bindings[key] = [dataclasses.replace(b, description=key_word(ui, b.description))
                         if isinstance(b, Binding) and b.description else b for b in source]


def describe_binding(node: "DOMNode", key: str, description: str) -> None:
    """Show `description` for `key` in the footer (e.g. the other language's own name)."""
    bindings = binding_map(node)
    if key in bindings:
        bindings[key] = [dataclasses.replace(b, description=description) for b in bindings[key]]
