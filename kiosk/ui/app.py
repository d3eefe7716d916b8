"""The Textual app: app-wide keys, navigation, and the one factory used by CLI and tests."""

from __future__ import annotations

import os
import time
from datetime import datetime
from importlib import import_module
from typing import TYPE_CHECKING, Callable, ClassVar, Dict, List, Optional, Sequence, Tuple

from rich.text import Text
from textual import events, on
from textual.app import App
from textual.binding import Binding, BindingType
from textual.filter import LineFilter

from kiosk.data import keys
from kiosk.data.config import Config
from kiosk.data.store import ContentStore
from kiosk.data.visit import Visit
from kiosk.terminal.input_gate import arrived
from kiosk.ui import glyphs, terminal_colours
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.key_order import KeyOrder
from kiosk.ui.textual_private import forget_clipboard, is_exiting, mount_off_stack, record_exception
from kiosk.ui.themes import apply_theme

if TYPE_CHECKING:  # imported when first used: start-up reads only what the home screen needs
    from kiosk.data.content import ContentPack
    from kiosk.data.speech import SpeechEngine
    from kiosk.data.ui_text import UiText
    from kiosk.ui.narrator import Narrator
    from kiosk.ui.voice import Voice

READY_EMERGENCY = "ready-emergency"  # the installed name of the pre-built emergency screen

Clock = Callable[[], float]
WallClock = Callable[[], datetime]

QUICK_EXIT_KEYS = keys.keys_for(keys.QUICK_EXIT)
EMERGENCY_KEYS = keys.keys_for(keys.EMERGENCY)


def emergency_keymap(extra: Tuple[str, ...]) -> Dict[str, str]:
    """Extra keys from the config (e.g. a big button that sends F12) also open Emergency.
    F-keys and ctrl/alt keys work even while typing; other keys only outside a text field.
    (`kiosk --check` has already refused keys the kiosk uses.)"""
    named = [k for k in extra if keys.is_named(k)]
    letters = [k for k in extra if not keys.is_named(k)]
    keymap = {}
    for binding_id, these in (("emergency-anywhere", named), ("emergency", letters)):
        if these:
            spec = next(k for k in keys.GROUPS["app"] if k.id == binding_id)
            keymap[binding_id] = ",".join((*spec.keys, *these))
    return keymap


# Built-in screens a menu item or search result may name ("screen:<id>", kiosk/data/searchwords.py's
# SCREEN_IDS and home's tools), each opened at most once on top: id -> (module in kiosk/ui/screens,
# class). Emergency (built ahead) and the self-check (only if the pack has one) open their own way.
BUILT_IN_SCREENS: Dict[str, Tuple[str, str]] = {
    "naloxone": ("naloxone", "NaloxoneScreen"),
    "search": ("search", "SearchScreen"),
    "find-help": ("findhelp", "FindHelpScreen"),
    "crisis": ("crisis", "CrisisScreen"),
    "keys": ("keys", "KeysScreen"),
    "checklist": ("checklist", "ChecklistScreen"),
    "takeaway": ("takeaway", "TakeawayScreen"),
}

# While a text field has focus every printable key is text: the app-wide letter keys step aside
# there (they type) and leave the footer. Keys that can't be text still work (Esc, Ctrl+E, Home,
# the configured F-keys), and the top bar says "Ctrl+E".
STEP_ASIDE_WHILE_TYPING = frozenset({"search", "find_help", "keys", "prompt_dose"})


def is_text_field(widget: object) -> bool:
    from textual.widgets import Input, TextArea

    return isinstance(widget, (Input, TextArea))


