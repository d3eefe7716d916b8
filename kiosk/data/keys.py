"""Every key the kiosk uses, in one registry (no Textual here: the config check reads it too).

Bindings are built from these groups (kiosk/ui/bindings.py); the shared-terminal lockdown, the
idle warning and the welcome screen ask `keys_for()`; `kiosk --check` refuses an extra emergency key
that `meaning()` says is taken. Key names are Textual's, in its order: modifiers sorted
alphabetically (`ctrl+alt+f11` arrives as `alt+ctrl+f11`), so `normalise()` every key from outside.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, Optional, Tuple


@dataclass(frozen=True)
class Key:
    keys: Tuple[str, ...]  # normalised key names
    action: str  # a Textual action string, run in the group's namespace
    description: str  # what the key does, in words (also the meaning shown when a config takes it)
    display: str = ""  # how the key is written on screen ("" = Textual's own)
    show: bool = True  # in the footer
    priority: bool = False  # acts even while a text field has focus
    id: str = ""  # binding id, for keymaps (the configured emergency keys)


MODIFIERS = ("alt", "ctrl", "meta", "shift", "super", "hyper")
QUICK_EXIT = "quick_exit"
EMERGENCY = "emergency"
LANGUAGE = "switch_language"


def normalise(key: str) -> str:
    """`Ctrl+Alt+F11` -> `alt+ctrl+f11`: lower case, modifiers in Textual's (sorted) order."""
    *mods, name = key.strip().lower().split("+")
    return "+".join(sorted(mods) + [name])


def is_named(key: str) -> bool:
    """A key that can never be a letter typed into a field: F-keys and anything with ctrl/alt."""
    *mods, name = normalise(key).split("+")
    return bool(mods) or (name[:1] == "f" and name[1:].isdigit())


def _digits(action: str, description: str, first: int, display: str) -> Tuple[Key, ...]:
    """Only the first digit is shown in the footer, as e.g. '1-9 Pick'."""
    return tuple(Key((str(n),), action.format(n=n), description, display=display, show=(n == first))
                 for n in range(first, 10))


