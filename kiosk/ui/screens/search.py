"""Search as you type; Enter opens the highlighted (or first) result at the match."""

from __future__ import annotations

from typing import ClassVar, Iterable, List

from rich.cells import cell_len
from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Input, Static
from textual.widgets.option_list import Option

from kiosk.data.search import MAX_QUERY, Result
from kiosk.ui.bindings import bindings
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.bounded_input import BoundedInput
from kiosk.ui.widgets.menu import Menu

# When nothing matches: the places that help whatever the word was (option id, ui.toml text):
# Emergency, the crisis lines (a word search doesn't know may be someone in crisis; its words are
# crisis.toml's `link`) and Find help.
FALLBACKS = (
    ("screen:emergency", "offer_emergency"),  # ui.toml [search]
    ("screen:crisis", ""),
    ("screen:find-help", "offer_find_help"),
)


def result_label(result: Result) -> Text:
    label = Text.assemble((result.title, "bold"))
    label.append("\n  ")
    snippet = Text(result.snippet)  # not dim: dim text fails contrast on the highlighted row
    for start, end in result.spans:
        snippet.stylize("reverse", start, end)
    label.append_text(snippet)
    return label


def option_id(result: Result) -> str:
    if result.kind == "screen":
        return f"screen:{result.page_id}"
    return f"{result.page_id}:{result.section}:{result.block}"


class SearchInput(BoundedInput):
    """Backspace in an empty field goes back; Down moves into the results."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("search-field")

    def action_delete_left(self) -> None:
        if not self.value:
            self.screen.action_back()  # type: ignore[attr-defined]
        else:
            super().action_delete_left()


class SearchScreen(KioskScreen):
    BINDINGS: ClassVar[List[BindingType]] = bindings("search")
    narrate_keys: ClassVar[str] = "search"

    def compose_body(self) -> Iterable[Widget]:
        ui = self.kiosk.ui
        self.heading = ui("search.heading")
        yield SearchInput(placeholder=ui("search.placeholder"), max_length=MAX_QUERY, id="search-input")
        yield Static(Text(ui("search.hint")), id="search-status")
        yield Menu([], id="results")

    found = False  # the list holds results (not the nothing-found choices)

    def on_mount(self) -> None:
        self.query_one(SearchInput).focus()
        self.fit_placeholder()

    def on_resize(self) -> None:
        self.fit_placeholder()

    def fit_placeholder(self) -> None:
        """The long example where it fits, else the short one: a placeholder is never cut
        ("e.g. methadone," at 40 columns)."""
        field = self.query_one(SearchInput)
        room = (self.size.width or self.app.size.width) - 6  # the field's margin, border and padding
        ui = self.kiosk.ui
        long = ui("search.placeholder")
        field.placeholder = long if cell_len(long) <= room else ui("search.placeholder_short")

    def on_unmount(self) -> None:
        self.kiosk.forget_searches()  # the index's per-word cache holds what was typed

    def on_input_changed(self, event: Input.Changed) -> None:
        query = event.value
        results = self.kiosk.store.search_index.search(query) if query.strip() else []
        # A screen this app doesn't have (yet) is not offered.
        results = [r for r in results if r.kind != "screen" or self.kiosk.can_open_screen(r.page_id)]
        menu = self.query_one("#results", Menu)
        menu.clear_options()
        menu.add_options([Option(result_label(r), id=option_id(r)) for r in results])
        self.found = bool(results)
        status = self.query_one("#search-status", Static)
        ui = self.kiosk.ui
        if not query.strip():
            status.update(Text(ui("search.hint")))
        elif results:
            status.update(Text(ui.plural("search.found", len(results), n=len(results))))
        else:
            status.update(Text(ui("search.nothing")))
            menu.add_options([Option(Text(ui(f"search.{key}") if key else self.kiosk.store.crisis.link, style="bold"), id=target)
                              for target, key in FALLBACKS if self.kiosk.can_open_screen(target[len("screen:"):])])

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_first()

    def action_focus_results(self) -> None:
        menu = self.query_one("#results", Menu)
        if menu.option_count:
            menu.focus()
            menu.highlighted = 0

    def action_open_first(self) -> None:
        menu = self.query_one("#results", Menu)
        if menu.option_count and (self.found or menu.has_focus):  # Enter in the field never opens a fallback
            index = menu.highlighted if menu.highlighted is not None else 0
            self.open_result(menu.get_option_at_index(index).id or "")

    def on_option_list_option_selected(self, event: Menu.OptionSelected) -> None:
        event.stop()
        self.open_result(event.option.id or "")

    def open_result(self, option_id: str) -> None:
        if option_id.startswith("screen:"):  # a menu item's "kind:target" (kiosk/data/menu.py)
            self.kiosk.open(option_id)
            return
        page_id, section, block = option_id.split(":")
        self.kiosk.open_page(page_id, at=(int(section), int(block)) if int(section) >= 0 else None)
