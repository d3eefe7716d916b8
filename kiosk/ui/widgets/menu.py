"""A menu of choices: arrows + Enter, a digit 1-9, or a click. Every label is literal text."""

from __future__ import annotations

from typing import Iterable, List, Optional, Sequence, Tuple, Union

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option


def menu_label(number: Optional[Union[int, str]], title: str, summary: str = "", one_line: bool = False) -> Text:
    """Key, bold title, then the summary (plain, not dim: dim text fails 4.5:1 on a highlighted row)."""
    label = Text()
    if isinstance(number, int):
        number = str(number) if number <= 9 else None
    label.append(f"{number} " if number else "  ", style="bold")
    label.append(title, style="bold")
    if summary:
        label.append("  " if one_line else "\n  ")
        label.append(summary)
    return label


class Menu(OptionList):
    """Options carry an id (what to open); digits 1-9 are handled by the screen via `pick()`.
    `keys` replaces the numbers shown (e.g. "0", "t"); `one_line` puts each summary beside its
    title (cut to the width, with CSS text-wrap: nowrap) so a long menu fits on one screen."""

    def __init__(self, items: Iterable[Tuple[str, str, str]], keys: Optional[Sequence[str]] = None,
                 one_line: bool = False, divider_after: Optional[int] = None, **kwargs) -> None:
        options: List[Option] = []
        for n, (item_id, title, summary) in enumerate(items, start=1):
            key: Union[int, str] = keys[n - 1] if keys is not None and n <= len(keys) else n
            options.append(Option(menu_label(key, title, summary, one_line), id=item_id))
        contents: List[Union[Option, None]] = list(options)
        if divider_after is not None and 0 < divider_after < len(options):
            contents.insert(divider_after, None)  # OptionList draws a rule under the option before a None
        super().__init__(*contents, **kwargs)

    def pick(self, number: int) -> bool:
        """Select item `number` (1-based) as if clicked; False if there is no such item."""
        if 1 <= number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()
            return True
        return False
