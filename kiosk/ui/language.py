"""The interface in the visitor's language: key hints, and switching languages.

Key hints (the footer, the keys screen) come from each binding's description, which Textual
reads from the node's own BindingsMap. `translate_bindings` gives a node descriptions in the
current language from ui.toml's [keys] table, keyed by the English description ("Back" =
"Atrás"). Textual (pinned) copies a class's bindings per instance with a shallow copy, so
each list is replaced, never changed in place: the class's own bindings stay English.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from textual.binding import Binding

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from kiosk.data.ui_text import UiText


def key_word(ui: "UiText", english: str) -> str:
    """The word for a key hint in the current language ("Back" -> "Atrás")."""
    key = f"keys.{english}"
    return ui(key) if ui.has_key(key) else english


def translate_bindings(node: "DOMNode", ui: "UiText") -> None:
    """Give `node`'s bindings their descriptions in the current language, from the English ones
    its class declares (so switching back and forth never translates a translation)."""
    declared = type(node)._merged_bindings  # Textual (pinned): the class's bindings, English
    originals = declared.key_to_bindings if declared is not None else {}
    bindings = node._bindings.key_to_bindings  # Textual (pinned): the node's own BindingsMap
    for key, items in list(bindings.items()):
        source = originals.get(key, items)
        if len(source) != len(items):
            source = items  # bound at run time (e.g. the config's extra emergency keys)
        bindings[key] = [dataclasses.replace(b, description=key_word(ui, b.description))
                         if isinstance(b, Binding) and b.description else b for b in source]
