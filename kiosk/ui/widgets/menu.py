"""A menu of choices: arrows + Enter, a digit 1-9, or a click. Every label is literal text."""

from __future__ import annotations

from typing import Iterable, List, Optional, Tuple

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def menu_label(number: Optional[int], title: str, summary: str = "") -> Text:
    label = Text()
    label.append(f"{number} " if number is not None and number <= 9 else "  ", style="bold")
    label.append(title, style="bold")
    if summary:
        label.append("\n  ")
        label.append(summary, style="dim")
    return label


class Menu(OptionList):
    """Options carry an id (what to open); digits 1-9 are handled by the screen via `pick()`."""

    def __init__(self, items: Iterable[Tuple[str, str, str]], **kwargs) -> None:
        options: List[Option] = []
        for n, (item_id, title, summary) in enumerate(items, start=1):
            options.append(Option(menu_label(n, title, summary), id=item_id))
        super().__init__(*options, **kwargs)

    def pick(self, number: int) -> bool:
        """Select item `number` (1-based) as if clicked; False if there is no such item."""
        if 1 <= number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()
            return True
        return False
