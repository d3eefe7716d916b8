"""A menu of choices: arrows + Enter, a digit 1-9, or a click. Every label is literal text."""

from __future__ import annotations

import textwrap
from typing import Iterable, List, Optional, Sequence, Union

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kiosk.data.menu import MenuItem


def hang(text: str, width: Optional[int]) -> List[str]:
    """`text` in lines of at most `width` (all of it on one line when the width is unknown)."""
    return textwrap.wrap(text, width) or [""] if width and width > 8 else [text]


def menu_label(number: Optional[Union[int, str]], title: str, summary: str = "", one_line: bool = False,
               width: Optional[int] = None) -> Text:
    """Key, bold title, then the summary (plain, not dim: dim text fails 4.5:1 on a highlighted row).
    Given the menu's `width`, wrapped lines hang under their words, not under the key (40 columns)."""
    label = Text()
    if isinstance(number, int):
        number = str(number) if number <= 9 else None
    key = f"{number} " if number else "  "
    label.append(key, style="bold")
    room = None if one_line or not width else width - len(key)
    label.append(("\n" + " " * len(key)).join(hang(title, room)), style="bold")
    if summary:
        label.append("  " if one_line else "\n  ")
        label.append("\n  ".join(hang(summary, room)))
    return label


def menu_options(items: Iterable[MenuItem], keys: Optional[Sequence[str]] = None,
                 one_line: bool = False, width: Optional[int] = None) -> List[Option]:
    options: List[Option] = []
    for n, item in enumerate(items, start=1):
        key: Union[int, str] = keys[n - 1] if keys is not None and n <= len(keys) else n
        options.append(Option(menu_label(key, item.title, item.summary, one_line, width), id=item.opens))
    return options


class Menu(OptionList):
    """Each option's id is what its item opens ("kind:target", kiosk/data/menu.py): a choice is
    handed to `KioskApp.open`. Digits 1-9 are handled by the screen via `pick()`.
    `keys` replaces the numbers shown (e.g. "0", "t"); `one_line` puts each summary beside its
    title (cut to the width, with CSS text-wrap: nowrap) so a long menu fits on one screen."""

    def __init__(self, items: Iterable[MenuItem], keys: Optional[Sequence[str]] = None,
                 one_line: bool = False, divider_after: Optional[int] = None, **kwargs) -> None:
        self._items, self._keys, self._one_line = list(items), keys, one_line
        self._divider_after = divider_after
        self._wrapped_for: Optional[int] = None  # the width the labels were wrapped for
        options = menu_options(self._items, keys, one_line)
        contents: List[Union[Option, None]] = list(options)
        if divider_after is not None and 0 < divider_after < len(options):
            contents.insert(divider_after, None)  # OptionList draws a rule under the option before a None
        super().__init__(*contents, **kwargs)

    def set_items(self, items: Iterable[MenuItem]) -> None:
        """Replace every option (numbered from 1 again)."""
        self._items, self._keys, self._divider_after = list(items), None, None
        self.clear_options()
        self.add_options(menu_options(self._items, width=self._wrapped_for))

    def on_resize(self) -> None:
        """Wrap the labels for this width, each wrapped line under its own words."""
        width = self.scrollable_content_region.width
        if self._one_line or not width or width == self._wrapped_for or not self._items:
            return
        self._wrapped_for = width
        for index, option in enumerate(menu_options(self._items, self._keys, width=width)):
            if index < self.option_count:
                self.replace_option_prompt_at_index(index, option.prompt)

    def pick(self, number: int) -> bool:
        """Select item `number` (1-based) as if clicked; False if there is no such item."""
        if 1 <= number <= self.option_count:
            self.highlighted = number - 1
            self.action_select()
            return True
        return False
