"""The Textual app: app-wide keys, navigation, and the one factory used by CLI and tests."""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Callable, ClassVar, List, Optional, Tuple

from rich.text import Text
from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType

from kiosk.data.config import Config
from kiosk.data.content import ContentPack
from kiosk.ui.themes import apply_theme
from kiosk.data.visit import Visit

if TYPE_CHECKING:  # imported when first used: start-up reads only what the home screen needs
    from kiosk.data.emergency import Emergency
    from kiosk.data.search import SearchIndex
    from kiosk.data.selfcheck import SelfCheckFile
    from kiosk.data.ui_text import UiText
    from kiosk.data.speech import SpeechEngine
    from kiosk.ui.voice import Voice

_HERE = Path(__file__).resolve().parent
READY_EMERGENCY = "ready-emergency"  # the installed name of the pre-built emergency screen

Clock = Callable[[], float]
WallClock = Callable[[], datetime]

# App-wide keys, all in one place. Screens add their own (Back, digits, scrolling).
APP_BINDINGS: List[BindingType] = [
    Binding("escape", "quick_exit", "Quick exit", priority=True, show=False),
    Binding("ctrl+e", "emergency", "Emergency", priority=True, show=False),
    Binding("e", "emergency", "Emergency", show=False),
    Binding("home", "home", "Home", key_display="Home", priority=True),
    Binding("slash", "search", "Search", key_display="/"),
    Binding("f", "find_help", "Find help"),
    Binding("question_mark", "keys", "Keys", key_display="?"),
    # "I gave another dose" from the next-dose prompt on any screen; works only while it shows.
    Binding("d", "prompt_dose", "I gave another dose", show=False),
    Binding("ctrl+q", "quit", "Quit", priority=True, show=False),
]