class KioskApp(App, inherit_bindings=False):
    CSS = tcss(__name__, "app.tcss", "themes.tcss")  # through importlib.resources: works from a zip too
    TITLE = "Health information"
    ENABLE_COMMAND_PALETTE = False  # its Screenshot command writes to disk
    BINDINGS: ClassVar[List[BindingType]] = bindings("app")  # app-wide keys; screens add their own

    def __init__(self, store: ContentStore, config: Config, clock: Clock = time.monotonic,
                 wall_clock: WallClock = datetime.now, speech: Optional["SpeechEngine"] = None) -> None:
        self.deployed_config = config  # as written (before Textual's __init__, which asks get_driver_class())
        super().__init__()
        self.store = store
        self._speech = speech  # tests inject a fake; None: espeak-ng where it works here (made when first needed)
        self._voice: Optional["Voice"] = None
        self._narrator: Optional["Narrator"] = None
        self.practice_always = False  # `kiosk --practice`: every visit is a practice run
        self._config_in: Dict[str, Config] = {}  # `config`: the deployed one in the visitor's language
        self.clock = clock  # for timers (dose timer, idle reset); tests inject a fake
        self.wall_clock = wall_clock  # for "open now" and the clock time of a dose
        self.visit = Visit()
        from kiosk.ui.dose_flow import DoseFlow

        self.dose_flow = DoseFlow(self)  # the naloxone dose timer across screens (issue 10)
        # Normalised, and never a key the kiosk already uses (a Config built in code skips --check).
        self.extra_emergency_keys = tuple(keys.normalise(k) for k in config.emergency_keys if not keys.meaning(k))
        self.set_keymap(emergency_keymap(self.extra_emergency_keys))
        self.key_order = KeyOrder(self, lambda key: App.on_event(self, key))
        self.cleared_on_exit = False  # set by quick exit in personal mode: the CLI clears the terminal
        self._stores = {store.pack.code: store}  # each language's view of the pack, opened when first chosen
        if store.pack.code != "en":  # English: the key hints as the registry words them
            self._translate_app_bindings()
        apply_theme(self, config.theme)  # before the first frame: no repaint, no flash
        # Which characters may be drawn (kiosk/ui/glyphs.py): screens ask self.glyphs.
        self.glyphs = glyphs.choose(config.glyphs, os.environ.get("TERM"), plain=config.screen_reader)
        self.set_class(self.glyphs.console, glyphs.CONSOLE_CLASS)
        glyphs.use_scrollbars(self.glyphs)
        # 16 colours or none (TERM=linux, vt100, dumb): attributes the terminal draws at full contrast.
        self.terminal_filter = terminal_colours.filter_for(os.environ)

    def get_line_filters(self) -> Sequence[LineFilter]:
        filters = super().get_line_filters()
        return [*filters, self.terminal_filter] if self.terminal_filter is not None else filters

    async def on_event(self, event: events.Event) -> None:
        """Every key and click goes through `key_order` (one at a time, in order, on a ready screen),
        except quick exit, which drops whatever is still waiting and acts at once. (A click is a
        button press and release: each waits its turn, so a click right after a key acts on the
        screen that key opened, issue 22.)"""
        if not arrived(event):
            return  # typed before an Esc the terminal has already sent: Esc acts first (input_gate.py)
        if isinstance(event, (events.MouseDown, events.MouseUp)) and not event.is_forwarded:
            await self.key_order.arrived(event)
            return
        if isinstance(event, events.Key) and not event.is_forwarded:
            if self._narrator is not None:
                self._narrator.key_pressed()  # any key stops the screen's words, then acts
            if event.key in QUICK_EXIT_KEYS:
                self.key_order.clear(pressed_at=event.time)
                await super().on_event(event)
            else:
                urgent = event.key in EMERGENCY_KEYS or event.key in self.extra_emergency_keys
                if urgent and event.is_printable and is_text_field(self.focused):
                    urgent = False  # `e` in a field is a letter: it must not drop the letters before it
                await self.key_order.arrived(event, urgent=urgent)
            return
        await super().on_event(event)

    def on_ready(self) -> None:
        # After the first frame is on screen: load what Emergency needs, so even its first
        # opening is fast (start-up itself still reads only what the home screen shows).
        self.call_later(self._prewarm_emergency)

    def _prewarm_emergency(self) -> None:
        self.store.emergency  # noqa: B018 - parses emergency.toml once
        self._build_ready_emergency()

    def _build_ready_emergency(self) -> None:
        """Compose and mount the next emergency screen off-stack, while the app is idle, so `e`
        only has to show it (about half of the key-to-screen time is building the screen).
        Each ready screen is shown once and thrown away when left: it carries nothing over."""
        from kiosk.ui.screens.emergency import EmergencyScreen

        if self.is_screen_installed(READY_EMERGENCY) or not self.is_running or is_exiting(self):
            return  # never start building a screen while the app is shutting down
        screen = EmergencyScreen()
        screen.language = self.language  # shown only while the visitor's language is still this one
        self.install_screen(screen, READY_EMERGENCY)
        mount_off_stack(self, screen, READY_EMERGENCY)

    # The content is read through the store (kiosk/data/store.py: each part once, when first needed):
    # callers ask `app.store` for it, except the words every screen shows (`ui`) and the pack.
    def number_to_call(self) -> str:
        """The emergency number for this kiosk: the config's, else its region's; "" when unknown
        (the screens then show the table of common numbers)."""
        return self.store.emergency.call_number(self.config.region, self.config.emergency_number)

    @property
    def voice(self) -> "Voice":
        """The spoken emergency guide (kiosk/ui/voice.py)."""
        if self._voice is None:
            from kiosk.data.speech import make_engine
            from kiosk.ui.voice import Voice

            self._voice = Voice(self, self._speech if self._speech is not None else make_engine())
        return self._voice

    @property
    def narrator(self) -> "Narrator":
        """The talking kiosk, config `speech = "everything"` (kiosk/ui/narrator.py)."""
        if self._narrator is None:
            from kiosk.ui.narrator import Narrator

            self._narrator = Narrator(self)
        return self._narrator

    @property
    def practicing(self) -> bool:
        """Practice mode: PRACTICE on every screen; the guide, coach and voice as for real; no dose
        time kept."""
        return self.practice_always or self.visit.practice

    def silence(self) -> None:
        """Stop every sound at once (quick exit, idle reset, leaving the app)."""
        if self._voice is not None:
            self._voice.stop()
        if self._narrator is not None:
            self._narrator.forget()

    @property
    def ui(self) -> "UiText":
        """The interface's words in the current language (content/ui.toml)."""
        return self.store.ui

    @property
    def pack(self) -> "ContentPack":
        return self.store.pack

    def get_key_display(self, binding: Binding) -> str:
        """Key hints name keys the way the glyph set can draw them (Backspace, not ⌫, on a console)."""
        if binding.key in self.glyphs.keys:
            return self.glyphs.key(binding.key)
        return super().get_key_display(binding)

    @property
    def config(self) -> Config:
        """The deployment config as the visitor reads it: each text the deployer gave by language
        in the visitor's language, else in the first one given (kiosk/data/localtext.py)."""
        code = self.language
        if code not in self._config_in:
            self._config_in[code] = self.deployed_config.in_language(code)
        return self._config_in[code]

    # Languages (kiosk/data/languages.py) -------------------------------------------------
    @property
    def language(self) -> str:
        return self.pack.code

    def set_language(self, code: str) -> None:
        """Show the pack in `code` from now on: the next screens read its pages, emergency,
        self-check and search. (Screens already built keep their words: callers rebuild.)"""
        if code == self.pack.code:
            return
        if code not in self._stores:
            from kiosk.data.languages import TranslatedPack, open_pack

            english = self.pack.reference if isinstance(self.pack, TranslatedPack) else self.pack
            self._stores[code] = ContentStore(english if code == english.code else open_pack(english.root, code))
        self.store = self._stores[code]
        self._translate_app_bindings()

    @property
    def english(self) -> "ContentPack":
        """The reference pack (English), whatever the visitor's language."""
        return getattr(self.pack, "reference", None) or self.pack

    def switch_language(self, code: str) -> None:
        """The visitor's choice (the switch on home or the welcome screen), or quick exit going
        back to the deployment's default: everything from now on in `code`, the emergency
        screen built ahead too."""
        if code == self.language or code not in self.config.offered_languages:
            return
        self.set_language(code)
        self._discard_ready_emergency()
        if self.is_running:
            self.call_after_refresh(self._build_ready_emergency)

    def next_language(self) -> Optional[str]:
        """The language the switch offers (the next one offered), or None with only one."""
        offered = list(self.config.offered_languages)
        if len(offered) < 2:
            return None
        position = offered.index(self.language) if self.language in offered else -1
        return offered[(position + 1) % len(offered)]

    def language_name(self, code: str) -> str:
        """A language's own name ("Español"), from its language.toml."""
        from kiosk.data.languages import read_language

        return read_language(self.english.root, code)[0].name

    def _translate_app_bindings(self) -> None:
        from kiosk.ui.language import translate_bindings

        translate_bindings(self, self.ui, self.language)

    def _discard_ready_emergency(self) -> None:
        """The emergency screen built ahead is in the old language: throw it away."""
        if not self.is_screen_installed(READY_EMERGENCY):
            return
        ready = self.get_screen(READY_EMERGENCY)
        self.uninstall_screen(READY_EMERGENCY)
        if ready.is_attached:
            ready.remove()

    def forget_searches(self) -> None:
        for store in self._stores.values():
            store.forget_searches()

    def get_driver_class(self):
        """On Linux/macOS, a driver that delivers Esc in ~25 ms (see kiosk/terminal/driver.py)."""
        driver = super().get_driver_class()
        from textual.drivers.linux_driver import LinuxDriver

        if driver is LinuxDriver:
            from kiosk.terminal.driver import KioskDriver, ScreenReaderDriver

            return ScreenReaderDriver if self.deployed_config.screen_reader else KioskDriver
        return driver

    def get_default_screen(self):
        from kiosk.ui.screens.home import HomeScreen

        return HomeScreen()

    # Navigation -----------------------------------------------------------------------
    def open(self, item: str) -> None:
        """Open what a menu item names, e.g. "page:naloxone" or "screen:find-help"."""
        kind, _, target = item.partition(":")
        if kind in self.OPENERS and target:
            self.OPENERS[kind](self, target)

    def open_screen(self, screen_id: str) -> None:
        """A built-in screen by the id content names it with (`BUILT_IN_SCREENS`); unknown ids do nothing."""
        if screen_id == "emergency":
            self.action_emergency()
        elif screen_id == "selfcheck":
            self._open_selfcheck()
        elif screen_id in BUILT_IN_SCREENS:
            module, name = BUILT_IN_SCREENS[screen_id]
            screen_type = getattr(import_module(f"kiosk.ui.screens.{module}"), name)  # imported when first used
            self._push_unless_current(screen_type, screen_type)

    @staticmethod
    def can_open_screen(screen_id: str) -> bool:
        return screen_id in BUILT_IN_SCREENS or screen_id in ("emergency", "selfcheck")

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
            self.notify(self.ui("messages.page_unavailable"), severity="warning")
            return
        self.push_screen(PageScreen(page, at=at))

    # How to open each kind of menu item ("kind:target", kiosk/data/menu.py): the one table.
    OPENERS: ClassVar[Dict[str, Callable[["KioskApp", str], None]]] = {
        "topic": open_topic, "page": open_page, "screen": open_screen}

    def _push_unless_current(self, screen_type: type, make) -> None:
        if not isinstance(self.screen, screen_type):
            self.push_screen(make())

    def _open_selfcheck(self) -> None:
        from kiosk.ui.screens.selfcheck import SelfCheckScreen

        check = self.store.selfcheck_file.selfcheck
        if check is None:
            self.notify(self.ui("messages.selfcheck_unavailable"), severity="warning")
            return
        self._push_unless_current(SelfCheckScreen, lambda: SelfCheckScreen(check))

    def action_emergency(self) -> None:
        from kiosk.ui.screens.emergency import EmergencyScreen

        if isinstance(self.screen, EmergencyScreen):
            return
        ready = self.get_screen(READY_EMERGENCY) if self.is_screen_installed(READY_EMERGENCY) else None
        if isinstance(ready, EmergencyScreen) and ready.language != self.language:
            self._discard_ready_emergency()  # built in another language
            ready = None
        if isinstance(ready, EmergencyScreen) and ready.is_running:
            self.uninstall_screen(READY_EMERGENCY)  # one use: removed when popped, like any screen
            self.push_screen(ready)
            self.call_after_refresh(self._build_ready_emergency)
        else:
            self.push_screen(EmergencyScreen())

    # App-wide keys that open a screen (kiosk/data/keys.py names these actions).
    def action_search(self) -> None:
        self.open_screen("search")

    def action_find_help(self) -> None:
        self.open_screen("find-help")

    def action_keys(self) -> None:
        self.open_screen("keys")

    def action_home(self) -> None:
        while len(self.screen_stack) > 1:  # the home screen is the bottom of the stack
            self.pop_screen()

    # The naloxone dose timer (kiosk/ui/dose_flow.py) -----------------------------------------
    def check_action(self, action: str, parameters: tuple) -> bool | None:
        screen = self.current_screen()
        if action in STEP_ASIDE_WHILE_TYPING and screen is not None and is_text_field(screen.focused):
            return False  # a letter typed in a field is text, never an app-wide action
        if action == "prompt_dose":  # `d` works only where "I gave another dose" is offered
            return bool(screen and screen.query("#dose-prompt") and screen.query_one("#dose-prompt").display)
        if action == "show_dose_timer":
            return self.visit.dose is not None
        return True

    def current_screen(self):
        """The screen on show, or None between visits (kiosk mode swaps the visit's whole mode)."""
        try:
            return self.screen
        except Exception:  # Textual's ScreenStackError / UnknownModeError while a mode is swapped
            return None

    def action_prompt_dose(self) -> None:
        # Through the dose key's rule (a held `d` is one dose). Never a question here: the prompt
        # shows only once a dose is due, at least 120 s (the loader's bound) after the last one.
        dose = self.visit.dose
        self.dose_flow.press(dose.kind if dose else "any")

    def action_show_dose_timer(self) -> None:
        from kiosk.ui.screens.guided import open_guide

        open_guide(self, "overdose", timer=True)

    def action_quick_exit(self) -> None:
        """Personal mode: leave at once; the alternate screen takes every trace off the terminal, and
        anything the visit copied to the terminal's clipboard is cleared.
        (Kiosk mode: kiosk/ui/shared_terminal/kiosk_mode.py overrides this.)"""
        self.silence()
        self.cleared_on_exit = True
        if self.clipboard:  # text copied with Ctrl+C (OSC 52) would outlive the visit in the terminal
            self.copy_to_clipboard("")  # empty: xterm and kitty clear their clipboard...
            self.copy_to_clipboard(" ")  # ...tmux and others ignore that: overwrite it with a space
            forget_clipboard(self)
        self.exit()

    # Privacy and lockdown (kiosk/terminal/signals.py) -------------------------------------------
    @on(events.Mount)
    def _install_signal_handlers(self) -> None:
        """SIGTERM/SIGHUP end the app cleanly (terminal restored); kiosk mode ignores ^C ^Z ^\\."""
        if not self.is_headless:
            from kiosk.terminal.signals import install

            hang_up = getattr(self._driver, "hang_up", None)  # the kiosk's driver: ends even if stuck
            install(lambda: self.exit(0), kiosk_mode=self.config.kiosk_mode, on_hangup=hang_up)

    def _handle_exception(self, error: Exception) -> None:
        """Never a traceback: Textual's shows local variables, which may hold what a visitor typed.
        One line on stderr (type and place only), exit status 1."""
        from kiosk.terminal.error_report import safe_error_report

        record_exception(self, error)
        self.panic(Text(safe_error_report(error)))
