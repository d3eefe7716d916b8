"""One content page: sections of paragraphs and bullets, then links to related pages."""

from __future__ import annotations

from typing import ClassVar, Iterable, List, Optional, Tuple

from rich.table import Table
from rich.text import Text
from textual.binding import BindingType
from textual.widget import Widget
from textual.widgets import Static

from kiosk.data.content import Block, Page
from kiosk.data.menu import MenuItem, page_item, screen_item
from kiosk.ui.bindings import bindings
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.menu import Menu
from kiosk.ui.widgets.scroll import ReadingScroll


def render_block(block: Block) -> Table | Text:
    """Paragraphs as text; bullets as a two-column grid so wrapped lines hang under the text."""
    if block.kind == "para":
        return Text(block.text)
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=2 + 2 * block.level, justify="right")
    grid.add_column(ratio=1)
    grid.add_row("•" if block.level == 0 else "–", Text(block.text))
    return grid


class PageScreen(KioskScreen):
    BINDINGS: ClassVar[List[BindingType]] = bindings("page")
    narrate_keys: ClassVar[str] = "page"

    def __init__(self, page: Page, at: Optional[Tuple[int, int]] = None) -> None:
        super().__init__()
        self.page = page
        self.heading = page.title
        self.at = at  # (section, block) to scroll to, e.g. a search match

    def compose_body(self) -> Iterable[Widget]:
        with ReadingScroll(id="page-body"):
            if self.page.fallback:  # the visitor's language lacks this page: say so, in their words
                yield Static(Text(self.kiosk.ui("language.page_in_english")), classes="summary in-english")
            yield Static(Text(self.page.summary), classes="summary")
            for s, section in enumerate(self.page.sections):
                # A heading that repeats the page title is noise on a small screen: hidden.
                repeat = " repeat" if section.heading == self.page.title else ""
                yield Static(Text(section.heading), classes="section-heading" + repeat, id=f"s{s}")
                for b, block in enumerate(section.blocks):
                    yield Static(render_block(block), classes=f"block {block.kind}", id=f"s{s}-b{b}")
            links = self.links()
            if links:
                yield Static(Text(self.kiosk.ui("page.related")), classes="section-heading")
                yield Menu(links, id="links")
            yield Static(Text(self.source_note()), classes="sources")

    def links(self) -> List[MenuItem]:
        """The page's `actions` (Emergency, crisis, Find help) first, then 'Next' in the page's
        topic, then its see-also pages; missing pages are left out."""
        pack = self.kiosk.pack
        topic = pack.topic_of(self.page.id)
        next_id = None
        if topic is not None:
            pos = topic.page_ids.index(self.page.id)
            next_id = topic.page_ids[pos + 1] if pos + 1 < len(topic.page_ids) else None
        out: List[MenuItem] = []
        if self.page.actions:
            crisis = self.kiosk.store.crisis  # the link words live in crisis.toml
            words = {"emergency": crisis.emergency, "crisis": crisis.link, "find-help": crisis.find_help}
            out += [screen_item(action, words[action]) for action in self.page.actions]
        for pid in ([next_id] if next_id else []) + list(self.page.see_also):
            page = pack.page(pid)
            if page is not None and pid != self.page.id and pid not in [o.target for o in out if o.kind == "page"]:
                title = self.kiosk.ui("page.next", title=page.title) if pid == next_id else page.title
                out.append(page_item(pid, title))
        return out

    def full_text(self) -> tuple:
        """`r` on the talking kiosk: the page's own words (in English where it is shown in English),
        then where its links go."""
        from kiosk.ui.narrator import plain

        page = self.page
        words = [page.summary]
        for section in page.sections:
            if section.heading != page.title:
                words.append(section.heading)
            words += [block.text for block in section.blocks]
        links = [item.title for item in self.links()]
        text = plain("\n".join(words + links))
        return ("en" if page.fallback else None), text

    def source_note(self) -> str:
        return self.kiosk.ui("page.sources", sources="; ".join(self.page.sources),
                             date=self.page.reviewed.isoformat())

    def on_mount(self) -> None:
        body = self.query_one("#page-body")
        body.focus()
        if self.at is not None:
            section, block = self.at
            target = self.query(f"#s{section}-b{block}" if block >= 0 else f"#s{section}")
            if target:
                widget = target.first()
                widget.add_class("match")
                self.call_after_refresh(body.scroll_to_widget, widget, top=True, animate=False)

    def action_scroll(self, how: str) -> None:
        getattr(self.query_one("#page-body"), f"action_{how}")()

    def action_pick(self, number: int) -> None:
        if self.query("#links"):
            self.query_one("#links", Menu).pick(number)

    def on_option_list_option_selected(self, event: Menu.OptionSelected) -> None:
        event.stop()
        self.kiosk.open(event.option.id or "")