class KioskApp(App, inherit_bindings=False):
    # Absolute: Textual resolves a relative CSS_PATH next to the module of the class in use, and the
    # shared-terminal subclass lives in kiosk/terminal/.
    CSS_PATH = [_HERE / "app.tcss", _HERE / "themes.tcss"]
    TITLE = "Health information"
    ENABLE_COMMAND_PALETTE = False  # its Screenshot command writes to disk
    BINDINGS: ClassVar[List[BindingType]] = APP_BINDINGS

    def __init__(self, pack: ContentPack, config: Config, clock: Clock = time.monotonic,
                 wall_clock: WallClock = datetime.now, speech: Optional["SpeechEngine"] = None) -> None:
        super().__init__()
        self._speech = speech  # tests inject a fake; None: espeak-ng where it works here (made when first needed)
        self._voice: Optional["Voice"] = None
        self._coach = None
        self.practice_always = False  # `kiosk --practice`: every visit is a practice run
        self.pack = pack
        self.config = config
        self.clock = clock  # for timers (dose timer, idle reset); tests inject a fake
        self.wall_clock = wall_clock  # for "open now" and the clock time of a dose
        self.visit = Visit()
        from kiosk.ui.dose_flow import DoseFlow

        self.dose_flow = DoseFlow(self)
        self._bind_emergency_keys(config.emergency_keys)
        self._emergency: Optional[Emergency] = None
        self._search_index: Optional[SearchIndex] = None
        self._selfcheck_file: Optional["SelfCheckFile"] = None
        self._ui: Optional["UiText"] = None
        self.cleared_on_exit = False  # set by quick exit in personal mode: the CLI clears the terminal
        self._packs = {pack.code: pack}  # each language's view of the pack, opened when first chosen
        apply_theme(self, config.theme)  # before the first frame: no repaint, no flash

    def _bind_emergency_keys(self, keys) -> None:
        """Extra keys from the config (e.g. a big button that sends F12) also open Emergency.
        F-keys and ctrl/alt keys work even while typing; other keys only outside a text field."""
        taken = {k for b in APP_BINDINGS if isinstance(b, Binding) for k in b.key.split(",")}
        for key in keys:
            *mods, name = key.split("+")
            key = "+".join(sorted(mods) + [name])  # Textual sorts modifiers: ctrl+alt+x arrives as alt+ctrl+x
            if key not in taken:
                named = bool(mods) or (name[:1] == "f" and name[1:].isdigit())
                self._bindings.bind(key, "emergency", "Emergency", show=False, priority=named)

    def on_ready(self) -> None:
        # After the first frame is on screen: load what Emergency needs, so even its first
        # opening is fast (start-up itself still reads only what the home screen shows).
        self.call_later(self._prewarm_emergency)

    def _prewarm_emergency(self) -> None:
        self.emergency  # noqa: B018 - parses emergency.toml once
        self._build_ready_emergency()

    def _build_ready_emergency(self) -> None:
        """Compose and mount the next emergency screen off-stack, while the app is idle, so `e`
        only has to show it (about half of the key-to-screen time is building the screen).
        Each ready screen is shown once and thrown away when left: it carries nothing over."""
        from kiosk.ui.screens.emergency import EmergencyScreen

        if READY_EMERGENCY in self._installed_screens or not self.is_running or self._exit:
            return  # never start building a screen while the app is shutting down
        screen = EmergencyScreen()
        self.install_screen(screen, READY_EMERGENCY)
        self._load_screen_css(screen)  # the one-off stylesheet rebuild, done now
        self._get_screen(READY_EMERGENCY)  # Textual (pinned): registers and mounts it, not shown

    # Lazily loaded: start-up reads only what the home screen shows.
    @property
    def emergency(self) -> Emergency:
        if self._emergency is None:
            from kiosk.data.emergency import load_emergency

            self._emergency, errors = load_emergency(self.pack.dir_for("emergency.toml"))
            self.pack.errors.extend(errors)
        return self._emergency

    @property
    def coach(self):
        """The CPR coach's words (content/coach.toml)."""
        if self._coach is None:
            from kiosk.data.coach import load_coach

            self._coach, errors = load_coach(self.pack.dir_for("coach.toml"))
            self.pack.errors.extend(errors)
        return self._coach

    @property
    def voice(self) -> "Voice":
        """The spoken emergency guide (kiosk/ui/voice.py)."""
        if self._voice is None:
            from kiosk.data.speech import make_engine
            from kiosk.ui.voice import Voice

            self._voice = Voice(self, self._speech if self._speech is not None else make_engine())
        return self._voice

    @property
    def practicing(self) -> bool:
        """Practice mode: PRACTICE on every screen; the guide, coach and voice as for real; no dose
        time kept."""
        return self.practice_always or self.visit.practice

    def silence(self) -> None:
        """Stop every sound at once (quick exit, idle reset, leaving the app)."""
        if self._voice is not None:
            self._voice.stop()

    @property
    def ui(self) -> "UiText":
        """The interface's words in the current language (content/ui.toml)."""
        if self._ui is None:
            from kiosk.data.ui_text import load_ui

            self._ui, errors = load_ui(self.pack)
            self.pack.errors.extend(errors)
        return self._ui

    @property
    def selfcheck_file(self) -> "SelfCheckFile":
        if self._selfcheck_file is None:
            from kiosk.data.selfcheck import load_selfcheck

            self._selfcheck_file = load_selfcheck(self.pack.dir_for("selfcheck.toml"))
            self.pack.errors.extend(self._selfcheck_file.errors)
        return self._selfcheck_file

    @property
    def search_index(self) -> SearchIndex:
        if self._search_index is None:
            from kiosk.data.search import SearchIndex

            self._search_index = SearchIndex(self.pack.pages())
        return self._search_index

    # Languages (kiosk/data/languages.py) -------------------------------------------------
    @property
    def language(self) -> str:
        return self.pack.code

    def set_language(self, code: str) -> None:
        """Show the pack in `code` from now on: the next screens read its pages, emergency,
        self-check and search. (Screens already built keep their words: callers rebuild.)"""
        if code == self.pack.code:
            return
        if code not in self._packs:
            from kiosk.data.languages import open_pack, TranslatedPack

            english = self.pack.reference if isinstance(self.pack, TranslatedPack) else self.pack
            self._packs[code] = english if code == english.code else open_pack(english.root, code)
        self.pack = self._packs[code]
        self._emergency = None
        self._search_index = None
        self._selfcheck_file = None
        self._ui = None
        self._coach = None

    def get_driver_class(self):
        """On Linux/macOS, a driver that delivers Esc in ~25 ms (see kiosk/terminal/driver.py)."""
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from kiosk.terminal.driver import KioskDriver

            return KioskDriver
        return driver

    def get_default_screen(self):
        from kiosk.ui.screens.home import HomeScreen

        return HomeScreen()

    # Navigation -----------------------------------------------------------------------
    def open_topic(self, topic_id: str) -> None:
        from kiosk.ui.screens.topic import TopicScreen

        topic = next((t for t in self.pack.topics if t.id == topic_id), None)
        if topic is None:
            return
        if len(topic.page_ids) == 1:
            self.open_page(topic.page_ids[0])
        else:
            self.push_screen(TopicScreen(topic))

    def open_page(self, page_id: str, at: Optional[Tuple[int, int]] = None) -> None:
        from kiosk.ui.screens.page import PageScreen

        page = self.pack.page(page_id)
        if page is None:
            self.notify("Sorry, this page is not available right now.", severity="warning")
            return
        self.push_screen(PageScreen(page, at=at))

    def _push_unless_current(self, screen_type: type, make) -> None:
        if not isinstance(self.screen, screen_type):
            self.push_screen(make())

    def action_emergency(self) -> None:
        from kiosk.ui.screens.emergency import EmergencyScreen

        if isinstance(self.screen, EmergencyScreen):
            return
        ready = self._installed_screens.get(READY_EMERGENCY)
        if isinstance(ready, EmergencyScreen) and ready.is_running:
            self.uninstall_screen(READY_EMERGENCY)  # one use: removed when popped, like any screen
            self.push_screen(ready)
            self.call_after_refresh(self._build_ready_emergency)
        else:
            self.push_screen(EmergencyScreen())

    # The naloxone dose timer (kiosk/ui/dose_flow.py) -----------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        if action == "prompt_dose":  # `d` works only where "I gave another dose" is offered
            screen = self.screen
            return bool(screen.query("#dose-prompt") and screen.query_one("#dose-prompt").display)
        if action == "show_dose_timer":
            return self.visit.dose is not None
        return True

    def action_prompt_dose(self) -> None:
        dose = self.visit.dose
        self.dose_flow.give(dose.kind if dose else "any")

    def action_show_dose_timer(self) -> None:
        from kiosk.ui.screens.guided import open_guide

        open_guide(self, "overdose", timer=True)

    def action_search(self) -> None:
        from kiosk.ui.screens.search import SearchScreen

        self._push_unless_current(SearchScreen, SearchScreen)

    def action_find_help(self) -> None:
        from kiosk.ui.screens.findhelp import FindHelpScreen

        self._push_unless_current(FindHelpScreen, FindHelpScreen)

    def action_keys(self) -> None:
        from kiosk.ui.screens.keys import KeysScreen

        self._push_unless_current(KeysScreen, KeysScreen)

    # Self-check, appointment checklist, take-away (issue 5) ------------------------------------
    def open_selfcheck(self) -> None:
        from kiosk.ui.screens.selfcheck import SelfCheckScreen

        check = self.selfcheck_file.selfcheck
        if check is None:
            self.notify("Sorry, the self-check is not available right now.", severity="warning")
            return
        self._push_unless_current(SelfCheckScreen, lambda: SelfCheckScreen(check))

    def open_checklist(self) -> None:
        from kiosk.ui.screens.checklist import ChecklistScreen

        self._push_unless_current(ChecklistScreen, ChecklistScreen)

    def open_takeaway(self) -> None:
        from kiosk.ui.screens.takeaway import TakeawayScreen

        self._push_unless_current(TakeawayScreen, TakeawayScreen)

    def action_home(self) -> None:
        while len(self.screen_stack) > 1:  # the home screen is the bottom of the stack
            self.pop_screen()

    def action_quick_exit(self) -> None:
        """Personal mode: leave at once; the alternate screen takes every trace off the terminal.
        (Kiosk mode: kiosk/terminal/shared_terminal.py overrides this.)"""
        self.silence()
        self.cleared_on_exit = True
        self.exit()

    # Privacy and lockdown (kiosk/terminal/signals.py) -------------------------------------------
    @on(events.Mount)
    def _install_signal_handlers(self) -> None:
        """SIGTERM/SIGHUP end the app cleanly (terminal restored); kiosk mode ignores ^C ^Z ^\\."""
        if not self.is_headless:
            from kiosk.terminal.signals import install

            install(lambda: self.exit(0), kiosk_mode=self.config.kiosk_mode)

    def _handle_exception(self, error: Exception) -> None:
        """Never a traceback: Textual's shows local variables, which may hold what a visitor typed.
        One line on stderr (type and place only), exit status 1."""
        from kiosk.terminal.error_report import safe_error_report

        self._return_code = 1
        if self._exception is None:  # Pilot re-raises it in tests
            self._exception = error
            self._exception_event.set()
        self.panic(Text(safe_error_report(error)))
