"""The key hints at the foot of every screen: Textual's Footer, choosing what to show by width.

A hint is shown whole or not at all, never cut. As the screen narrows, the least important go
first: Back stays longest, then `? Keys` (the list of every key), then the screen's own keys
(Next, Tick, Show the code ...: most are also buttons on the screen), then the app-wide keys
(Home, / Search, f Find help), and last the voice key, which the voice line also shows.
Emergency and Quick exit are not here: the top bar keeps them at every width (chrome.py).
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

from rich.cells import cell_len
from textual.widget import Widget
from textual.widgets import Footer

BACK_ACTIONS = ("back", "screen.back")
KEYS_ACTIONS = ("keys", "app.keys")
# Named again on the screen itself (the voice line): at 40 columns `g Guide me` must not give way to it.
LAST_ACTIONS = ("voice", "screen.voice")


def choose_hints(hints: Sequence[Tuple[int, int]], room: int) -> List[int]:
    """Which hints to show: `hints` is (rank, width) in display order, rank 0 the most important.
    Take them by rank (then order) while they fit in `room`; return their indexes in order."""
    chosen: List[int] = []
    used = 0
    for i in sorted(range(len(hints)), key=lambda i: (hints[i][0], i)):
        width = hints[i][1]
        if used + width <= room:
            chosen.append(i)
            used += width
    return sorted(chosen)


class KeyHints(Footer):
    """The compact footer; `compose` keeps what fits (see `choose_hints`)."""

    def __init__(self, **kwargs) -> None:
        super().__init__(compact=True, **kwargs)
        self._room = 0

    def rank(self, key: str, action: str) -> int:
        if action in BACK_ACTIONS:
            return 0
        if action in KEYS_ACTIONS:
            return 1
        if action in LAST_ACTIONS:
            return 4
        node = self.screen.active_bindings.get(key, (None,))[0]
        return 3 if node is self.app else 2

    def compose(self):
        widgets: List[Widget] = list(super().compose())
        room = self.size.width or self.app.size.width
        self._room = room
        hints = []
        hides = getattr(self.screen, "hides_hint", None)  # a key that does nothing on this screen
        widgets = [w for w in widgets if not (hides and hides(getattr(w, "action", "")))]
        for widget in widgets:
            key, action = getattr(widget, "key", ""), getattr(widget, "action", "")
            label = f"{getattr(widget, 'key_display', '')} {getattr(widget, 'description', '')}"
            hints.append((self.rank(key, action), cell_len(label) + 1))  # + the gap after it
        for i in choose_hints(hints, room):
            yield widgets[i]

    def on_resize(self) -> None:
        if self.size.width != self._room:
            self.call_after_refresh(self.recompose)
