"""Textual bindings built from the key registry (kiosk/data/keys.py): no key string lives in a screen."""

from __future__ import annotations

from typing import List

from textual.binding import Binding, BindingType

from kiosk.data.keys import GROUPS


def bindings(*groups: str) -> List[BindingType]:
    return [
        Binding(",".join(key.keys), key.action, key.description, show=key.show,
                key_display=key.display or None, priority=key.priority, id=key.id or None)
        for group in groups for key in GROUPS[group]
    ]
