"""An Input that takes what fits of a paste.

Every text field has a `max_length` (issue 16: a pasted megabyte must not freeze the kiosk), and
Textual's Input then refuses a longer paste whole: nothing happens. Here the paste is cut to the
room left, its first line only (as Input does)."""

from __future__ import annotations

from textual import events
from textual.widgets import Input


class BoundedInput(Input):
    def _on_paste(self, event: events.Paste) -> None:  # Textual's handler (pinned 8.2.8), cut to fit
        if self.max_length and event.text:
            start, end = sorted(self.selection)
            room = self.max_length - len(self.value) + (end - start)
            lines = event.text[: self.max_length * 4].splitlines()
            event.text = lines[0][: max(room, 0)] if lines else ""
        super()._on_paste(event)
