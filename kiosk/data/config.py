"""Deployment config (`--config FILE`): local numbers, services, mode, theme. Pure Python.

Every key is optional. A broken key or entry is reported and replaced by its default, so a
typo never takes the kiosk down; `kiosk --check --config FILE` lists the problems.

Fail closed: a config that cannot be trusted about its mode runs the kiosk in kiosk mode (locked
down), never personal mode (Ctrl+Q, a shell behind). That is a config file that cannot be read or
parsed at all (missing, unreadable, a directory or FIFO, too big, not UTF-8, not TOML, nested too
deep), has a key the kiosk does not know at the top level, or whose `mode` is not exactly
"personal" or "kiosk" (`mode = "Kiosk"`). Only `--mode personal` on the command line overrides it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from kiosk.data.alerts import Alert, read_alerts
from kiosk.data.checks import Checker
from kiosk.data.hours import WEEKDAYS, parse_day
from kiosk.data.keys import meaning as key_meaning
from kiosk.data.keys import normalise
from kiosk.data.localtext import LANGUAGE_CODE, free_text, localise
from kiosk.data.tomlfile import ContentError, as_resource, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

MODES = ("personal", "kiosk")
THEMES = ("default", "high-contrast", "monochrome")
GLYPHS = ("auto", "console", "unicode")  # kiosk/ui/glyphs.py: "auto" is console when TERM=linux
REGIONS = ("US", "CA", "UK", "IE", "EU", "AU", "NZ")
INJECTION_KITS = ("prenoxad", "other")
# voice: never / when `v` is pressed / by itself in Emergency / every screen (headphones: kiosk/ui/narrator.py)
SPEECH = ("off", "on-request", "emergency", "everything")
WELCOME_EMERGENCY = ("neutral", "overdose")  # the welcome screen's emergency bar: what it names
OFFERS = ("naloxone", "methadone", "buprenorphine", "needle-exchange", "walk-in", "counselling", "detox", "testing")

# A phone number as people write it where they live: "(415) 555-0142", "+1 415 555 0142",
# "1-800-662-4357", "020 7946 0958", "+44 (0)20 7946 0958", "0800 123 456", "13 11 14", "116 123",
# "415.555.0142", "988", with an extension ("ext. 12", "x12") if need be. Digits with spaces
# (also no-break), hyphens or dashes, dots, slashes and one pair of brackets; a "+" only first.
_PHONE = re.compile(r"^\+?[ \u00a0]?(?:\(\d{1,5}\)|\d)(?:[ \u00a0\-\u2010-\u2013./]?(?:\(\d{1,5}\)|\d))*"
                    r"(?:,? *(?:ext\.?|x) *\d{1,6})?$", re.IGNORECASE)
PHONE_HINT = 'a phone number such as "999", "(415) 555-0142", "+44 20 7946 0958" or "0800 123 456"'


def phone_digits(number: str) -> int:
    """How many digits a number has before any extension (E.164 allows at most 15)."""
    return sum(c.isdigit() for c in re.split(r"(?i)ext|x", number)[0])
_KEY = re.compile(r"^[a-z0-9_+]{1,30}$")
_HOURS = re.compile(r"^(closed|24h|\d{2}:\d{2}-\d{2}:\d{2}(, *\d{2}:\d{2}-\d{2}:\d{2})*)$")
_HASH = re.compile(r"^pbkdf2_sha256\$\d+\$[0-9a-f]+\$[0-9a-f]+$")


@dataclass(frozen=True)
class Helpline:
    # Free texts (free_text()) may be a LocalText: a table by language (kiosk/data/localtext.py).
    name: str = free_text()
    number: str = ""
    hours: str = free_text()
    offers: str = free_text()
    text: str = ""
    tty: str = ""
    region: str = ""
    languages: Tuple[str, ...] = ()  # language codes the line answers in; () = not stated
    crisis: bool = False  # a line for thoughts of suicide or self-harm (built-in list only)


@dataclass(frozen=True)
class Service:
    name: str = free_text()
    address: str = free_text()
    phone: str = ""
    offers: Tuple[str, ...] = ()
    hours: Dict[str, str] = field(default_factory=dict)  # weekday -> "09:00-17:00" | "closed" | "24h"
    notes: str = free_text()


@dataclass(frozen=True)
class Config:
    source: Optional[str] = None  # the file it came from, None for built-in defaults
    mode: str = "personal"
    theme: str = "default"
    glyphs: str = "auto"
    region: Optional[str] = None
    emergency_number: Optional[str] = None
    emergency_keys: Tuple[str, ...] = ()
    idle_seconds: int = 90
    idle_warning_seconds: int = 20
    welcome_title: str = free_text("Health information")
    welcome_text: str = free_text("Press any key to start")
    # The welcome screen's emergency bar: "neutral" describes what a bystander sees (won't wake up,
    # not breathing) and names no drug or topic, as everything a passer-by sees there; "overdose"
    # names it, where the deployer is happy for passers-by to know what the kiosk is about.
    welcome_emergency: str = "neutral"
    exit_secret_hash: Optional[str] = None
    legal_note: str = free_text()
    naloxone_where: str = free_text()
    # Which injection-kit guide Emergency offers: "prenoxad" (the Prenoxad steps) or "other"
    # (follow the kit's own instructions). None: Prenoxad where it is sold (region UK), else other.
    injection_kit: Optional[str] = None
    speech: str = "on-request"  # does the emergency guide speak by itself (see SPEECH)
    # For visitors who use a screen reader (speakup, fenrir, brltty): a visible cursor on the focused
    # item, nothing blinking, no redraw more than every 30 s unless a key or an alarm asks, no block art.
    screen_reader: bool = False
    address: str = free_text()  # where the kiosk stands: read out on the call (shown large on the call step)
    helplines: Tuple[Helpline, ...] = ()
    services: Tuple[Service, ...] = ()
    language: str = "en"  # the deployment's default language (quick exit and idle reset return to it)
    languages: Tuple[str, ...] = ()  # the languages offered; () = every complete one (make_app)
    alerts: Tuple[Alert, ...] = ()  # drug alerts from staff (kiosk/data/alerts.py)

    @property
    def offered_languages(self) -> Tuple[str, ...]:
        """The languages a visitor can switch between, the default first."""
        return (self.language,) + tuple(c for c in self.languages if c != self.language)

    failed_closed: bool = False  # the config could not be trusted: kiosk mode (see the module notes)

    @property
    def kiosk_mode(self) -> bool:
        return self.mode == "kiosk"

    def in_language(self, code: str) -> "Config":
        """This config as a visitor using `code` reads it: each text given by language in
        `code`, else in the language its table gives first."""
        return localise(self, code)


TOP_KEYS = ("mode", "theme", "glyphs", "region", "emergency_number", "emergency_keys", "idle_seconds",
            "idle_warning_seconds", "welcome_title", "welcome_text", "welcome_emergency", "exit_secret_hash", "legal_note",
            "naloxone_where", "injection_kit", "helplines", "services", "language", "languages",
            "speech", "address", "alerts", "screen_reader")


def load_config(path: Optional[Where]) -> Tuple[Config, List[ContentError]]:
    """The config at `path` (defaults if None), and every problem found in it."""
    if path is None:
        return Config(), []
    locked = Config(source=str(path), mode="kiosk", failed_closed=True)
    try:
        data, text = read_toml(as_resource(path))
    except ContentError as exc:
        return locked, [exc]
    ck = Checker(str(path), text)
    if not ck.keys(data, [], (), TOP_KEYS):
        return locked, ck.errors
    values: dict = {"source": str(path)}

    def put(name: str, value) -> None:
        if value is not None:
            values[name] = value

    put("mode", ck.choice(data, [], "mode", MODES))
    if ("mode" in data and "mode" not in values) or set(data) - set(TOP_KEYS):
        values.update(mode="kiosk", failed_closed=True)  # a bad mode, or a typo that may hide one (mdoe)
    put("theme", ck.choice(data, [], "theme", THEMES))
    put("glyphs", ck.choice(data, [], "glyphs", GLYPHS))
    put("region", ck.choice(data, [], "region", REGIONS))
    put("emergency_number", _phone(ck, data, [], "emergency_number"))
    keys = ck.string_list(data, [], "emergency_keys", max_len=30, max_items=5, pattern=_KEY, pattern_hint="a key name such as f12")
    free = []
    for i, key in enumerate(keys or []):
        taken = key_meaning(key)
        if taken:
            ck.error(["emergency_keys", i], f"expected a key the kiosk does not already use; {key!r} is taken: {taken}")
        else:
            free.append(normalise(key))
    put("emergency_keys", tuple(free) if keys is not None else None)
    put("idle_seconds", ck.integer(data, [], "idle_seconds", low=20, high=3600))
    put("idle_warning_seconds", ck.integer(data, [], "idle_warning_seconds", low=20, high=300))
    put("welcome_title", ck.local_string(data, [], "welcome_title", max_len=60))
    put("welcome_text", ck.local_string(data, [], "welcome_text", max_len=120))
    put("welcome_emergency", ck.choice(data, [], "welcome_emergency", WELCOME_EMERGENCY))
    put("exit_secret_hash", ck.string(data, [], "exit_secret_hash", max_len=300, pattern=_HASH,
                                      pattern_hint="a value printed by `kiosk --hash-secret`"))
    put("legal_note", ck.local_string(data, [], "legal_note", max_len=600, multiline=True))
    put("naloxone_where", ck.local_string(data, [], "naloxone_where", max_len=600, multiline=True))
    put("injection_kit", ck.choice(data, [], "injection_kit", INJECTION_KITS))
    put("speech", ck.choice(data, [], "speech", SPEECH))
    put("address", ck.local_string(data, [], "address", max_len=200))
    put("screen_reader", ck.boolean(data, [], "screen_reader"))
    code_hint = 'a language code such as "en" or "es"'
    put("language", ck.string(data, [], "language", max_len=12, pattern=LANGUAGE_CODE, pattern_hint=code_hint))
    languages = ck.string_list(data, [], "languages", max_len=12, max_items=20, pattern=LANGUAGE_CODE,
                               pattern_hint=code_hint)
    if languages:
        put("languages", tuple(dict.fromkeys(languages)))
        if "language" not in data:
            values["language"] = languages[0]  # the first one offered is the default
        elif values.get("language", "en") not in languages:
            ck.error(["language"], f"expected one of the languages offered ({', '.join(languages)}); "
                                   f"got {values.get('language', data.get('language'))!r}")
    values["helplines"] = tuple(_helplines(ck, data))
    values["services"] = tuple(_services(ck, data))
    values["alerts"] = tuple(read_alerts(ck, data))
    return Config(**values), ck.errors


def _phone(ck: Checker, data: dict, path: list, key: str) -> Optional[str]:
    number = ck.string(data, path, key, max_len=40, pattern=_PHONE, pattern_hint=PHONE_HINT)
    if number is not None and not 2 <= phone_digits(number) <= 15:
        ck.error(path + [key], f"expected {PHONE_HINT} (2 to 15 digits); got {number!r}")
        return None
    # Shown as plain characters every console font has: a no-break space or a typographic dash
    # (pasted from a word processor) becomes a space or a hyphen.
    return re.sub("[\u2010-\u2013]", "-", number.replace("\u00a0", " ")) if number is not None else None


def _helplines(ck: Checker, data: dict) -> List[Helpline]:
    out = []
    for i, raw in enumerate(ck.table_list(data, [], "helplines", max_items=50)):
        p = ["helplines", i]
        if not ck.keys(raw, p, ("name", "number"), ("hours", "offers", "text", "tty", "region", "languages")):
            continue
        name = ck.local_string(raw, p, "name", max_len=80)
        number = _phone(ck, raw, p, "number")
        optional = {k: (ck.local_string if k in ("hours", "offers") else ck.string)(raw, p, k, max_len=160) or ""
                    for k in ("hours", "offers", "text", "tty")}
        region = ck.choice(raw, p, "region", REGIONS) or ""
        spoken = ck.string_list(raw, p, "languages", max_len=12, max_items=20, pattern=LANGUAGE_CODE,
                                pattern_hint='a language code such as "en" or "es"') or []
        if name and number:
            out.append(Helpline(name=name, number=number, hours=optional["hours"], offers=optional["offers"],
                                text=optional["text"], tty=optional["tty"], region=region, languages=tuple(spoken)))
    return out


def _services(ck: Checker, data: dict) -> List[Service]:
    out = []
    for i, raw in enumerate(ck.table_list(data, [], "services", max_items=100)):
        p = ["services", i]
        if not ck.keys(raw, p, ("name",), ("address", "phone", "offers", "hours", "notes")):
            continue
        name = ck.local_string(raw, p, "name", max_len=80)
        address = ck.local_string(raw, p, "address", max_len=200, multiline=True) or ""
        phone = _phone(ck, raw, p, "phone") or ""
        notes = ck.local_string(raw, p, "notes", max_len=300) or ""
        offers = ck.string_list(raw, p, "offers", max_len=30, max_items=len(OFFERS)) or []
        for j, offer in enumerate(offers):
            if offer not in OFFERS:
                ck.error(p + ["offers", j], f"expected one of: {', '.join(OFFERS)}; got {offer!r}")
        hours: Dict[str, str] = {}
        if "hours" in raw and ck.keys(raw["hours"], p + ["hours"], (), WEEKDAYS):
            for day in WEEKDAYS:
                value = ck.string(raw["hours"], p + ["hours"], day, max_len=60,
                                  pattern=_HOURS, pattern_hint='"09:00-17:00", "09:00-12:00, 13:00-17:00", "24h" or "closed"')
                if value is not None:
                    try:
                        parse_day(value)
                    except ValueError as exc:
                        ck.error(p + ["hours", day], str(exc))
                        continue
                    hours[day] = value
        if name:
            out.append(Service(name, address, phone, tuple(o for o in offers if o in OFFERS), hours, notes))
    return out
