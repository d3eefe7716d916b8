"""The interface in the visitor's language: key hints.

Key hints (the footer) come from each binding's description. `translate_bindings` gives a node
descriptions in the current language from ui.toml's [keys] table, keyed by the English
description ("Back" = "Atrás"), always from the English its class declares (kiosk/data/keys.py),
so switching back and forth never translates a translation.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Dict, List

from textual.binding import Binding

from kiosk.data.keys import local_actions, local_key
from kiosk.ui.textual_private import binding_map, declared_binding_map

if TYPE_CHECKING:
    from textual.dom import DOMNode

    from kiosk.data.ui_text import UiText


def key_word(ui: "UiText", english: str) -> str:
    """The word for a key hint in the current language ("Back" -> "Atrás")."""
    key = f"keys.{english}"
    return ui(key) if ui.has_key(key) else english


def translate_bindings(node: "DOMNode", ui: "UiText", code: str = "en") -> None:
    """Give `node`'s bindings their descriptions, and keys (kiosk/data/keys.py LOCAL_KEYS: `s`
    for "Sí"), in the current language. A key moved to a letter already bound goes first there:
    Textual runs the first binding its screen enables."""
    originals = declared_binding_map(node)
    bindings = binding_map(node)

    local = local_actions()
    # Every key now bound, and every declared key with an action some language moves (so a move
    # made for another language is undone); a moved copy is made anew from its declaration.
    keys = list(bindings) + [k for k, items in originals.items()
                             if k not in bindings and any(b.action in local for b in items)]
    out: Dict[str, List[Binding]] = {}  # in the order declared: the footer shows them in this order
    for key in keys:
        items = [b for b in bindings.get(key, []) if key in originals or b.action not in local]
        source = originals.get(key, items)
        if key in bindings and len(source) != len(items):
            source = items  # bound at run time, not declared by the class
        for b in source:
            if isinstance(b, Binding) and b.description:
                b = dataclasses.replace(b, description=key_word(ui, b.description))
            to = local_key(code, b.action, key) if isinstance(b, Binding) else key
            if to != key:  # moved to this language's key, ahead of what that key does otherwise
                out[to] = [dataclasses.replace(b, key=to)] + out.get(to, [])
            else:
                out.setdefault(key, []).append(b)
    bindings.clear()
    bindings.update(out)


def describe_binding(node: "DOMNode", key: str, description: str) -> None:
    """Show `description` for `key` in the footer (e.g. the other language's own name)."""
    bindings = binding_map(node)
    if key in bindings:
        bindings[key] = [dataclasses.replace(b, description=description) for b in bindings[key]]
