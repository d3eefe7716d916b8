"""The emergency content (content/emergency.toml, content/helplines.toml): models and strict
loaders. Pure Python, no Textual.

Each part of emergency.toml (first screen, guides, timer, naloxone page) is checked on its own:
a broken part is reported and replaced by the built-in fallback for that part, so a typo in the
naloxone page never costs the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from kiosk.data.checks import Checker
from kiosk.data.config import LANGUAGE_CODE, REGIONS, Helpline
from kiosk.data.tomlfile import ContentError, as_resource, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

NUMBER_SLOT = "{number}"
NO_NUMBER = "your local emergency number"
GUIDE_IDS = ("overdose", "spray", "injection")
SHOW = ("spray", "injection", "dose", "doses")
DOSE_KINDS = ("any", "spray", "injection")


def fill_number(text: str, number: str) -> str:
    """Put the emergency number (or 'your local emergency number') where the text says {number}."""
    return text.replace(NUMBER_SLOT, number or NO_NUMBER)


@dataclass(frozen=True)
class EmergencyNumber:
    region: str
    label: str
    number: str


@dataclass(frozen=True)
class GuideStep:
    title: str
    text: str
    source: str
    show: Tuple[str, ...] = ()


@dataclass(frozen=True)
class Guide:
    id: str
    title: str
    steps: Tuple[GuideStep, ...]


@dataclass(frozen=True)
class TimerText:
    title: str
    crew: str
    awake: str
    redose_after: int  # seconds
    wait: Dict[str, str]  # dose kind (any, spray, injection) -> what to do while waiting
    redose: Dict[str, str]  # dose kind -> the prompt for the next dose


@dataclass(frozen=True)
class Section:
    heading: str
    text: str
    source: str


@dataclass(frozen=True)
class NaloxonePage:
    title: str
    intro: str
    where_heading: str
    sections: Tuple[Section, ...]


@dataclass(frozen=True)
class Emergency:
    title: str
    intro: str
    signs: Tuple[str, ...]
    unsure: str
    steps: Tuple[str, ...]
    numbers: Tuple[EmergencyNumber, ...]
    sources: Tuple[str, ...]
    call_now: str = "Call now"
    call_local: str = "Call your local emergency number:"
    steps_heading: str = "What to do, in order:"
    guides: Tuple[Guide, ...] = ()
    timer: Optional[TimerText] = None
    naloxone: Optional[NaloxonePage] = None

    def number_for(self, region: str) -> str:
        return next((n.number for n in self.numbers if n.region == region), "")

    def call_number(self, region: Optional[str], configured: Optional[str]) -> str:
        """The number to show large: the config's own number, else its region's; "" if neither."""
        return configured or (self.number_for(region) if region else "")

    def guide(self, guide_id: str) -> Guide:
        found = next((g for g in self.guides if g.id == guide_id), None)
        if found is None:  # a broken file never leaves the guided mode empty
            found = next(g for g in FALLBACK_GUIDES if g.id == guide_id)
        return found


# ---- Built-in fallbacks: the bare minimum, from the same sources (emergency-facts.md). ----

FALLBACK_GUIDES = (
    Guide("overdose", "Step by step", (
        GuideStep("Check", "Shout their name.\nRub your knuckles hard on their breastbone.\n"
                  "If you aren't sure, treat it as an overdose.", "SAMHSA toolkit (2018); CDC (2017)"),
        GuideStep("Call {number}", "Call {number} now.\nDon't leave them alone.", "SAMHSA toolkit (2018); CDC (2017)"),
        GuideStep("Give naloxone", "Give naloxone if there is some.", "SAMHSA toolkit (2018)", ("spray", "injection", "dose")),
        GuideStep("Help them breathe", "Not breathing? Give 2 breaths, then 1 breath every 5 seconds.",
                  "Maryland Department of Health"),
        GuideStep("Stay with them", "Stay until help comes. The overdose can come back.",
                  "National Harm Reduction Coalition", ("doses",)),
    )),
    Guide("spray", "Naloxone nasal spray", (
        GuideStep("Spray", "Lay them on their back. Tilt their head back.\nNozzle into one nostril.\n"
                  "Press the plunger firmly.", "Narcan instructions for use; Nyxoid leaflet", ("dose",)),
        GuideStep("Second dose", "No response after 2 to 3 minutes?\nA new spray, in the other nostril.",
                  "Narcan instructions for use; Nyxoid leaflet", ("dose", "doses")),
    )),
    Guide("injection", "Naloxone injection kit (Prenoxad)", (
        GuideStep("Inject", "Call {number}.\nInject 0.4 ml (to the first black line) into the outer thigh "
                  "or upper arm muscle.", "Prenoxad patient leaflet", ("dose", "doses")),
    )),
)

FALLBACK_TIMER = TimerText(
    "Naloxone given", "Tell the ambulance crew. Naloxone given at:", "They are waking up", 120,
    {k: "Watch their breathing. Stay with them." for k in DOSE_KINDS},
    {k: "No response after 2 to 3 minutes? Give another dose now." for k in DOSE_KINDS},
)

FALLBACK_NALOXONE = NaloxonePage(
    "Naloxone: how to use it", "Give naloxone, and call for help too.", "Where to get naloxone here",
    (Section("Nasal spray", "Nozzle into one nostril. Press the plunger firmly.\n"
             "No response after 2 to 3 minutes? A new spray, in the other nostril.",
             "Narcan instructions for use; Nyxoid leaflet"),),
)

# Shown if emergency.toml itself is broken.
FALLBACK = Emergency(
    "Emergency: opioid overdose",
    "Someone may be overdosing if they can't be woken or are breathing slowly or not at all.",
    (), "If you aren't sure, treat it as an overdose. Don't leave them alone.",
    ("Call your local emergency number.",), (
        EmergencyNumber("US", "USA / Canada", "911"), EmergencyNumber("UK", "UK", "999"),
        EmergencyNumber("EU", "European Union", "112"), EmergencyNumber("AU", "Australia", "000"),
        EmergencyNumber("NZ", "New Zealand", "111")),
    ("SAMHSA Opioid Overdose Prevention Toolkit (2018)",),
    guides=FALLBACK_GUIDES, timer=FALLBACK_TIMER, naloxone=FALLBACK_NALOXONE,
)

FIRST_KEYS = ("title", "call_now", "call_local", "intro", "signs", "unsure", "steps_heading", "steps",
              "sources", "numbers")
TOP_KEYS = FIRST_KEYS + ("guides", "timer", "naloxone")


def load_emergency(root: Where) -> Tuple[Emergency, List[ContentError]]:
    path = as_resource(root) / "emergency.toml"
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return FALLBACK, [exc]
    ck = Checker(str(path), text)
    if not ck.keys(data, [], TOP_KEYS):
        return FALLBACK, ck.errors
    first = _first_screen(ck, data)
    result = first if first is not None else FALLBACK
    guides = _guides(ck, data)
    timer = _timer(ck, data)
    naloxone = _naloxone(ck, data)
    return replace(
        result,
        guides=guides if guides is not None else FALLBACK_GUIDES,
        timer=timer or FALLBACK_TIMER,
        naloxone=naloxone or FALLBACK_NALOXONE,
    ), ck.errors


def _first_screen(ck: Checker, data: dict) -> Optional[Emergency]:
    numbers = []
    for i, raw in enumerate(ck.table_list(data, [], "numbers", max_items=30)):
        p = ["numbers", i]
        if ck.keys(raw, p, ("region", "label", "number")):
            region, label, number = (ck.string(raw, p, k, max_len=40) for k in ("region", "label", "number"))
            if region and label and number:
                numbers.append(EmergencyNumber(region, label, number))
    fields = dict(
        title=ck.string(data, [], "title", max_len=80),
        call_now=ck.string(data, [], "call_now", max_len=40),
        call_local=ck.string(data, [], "call_local", max_len=78),
        intro=ck.string(data, [], "intro", max_len=300),
        signs=ck.string_list(data, [], "signs", max_len=70, max_items=6, non_empty=True),
        unsure=ck.string(data, [], "unsure", max_len=150),
        steps_heading=ck.string(data, [], "steps_heading", max_len=78),
        steps=ck.string_list(data, [], "steps", max_len=90, max_items=7, non_empty=True),
        sources=ck.string_list(data, [], "sources", max_len=300, non_empty=True),
    )
    if any(v is None for v in fields.values()) or not numbers:
        return None
    for key in ("signs", "steps", "sources"):
        fields[key] = tuple(fields[key])
    return Emergency(numbers=tuple(numbers), **fields)


def _guides(ck: Checker, data: dict) -> Optional[Tuple[Guide, ...]]:
    """All three guides, or None (fallback) if any is missing or broken."""
    guides: Dict[str, Guide] = {}
    ok = "guides" in data
    for i, raw in enumerate(ck.table_list(data, [], "guides", max_items=10)):
        p = ["guides", i]
        if not ck.keys(raw, p, ("id", "title", "steps")):
            ok = False
            continue
        guide_id = ck.choice(raw, p, "id", GUIDE_IDS)
        title = ck.string(raw, p, "title", max_len=60)
        if guide_id in guides:
            ck.error(p + ["id"], f"expected each guide once; {guide_id!r} is already used")
            ok = False
            continue
        steps = []
        for j, rstep in enumerate(ck.table_list(raw, p, "steps", max_items=20)):
            sp = p + ["steps", j]
            if not ck.keys(rstep, sp, ("title", "text", "source"), ("show",)):
                ok = False
                continue
            s_title = ck.string(rstep, sp, "title", max_len=60)
            s_text = ck.string(rstep, sp, "text", max_len=400, multiline=True)
            s_source = ck.string(rstep, sp, "source", max_len=200)
            show = ck.string_list(rstep, sp, "show", max_len=20, max_items=len(SHOW)) or []
            for k, item in enumerate(show):
                if item not in SHOW:
                    ck.error(sp + ["show", k], f"expected one of: {', '.join(SHOW)}; got {item!r}")
            if s_title and s_text and s_source:
                steps.append(GuideStep(s_title, s_text.strip(), s_source, tuple(s for s in show if s in SHOW)))
            else:
                ok = False
        if guide_id and title and steps:
            guides[guide_id] = Guide(guide_id, title, tuple(steps))
        else:
            ok = False
    if "guides" in data:
        for missing in (g for g in GUIDE_IDS if g not in guides):
            ck.error(["guides"], f"expected a guide with id = {missing!r}")
            ok = False
    if not ok:
        return None
    return tuple(guides[g] for g in GUIDE_IDS)


def _timer(ck: Checker, data: dict) -> Optional[TimerText]:
    if "timer" not in data:
        return None
    raw, p = data["timer"], ["timer"]
    texts = ("wait", "redose", "wait_spray", "redose_spray", "wait_injection", "redose_injection")
    if not ck.keys(raw, p, ("title", "crew", "awake", "redose_after") + texts):
        return None
    values = {k: ck.string(raw, p, k, max_len=60) for k in ("title", "awake")}
    values["crew"] = ck.string(raw, p, "crew", max_len=78)
    values.update({k: ck.string(raw, p, k, max_len=160) for k in texts})
    after = ck.integer(raw, p, "redose_after", low=120, high=180)
    if after is None or any(v is None for v in values.values()):
        return None
    return TimerText(
        values["title"], values["crew"], values["awake"], after,
        {"any": values["wait"], "spray": values["wait_spray"], "injection": values["wait_injection"]},
        {"any": values["redose"], "spray": values["redose_spray"], "injection": values["redose_injection"]},
    )


def _naloxone(ck: Checker, data: dict) -> Optional[NaloxonePage]:
    if "naloxone" not in data:
        return None
    raw, p = data["naloxone"], ["naloxone"]
    if not ck.keys(raw, p, ("title", "intro", "where_heading", "sections")):
        return None
    title = ck.string(raw, p, "title", max_len=60)
    intro = ck.string(raw, p, "intro", max_len=300, multiline=True)
    where = ck.string(raw, p, "where_heading", max_len=60)
    sections = []
    for i, rsec in enumerate(ck.table_list(raw, p, "sections", max_items=10)):
        sp = p + ["sections", i]
        if ck.keys(rsec, sp, ("heading", "text", "source")):
            values = [ck.string(rsec, sp, "heading", max_len=60),
                      ck.string(rsec, sp, "text", max_len=1000, multiline=True),
                      ck.string(rsec, sp, "source", max_len=200)]
            if all(values):
                sections.append(Section(values[0], values[1].strip(), values[2]))
    if not (title and intro and where and sections):
        return None
    return NaloxonePage(title, intro, where, tuple(sections))


# ---- Default helplines (content/helplines.toml) ----

@dataclass(frozen=True)
class HelplineGroup:
    country: str
    region: str
    helplines: Tuple[Helpline, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class DefaultHelplines:
    note: str
    groups: Tuple[HelplineGroup, ...]


DEFAULT_NOTE = "Built-in national helplines (this kiosk has no local list set up)."


def load_default_helplines(root: Where) -> Tuple[DefaultHelplines, List[ContentError]]:
    """The built-in helplines, grouped by country in file order. Broken entries are left out."""
    path = as_resource(root) / "helplines.toml"
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return DefaultHelplines(DEFAULT_NOTE, ()), [exc]
    ck = Checker(str(path), text)
    if not ck.keys(data, [], ("helplines",), ("note",)):
        return DefaultHelplines(DEFAULT_NOTE, ()), ck.errors
    note = ck.string(data, [], "note", max_len=160) or DEFAULT_NOTE
    groups: Dict[str, List[Helpline]] = {}
    regions: Dict[str, str] = {}
    for i, raw in enumerate(ck.table_list(data, [], "helplines", max_items=50)):
        p = ["helplines", i]
        if not ck.keys(raw, p, ("country", "region", "name", "number", "source"),
                       ("hours", "offers", "text", "tty", "languages")):
            continue
        country = ck.string(raw, p, "country", max_len=40)
        region = ck.choice(raw, p, "region", REGIONS)
        name = ck.string(raw, p, "name", max_len=80)
        number = ck.string(raw, p, "number", max_len=30)
        ck.string(raw, p, "source", max_len=300)
        optional = {k: ck.string(raw, p, k, max_len=160) or "" for k in ("hours", "offers", "text", "tty")}
        spoken = ck.string_list(raw, p, "languages", max_len=12, max_items=20, pattern=LANGUAGE_CODE,
                                pattern_hint='a language code such as "en" or "es"') or []
        if country and region and name and number:
            groups.setdefault(country, []).append(Helpline(name, number, region=region, languages=tuple(spoken), **optional))
            regions[country] = region
    return DefaultHelplines(note, tuple(HelplineGroup(c, regions[c], tuple(lines)) for c, lines in groups.items())), ck.errors
