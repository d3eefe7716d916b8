"""An Input that takes what fits of a paste, and only text that draws as itself.

Every text field has a `max_length` (issue 16: a pasted megabyte must not freeze the kiosk), and
Textual's Input then refuses a longer paste whole: nothing happens. Here the paste is cut to the
room left, its first line only (as Input does).

Issue 22: Input draws its value as it is, so a pasted `ESC]2;title BEL` set the terminal's title
(which outlives the visit), `ESC[?1049l` dropped the alternate screen, and U+FFFF misaligned the
line. Every way text gets into a field (a typed key, a paste) goes through `replace`, which keeps
only `clean_text`."""

from __future__ import annotations

import re
import unicodedata

from textual import events
from textual.widgets import Input

# Whole escape sequences (their parameters are not text): CSI, OSC / DCS / APC / PM / SOS strings
# up to BEL or ST, and any other ESC + one character. 8-bit CSI (0x9b) and OSC (0x9d) too.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|(?:\x1b[\]P_^X]|[\x9d\x90\x9f\x9e\x98])[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[^\[\]P_^X]?")
# Cc: C0, DEL, C1; Cs: lone surrogates; Cn: unassigned and noncharacters (U+FFFF, U+10FFFF);
# Co: private use (no width a terminal agrees on); Cf: format characters (bidi overrides such as
# U+202E turn text around), except the joiners that emoji and some scripts need.
_DROPPED = frozenset(("Cc", "Cs", "Cn", "Co", "Cf"))
_KEPT_FORMAT = frozenset("\u200c\u200d")


def clean_text(text: str) -> str:
    """`text` without escape sequences or characters a terminal would act on or misdraw."""
    if text.isprintable() and text.isascii():
        return text  # the usual typed letter: nothing to do
    text = _SEQUENCE.sub("", text)
    return "".join(c for c in text if c in _KEPT_FORMAT or unicodedata.category(c) not in _DROPPED)


class BoundedInput(Input):
    def _on_paste(self, event: events.Paste) -> None:  # Textual's handler (pinned 8.2.8), cut to fit
        if self.max_length and event.text:
            start, end = sorted(self.selection)
            room = self.max_length - len(self.value) + (end - start)
            lines = event.text[: self.max_length * 8].splitlines()
            event.text = clean_text(lines[0])[: max(room, 0)] if lines else ""
        super()._on_paste(event)
        event.prevent_default()  # Textual calls each class's _on_paste: Input's would insert it again

    def replace(self, text: str, start: int, end: int) -> None:
        """Every insertion (typed keys, pastes, insert_text_at_cursor) goes through here."""
        super().replace(clean_text(text), start, end)