GROUPS: Dict[str, Tuple[Key, ...]] = {
    # App-wide, on every screen of a visit (kiosk/ui/app.py).
    "app": (
        Key(("escape",), QUICK_EXIT, "Quick exit", show=False, priority=True, id="quick-exit"),
        Key(("ctrl+e",), EMERGENCY, "Emergency", show=False, priority=True, id="emergency-anywhere"),
        Key(("e",), EMERGENCY, "Emergency", show=False, id="emergency"),
        Key(("home",), "home", "Main menu", display="Home", priority=True),  # not "Home Home" in the footer
        Key(("slash",), "search", "Search", display="/"),
        Key(("f",), "find_help", "Find help"),
        Key(("question_mark",), "keys", "Keys", display="?"),
        # "I gave another dose" from the next-dose prompt on any screen; works only while it shows.
        Key(("d",), "prompt_dose", "I gave another dose (when the next-dose prompt shows)", show=False),
        Key(("ctrl+q",), "quit", "Quit", show=False, priority=True),
    ),
    # Shared terminal (kiosk mode): no key a walk-up user presses ends, suspends or copies.
    "lockdown": (
        Key(("ctrl+q", "ctrl+c", "super+c", "ctrl+z", "ctrl+backslash", "ctrl+p"), "ignore",
            "Nothing (locked in a shared terminal)", show=False, priority=True),
        Key(("ctrl+x",), "admin_exit", "Administrator exit", show=False, priority=True),
    ),
    # The administrator prompt (kiosk/ui/screens/admin.py): `e` in its empty field opens Emergency.
    "admin-prompt": (Key(("e",), EMERGENCY, "Emergency", show=False, priority=True),),
    # Every kiosk screen (kiosk/ui/screens/base.py).
    "screen": (Key(("backspace",), "back", "Back", display="⌫"),),
    # The talking kiosk (speech = "everything", kiosk/ui/narrator.py); the speaking screens keep r = repeat.
    "narrate": (Key(("r",), "read_all", "Read the whole screen aloud", show=False),),
    "menu": _digits("pick({n})", "Pick", 1, "1-9") + (Key(("left",), "back", "Back", show=False),),
    "page": _digits("pick({n})", "Pick", 1, "1-9") + (
        Key(("pagedown",), "scroll('page_down')", "Scroll", display="PgDn"),),
    "search-field": (Key(("down",), "screen.focus_results", "Results", show=False),),
    "search": (Key(("enter",), "open_first", "Open", show=False),),
    "find-help": _digits("filter({n})", "Show", 0, "0-9") + (
        Key(("o",), "open_first", "Open now first"),
        Key(("h",), "crisis", "Thinking of harming yourself?", show=False),
    ),
    "emergency": (
        Key(("g",), "guide", "Guide me"),
        Key(("n",), "naloxone", "Naloxone"),
        Key(("p",), "practice", "Practice the guide", show=False),  # on the Keys screen: the footer is full
    ),
    # The emergency screens that speak (kiosk/ui/screens/speaking.py): first screen, guide, coach.
    "speaking": (
        Key(("v",), "voice", "Voice"),
        Key(("r",), "repeat", "Repeat what was said", show=False),
    ),
    # The CPR coach (kiosk/ui/screens/coach.py); its buttons name these keys.
    "coach": (
        Key(("h",), "hands_only", "Pushes only, or 30 and 2", show=False),
        Key(("enter", "space"), "start_now", "Start the beat now", show=False),
        Key(("d",), "dose", "I gave naloxone", show=False),
        # "Another dose already?" (a second `d` within 30 s of the last dose, issue 16), as in the guide
        Key(("y",), "confirm_dose(True)", "Yes, another dose was given", show=False),
        Key(("n",), "confirm_dose(False)", "No, no dose now", show=False),
    ),
    "guided": (
        Key(("enter",), "next", "Next", display="⏎"),
        Key(("right", "space"), "next", "Next", show=False),
        Key(("left",), "back", "Back", show=False),
        Key(("d",), "dose", "I gave naloxone", show=False),
        Key(("s",), "open_guide('spray')", "Spray", show=False),
        Key(("i",), "open_injection", "Injection", show=False),
        Key(("t",), "show_timer", "Timer", show=False),
        Key(("w",), "awake", "Waking up", show=False),
        Key(("x",), "stop_timer", "Stop the timer", show=False),
        Key(("y",), "confirm_stop(True)", "Yes, stop the timer", show=False),
        Key(("n",), "confirm_stop(False)", "No, keep the timer", show=False),
        # "Another dose already?" (a second `d` within 30 s of the last dose, issue 16)
        Key(("y",), "confirm_dose(True)", "Yes, another dose was given", show=False),
        Key(("n",), "confirm_dose(False)", "No, no dose now", show=False),
        Key(("c",), "coach", "CPR coach"),
    ),
    "naloxone": (
        Key(("s",), "guide('spray')", "Spray steps"),
        Key(("i",), "injection", "Injection steps"),
    ),
    "self-check": (
        Key(("y",), "answer('yes')", "Yes"),
        Key(("n",), "answer('no')", "No"),
        Key(("s",), "answer('skip')", "Skip"),
        Key(("p",), "answer('prescribed')", "Only as prescribed", show=False),
    ) + _digits("pick({n})", "Pick", 1, "1-9"),
    "self-check-next": (
        Key(("pagedown",), "screen.scroll_result('page_down')", "More", display="PgDn"),
        Key(("pageup",), "screen.scroll_result('page_up')", "Scroll up", display="PgUp", show=False),
    ),
    "checklist": (Key(("t",), "takeaway", "Take it with you"),),
    # Enter on a checklist item goes to its note (where every key is text); Space ticks it.
    "checklist-item": (Key(("enter",), "note", "Write a note", display="Enter"),),
    # The home screen: 0 is the 10th entry; the tools also have letters (f and / are app-wide).
    "home": (
        Key(("0",), "pick(10)", "Pick", show=False),
        Key(("s",), "open_extra('selfcheck')", "Self-check", show=False),
        Key(("c",), "open_extra('checklist')", "Checklist", show=False),
        Key(("t",), "open_extra('takeaway')", "Take it with you", show=False),
    ),
    # Home and the welcome screen, where more than one language is offered (the footer shows the
    # other language's own name instead of this description).
    "language": (Key(("l",), LANGUAGE, "Language"),),
    "take-away": (
        Key(("c",), "show_code", "Show the code"),
        Key(("x",), "shorter", "Make it shorter", show=False),
    ),
    "tick": (
        Key(("space",), "tick", "Tick", display="Space"),
        Key(("enter",), "tick", "Tick", show=False),
    ),
    "reading": (
        Key(("left",), "screen.back", "Back", show=False),
        Key(("space",), "page_down", "Page down", show=False),
    ),
    "focus-list": (
        Key(("down",), "app.focus_next", "Next", show=False),
        Key(("up",), "app.focus_previous", "Previous", show=False),
    ),
}

