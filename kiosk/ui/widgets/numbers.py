"""The table of common emergency numbers, wrapped between entries and never inside one, so at
every width from 40 columns each number shows whole without scrolling."""

from __future__ import annotations

from typing import List, Sequence, Tuple

from rich.text import Text
from textual.geometry import Size
from textual.widgets import Static

GAP = 3  # spaces between entries on one line

Entry = Tuple[str, str]  # (label, number)


def pack(entries: Sequence[Entry], width: int) -> List[List[Entry]]:
    """Entries in lines of at most `width` cells (an entry wider than that gets a line of its own)."""
    lines: List[List[Entry]] = []
    used = 0
    for label, number in entries:
        size = len(label) + 1 + len(number)
        if lines and used + GAP + size <= width:
            lines[-1].append((label, number))
            used += GAP + size
        else:
            lines.append([(label, number)])
            used = size
    return lines


class NumberTable(Static):
    """Label then the number in bold, as many to a line as fit."""

    def __init__(self, entries: Sequence[Entry], **kwargs) -> None:
        super().__init__(**kwargs)
        self.entries = list(entries)

    def lines_for(self, width: int) -> Text:
        text = Text()
        for row, line in enumerate(pack(self.entries, max(1, width))):
            if row:
                text.append("\n")
            for i, (label, number) in enumerate(line):
                text.append((" " * GAP if i else "") + label + " ")
                text.append(number, style="bold")
        return text

    def render(self) -> Text:
        return self.lines_for(self.content_region.width or 1000)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(pack(self.entries, max(1, width)))
