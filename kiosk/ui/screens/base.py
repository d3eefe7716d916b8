"""What every kiosk screen shares: the emergency/quick-exit bar, a heading, the key hints."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable, ClassVar, Iterable, List

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.css.query import NoMatches
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import OptionList, Static

from kiosk.data.dose import minutes
from kiosk.ui.bindings import bindings
from kiosk.ui.glyphs import GlyphSet, glyphs_of
from kiosk.ui.widgets.chrome import Heading, KioskBar
from kiosk.ui.widgets.dose import DoseClock, DosePrompt
from kiosk.ui.widgets.keyhints import KeyHints
from kiosk.ui.widgets.menu import Menu

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp


class KioskScreen(Screen):
    """Base screen. Subclasses give `heading` and `compose_body()`; app-wide keys live in the app."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("screen", "narrate")
    heading: str = ""
    speaks: ClassVar[bool] = False  # only the emergency screens speak (kiosk/ui/screens/speaking.py)
    # The talking kiosk (kiosk/ui/narrator.py): which ui.toml [narrate] line says this screen's keys
    narrate_keys: ClassVar[str] = "other"
    narrated = False  # arrived and said (moves of the focus before that are part of arriving)
    # A screen's stylesheet (CSS = tcss(...)) applies app-wide, as it did when read from CSS_PATH.
    SCOPED_CSS: ClassVar[bool] = False

    @property
    def kiosk(self) -> "KioskApp":
        return self.app  # type: ignore[return-value]

    @property
    def glyphs(self) -> GlyphSet:
        """The characters this screen may draw (kiosk/ui/glyphs.py)."""
        return glyphs_of(self)

    def compose(self) -> ComposeResult:
        from kiosk.ui.language import translate_bindings

        translate_bindings(self, self.kiosk.ui, self.kiosk.language)  # key hints in the visitor's language ([keys] in ui.toml)
        yield KioskBar()
        yield Static(id="practice-banner")  # PRACTICE, on every screen, only in practice mode
        yield DosePrompt(id="dose-prompt")  # under the bar, only when a naloxone dose is due
        heading = Heading(self.heading, id="heading")
        yield heading
        yield from self.compose_body()
        heading.set_text(self.heading)  # compose_body may have set it from what it loaded
        yield KeyHints()

    def compose_body(self) -> Iterable[Widget]:
        return ()

    # The top bar (and a next-dose prompt) name the keys that work now: Ctrl+E while a text field has focus.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        self._show_typing()
        self._follow_focus()
        self._narrate_move()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        self._show_typing()
        self._follow_focus()

    # Screen readers read at the terminal cursor: it sits on the focused item (kiosk/ui/cursor.py),
    # after a change of focus or highlight, and after anything that moves things on the screen.
    @on(OptionList.OptionHighlighted)
    @on(events.ScreenResume)
    def _follow_focus(self) -> None:
        from kiosk.ui.cursor import follow_focus

        self.call_after_refresh(follow_focus, self)

    @on(OptionList.OptionHighlighted)
    def _follow_highlight(self) -> None:
        """Also at once, so the frame that draws the new highlight puts the cursor on it: a screen
        reader that polls the screen read the row the highlight had left, in the frame between (the
        boot test, fenrir on ↓). After the refresh too (above), for a scroll."""
        from kiosk.ui.cursor import follow_focus

        follow_focus(self, at_once=True)

    @on(OptionList.OptionHighlighted)
    def _narrate_move(self) -> None:
        if self.kiosk.config.speech == "everything":
            self.call_after_refresh(self.kiosk.narrator.moved, self)

    def narration(self) -> str:
        """What the screen asks now, said on arrival after its keys (the self-check's question)."""
        return ""

    def full_text(self) -> tuple:
        """(language or None for the visitor's, text) that `r` reads after the heading: by default
        what the screen asks and every row of its focused list."""
        from kiosk.ui.narrator import option_text

        focused = self.focused
        rows = [option_text(focused, i) for i in range(focused.option_count)] if isinstance(focused, OptionList) else []
        return None, "\n".join([self.narration()] + rows)

    def action_read_all(self) -> None:
        self.kiosk.narrator.read_all(self)

    @on(events.Mount)
    def _follow_layout(self) -> None:
        from kiosk.ui.cursor import follow_focus

        self.screen_layout_refresh_signal.subscribe(self, follow_focus)

    def _show_typing(self) -> None:
        from kiosk.ui.app import is_text_field

        typing = is_text_field(self.focused)
        for bar in self.query(KioskBar):
            bar.set_typing(typing)
        for prompt in self.query(DosePrompt):
            prompt.set_typing(typing)

    @on(events.Mount)
    def _no_blinking(self) -> None:
        """A blinking field cursor redraws twice a second: a screen reader would chatter."""
        if self.kiosk.config.screen_reader:
            from textual.widgets import Input, TextArea

            for field in self.query("Input, TextArea"):
                if isinstance(field, (Input, TextArea)):
                    field.cursor_blink = False

    @on(events.Mount)
    def _widget_key_hints(self) -> None:
        """Widgets' own key hints (Space Tick, PgDn...) in the visitor's language too."""
        if self.kiosk.language != "en":
            from kiosk.ui.language import translate_bindings

            for widget in self.walk_children(with_self=False):
                translate_bindings(widget, self.kiosk.ui, self.kiosk.language)
            self.refresh_bindings()

    def action_back(self) -> None:
        if len(self.app.screen_stack) > 1:
            self.app.pop_screen()

    # Fast hands (issue 22): a screen can be resumed before its widgets are mounted (the emergency
    # screen built ahead, under load) or get a queued event after a screen change removed them.
    # Handlers that fill in widgets go through `when_built`; anything else that still meets a missing
    # widget on a screen that is not the one on show is dropped (on_event), never a crash.
    def built(self) -> bool:
        """This screen's own widgets (top bar, practice line, dose prompt) exist."""
        return bool(self.query("#practice-banner")) and bool(self.query(DoseClock)) and bool(self.query(DosePrompt))

    def when_built(self, show: Callable[[], None], tries: int = 50) -> None:
        """Run `show` now if the widgets are there; else after the next refresh while this screen is
        still being built (at most `tries` times); never once it has gone."""
        if self.built():
            show()
        elif tries > 0 and self.is_attached and self in self.app.screen_stack:
            self.call_after_refresh(self.when_built, show, tries - 1)

    async def on_event(self, event: events.Event) -> None:
        try:
            await super().on_event(event)
        except NoMatches:
            if self.is_current and self.is_mounted and self.built():
                raise  # on the screen on show, with its widgets: a real bug (tests see it)

    # The naloxone dose timer follows the bystander: every screen shows it (kiosk/ui/dose_flow.py).
    @on(events.ScreenResume)
    def _show_dose_timer(self) -> None:
        self.when_built(self._show_dose_timer_now)

    def _show_dose_timer_now(self) -> None:
        if self.kiosk.visit.dose is not None or self.query_one(DoseClock).display:
            self.refresh_dose()  # nothing to do (and no time spent) when no timer runs or ran

    @on(events.ScreenResume)
    def show_practice(self) -> None:
        self.when_built(self._show_practice_now)

    def _show_practice_now(self) -> None:
        banner = self.query_one("#practice-banner", Static)
        banner.display = self.kiosk.practicing
        if banner.display:
            banner.update(Text(self.kiosk.ui("practice.banner")))

    @on(events.ScreenResume)
    def _silence_elsewhere(self) -> None:
        """A topic page is never spoken aloud: arriving anywhere else cuts the voice off. Except
        on the talking kiosk (headphones): there the screen says its name and keys instead."""
        if self.speaks:
            return
        if self.kiosk.config.speech == "everything":
            self.call_after_refresh(self.kiosk.narrator.arrive, self)
        else:
            self.kiosk.silence()

    def shows_own_prompt(self) -> bool:
        """True where the screen itself already says to give the next dose (the timer view)."""
        return False

    def refresh_dose(self) -> None:
        dose, now = self.kiosk.visit.dose, self.kiosk.clock()
        bars = self.query(KioskBar)
        if not bars:  # a tick between a screen's mount and its first compose: drawn on resume
            return
        bar = bars.first()
        bar.query_one(DoseClock).show(dose, now)
        bar.refit()
        due = dose is not None and dose.due(now) and not self.shows_own_prompt()
        self.query_one(DosePrompt).show(self.kiosk.dose_flow.prompt_text() if due else None,
                                        minutes(dose.elapsed(now)) if dose else "")

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if not self.is_mounted:
            return False  # a key typed ahead of this screen's first frame: its widgets don't exist yet
        if action == "read_all" and not self.kiosk.config.speech == "everything":
            return False  # `r` reads aloud only on the talking kiosk: elsewhere a topic is never spoken
        if action == "back" and len(self.app.screen_stack) <= 1 and self in self.app.screen_stack:
            return False  # nowhere to go back to: no hint that does nothing (a screen built ahead
            # of being shown, the ready Emergency, will have somewhere: its first frame shows Back)
        return True


class MenuScreen(KioskScreen):
    """A screen whose body is one Menu: arrows/Enter, digits, clicks all open an item."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("menu")
    narrate_keys: ClassVar[str] = "menu"

    def menu(self) -> Menu:
        return self.query_one(Menu)

    def action_pick(self, number: int) -> None:
        self.menu().pick(number)

    def on_option_list_option_selected(self, event: Menu.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.kiosk.open(event.option.id)  # the item names what it opens