# Keys that follow the visitor's language's words, by action: a Spanish speaker presses `s` for
# "Sí", so in Spanish `s` answers yes and skip ("Omitir") takes `o`, a key that means nothing else
# there. A language not listed uses the keys above. tests/test_local_keys.py checks every
# language of the pack: no key is the first letter of another choice's word.
LOCAL_KEYS: Dict[str, Dict[str, str]] = {
    "es": {
        "answer('yes')": "s",
        "answer('skip')": "o",
        "confirm_stop(True)": "s",
        "confirm_dose(True)": "s",
    },
}


def local_key(code: str, action: str, key: str) -> str:
    """The key for `action` in language `code` (`key` where that language keeps the registry's)."""
    return LOCAL_KEYS.get(code, {}).get(action, key)


def local_actions() -> set:
    """Every action some language gives its own key."""
    return {action for keys in LOCAL_KEYS.values() for action in keys}


# Keys Textual's own widgets act on (moving, typing, scrolling): an emergency key must not take them.
MOVING = ("enter", "space", "tab", "shift+tab", "up", "down", "left", "right", "home", "end",
          "pageup", "pagedown", "backspace", "delete")

# Where a group's keys work, for the meaning of a taken key.
PLACES = {"app": "every screen", "lockdown": "a shared terminal", "admin-prompt": "the administrator prompt",
          "screen": "every screen",
          "narrate": "every screen of a talking kiosk", "menu": "menus", "page": "pages", "search-field": "the search field", "search": "Search",
          "find-help": "Find help", "emergency": "the Emergency screen", "guided": "the step-by-step guide",
          "naloxone": "the naloxone page",
          "speaking": "the emergency screens", "coach": "the CPR coach", "self-check": "the self-check",
          "self-check-next": "the self-check's result", "checklist": "the checklist", "checklist-item": "the checklist's items",
          "home": "the home screen",
          "take-away": "the take-away", "language": "home and the welcome screen", "tick": "ticked lists", "reading": "pages",
          "focus-list": "lists of choices"}


def bound(group: str) -> Iterator[Tuple[str, Key]]:
    for key in GROUPS[group]:
        for name in key.keys:
            yield name, key


def keys_for(action: str, group: str = "app") -> Tuple[str, ...]:
    """Every key that runs `action` in `group`, e.g. the emergency keys for the welcome screen."""
    return tuple(name for name, key in bound(group) if key.action == action)


def meaning(key: str) -> Optional[str]:
    """What `key` already does, in words, or None if the kiosk does not use it."""
    key = normalise(key)
    for group in GROUPS:
        for name, spec in bound(group):
            if key in {name} | {local_key(code, spec.action, name) for code in LOCAL_KEYS}:
                return f"{spec.description} (on {PLACES[group]})"
    if key in MOVING:
        return "moving, choosing or typing (on every screen)"
    return None
