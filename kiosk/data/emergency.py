"""The emergency content (content/emergency.toml, content/helplines.toml): models and strict
loaders. Pure Python, no Textual.

Each part of emergency.toml (first screen, guides, timer, naloxone page) is checked on its own:
a broken part is reported and replaced by the built-in fallback for that part, so a typo in the
naloxone page never costs the first screen.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from kiosk.data.checks import Checker, read_checked
from kiosk.data.config import LANGUAGE_CODE, REGIONS, Helpline
from kiosk.data.tomlfile import ContentError, as_resource, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

NUMBER_SLOT = "{number}"
ADDRESS_SLOT = "{address}"  # in a step's `say`: "The address here: ..." (coach.toml, config), or nothing
NO_NUMBER = "your local emergency number"
GUIDE_IDS = ("overdose", "spray", "injection", "injection-other")
SHOW = ("spray", "injection", "dose", "doses", "numbers", "where")
DOSE_KINDS = ("any", "spray", "injection")
# Steps every way into a guide must start with (issue 10): the call, then the breathing check.
FIRST_STEPS = ("call", "breathing")
OVERDOSE_STEP_IDS = FIRST_STEPS + ("wake",)  # the overdose guide must have these (the timer uses "wake")
KITS = ("prenoxad", "other")


def fill_number(text: str, number: str, no_number: str = NO_NUMBER) -> str:
    """Put the emergency number (or `no_number`: 'your local emergency number', in the visitor's
    language) where the text says {number}."""
    return text.replace(NUMBER_SLOT, number or no_number)


def injection_guide_id(region: Optional[str], injection_kit: Optional[str]) -> str:
    """The Prenoxad guide where it is sold (the UK) or where the config asks for it; elsewhere the
    guide that says to follow the kit's own instructions."""
    kit = injection_kit or ("prenoxad" if region == "UK" else "other")
    return "injection" if kit == "prenoxad" else "injection-other"


@dataclass(frozen=True)
class EmergencyNumber:
    region: str
    label: str
    number: str
    in_table: bool = True  # False: only a region's number (Ireland's 112 is the EU's, listed once)


@dataclass(frozen=True)
class GuideStep:
    title: str
    text: str
    source: str
    show: Tuple[str, ...] = ()
    id: str = ""
    say: str = ""  # the words for the ear (content `say`); "" = the title and text as shown

    def spoken(self) -> str:
        """What the voice says for this step: its own `say`, else the screen's words."""
        return self.say or f"{self.title}. {self.text}"


@dataclass(frozen=True)
class Guide:
    """A guide's steps in order. A device guide's first `shared` steps are the overdose guide's
    call and breathing steps (its `begin_with`), skipped when it is opened from the overdose guide."""
    id: str
    title: str
    steps: Tuple[GuideStep, ...]
    shared: int = 0

    def index_of(self, step_id: str) -> Optional[int]:
        return next((i for i, s in enumerate(self.steps) if s.id == step_id), None)


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
    kit: str = ""  # "prenoxad" / "other": shown only with / without the Prenoxad guide


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
    where_label: str = "Naloxone here:"
    say: str = ""  # the first screen's words for the ear; "" = the number and the steps as shown
    guides: Tuple[Guide, ...] = ()
    timer: Optional[TimerText] = None
    naloxone: Optional[NaloxonePage] = None

    def table(self) -> List[Tuple[str, str]]:
        """(label, number) of the table of common numbers, shown when no number is known."""
        return [(n.label, n.number) for n in self.numbers if n.in_table]

    def number_for(self, region: str) -> str:
        return next((n.number for n in self.numbers if n.region == region), "")

    def call_number(self, region: Optional[str], configured: Optional[str]) -> str:
        """The number to show large: the config's own number, else its region's; "" if neither."""
        return configured or (self.number_for(region) if region else "")

    @property
    def dose_timer(self) -> TimerText:
        """The re-dose timer's words (the loader always sets them; an Emergency built in code may not)."""
        return self.timer or FALLBACK_TIMER

    def guide(self, guide_id: str) -> Guide:
        found = next((g for g in self.guides if g.id == guide_id), None)
        if found is None:  # a broken file never leaves the guided mode empty
            found = next(g for g in FALLBACK_GUIDES if g.id == guide_id)
        return found


# ---- Built-in fallbacks: the bare minimum, from the same sources (emergency-facts.md), in the
# same words as content/emergency.toml: call first, then the breathing check, CPR for everyone. ----

_SAMHSA = "SAMHSA Overdose Prevention and Response Toolkit (2025)"
_CPR = "AHA lay rescuer algorithm; Resuscitation Council UK and ERC 2025"
_FB_CALL = GuideStep("Call {number}", "Call {number} now. Don't leave them alone.\n"
                     "If someone is with you: one calls, one gets naloxone and a defibrillator (AED).\n"
                     "Put the phone on speaker.",
                     "Resuscitation Council UK (2025); " + _SAMHSA, ("numbers",), "call")
_FB_BREATHING = GuideStep("Check their breathing", "Open the airway: tilt the head back and lift the chin.\n"
                          "Look, listen and feel for breathing, for up to 10 seconds.\n"
                          "Not breathing normally, or only gasping? Start CPR now.\n"
                          "Breathing normally? Put them on their side: the recovery position.", _CPR, (), "breathing")
_FB_CPR = GuideStep("CPR: if not breathing normally", "Push hard and fast in the middle of the chest.\n"
                    "If you can, give 2 breaths after every 30 pushes: tilt the head back, lift the chin, "
                    "pinch the nose, seal your mouth over theirs, blow until the chest rises.\n"
                    "If you can't, just keep pushing.", _CPR, (), "cpr")
_FB_REDOSE = "Not breathing normally after 2 to 3 minutes? Give another dose."
_FB_AIM = "The aim is normal breathing, not waking up: xylazine or benzos can keep them asleep."

FALLBACK_GUIDES = (
    Guide("overdose", "Step by step", (
        GuideStep("Check", "Shout their name.\nRub your knuckles hard on their breastbone.\n"
                  "If you aren't sure, treat it as an overdose.", _SAMHSA + "; CDC (2017)", (), "check"),
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Give naloxone", "Give naloxone as soon as you can, without stopping CPR for long.\n"
                  "Naloxone won't harm someone who hasn't taken opioids: if you aren't sure, give it.\n"
                  + _FB_REDOSE + "\n" + _FB_AIM,
                  _SAMHSA + "; WHO 2014; Narcan instructions for use", ("spray", "injection", "dose", "where"),
                  "naloxone"),
        GuideStep("When they wake", "Not breathing normally again? Another dose at once.\n"
                  "Stay until help comes: naloxone can wear off in as little as 20 minutes.",
                  "Change Grow Live; With You", ("dose", "doses"), "wake"),
    )),
    Guide("spray", "Naloxone nasal spray", (
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Spray", "Lay them on their back. Tilt their head back.\nNozzle into one nostril.\n"
                  "Press the plunger firmly.", "Narcan instructions for use; Nyxoid leaflet", ("dose",)),
        GuideStep("Next dose", _FB_REDOSE + "\nA new spray, in the other nostril.",
                  "Narcan instructions for use; Nyxoid leaflet", ("dose", "doses")),
    ), shared=3),
    Guide("injection", "Naloxone injection kit (Prenoxad)", (
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Inject", "Twist off the syringe's top, screw on a needle, twist off its cover.\n"
                  "Inject 0.4 ml (to the first black line) into the outer thigh or upper arm muscle.\n"
                  "Not breathing normally after 2 to 3 minutes? Give the next dose, to the next line.",
                  "Prenoxad patient leaflet", ("dose", "doses")),
    ), shared=3),
    Guide("injection-other", "Naloxone injection kit", (
        _FB_CALL, _FB_BREATHING, _FB_CPR,
        GuideStep("Follow the kit's instructions", "Injection kit: follow the instructions that come with it.\n"
                  + _FB_REDOSE, "Health Canada naloxone page", ("dose", "doses")),
    ), shared=3),
)

FALLBACK_TIMER = TimerText(
    "Naloxone given", "Tell the ambulance crew. Naloxone given at:", "They are breathing normally", 120,
    {k: "Not breathing normally? Keep doing CPR. Breathing normally? Keep them on their side." for k in DOSE_KINDS},
    {k: "Still not breathing normally? Give another dose now." for k in DOSE_KINDS},
)

FALLBACK_NALOXONE = NaloxonePage(
    "Naloxone: how to use it", "Give naloxone, and call for help too.", "Where to get naloxone here",
    (Section("First: call, and check their breathing", "Call {number}. Put the phone on speaker.\n"
             "Tilt the head back and lift the chin. Look and listen for up to 10 seconds.\n"
             "Not breathing normally? Start CPR: push hard and fast in the middle of the chest.\n"
             "Breathing normally? Put them on their side.", _CPR),
     Section("Nasal spray", "Nozzle into one nostril. Press the plunger firmly.\n"
             + _FB_REDOSE + " A new spray, in the other nostril.\n" + _FB_AIM,
             "Narcan instructions for use; Nyxoid leaflet; " + _SAMHSA),
     Section("Injection kit", "Follow the instructions that come with the kit.\n" + _FB_REDOSE,
             "Health Canada naloxone page")),
)

# Shown if emergency.toml itself is broken.
FALLBACK = Emergency(
    "Emergency: opioid overdose",
    "Someone may be overdosing if they can't be woken or are breathing slowly or not at all.",
    (), "If you aren't sure, treat it as an overdose. Don't leave them alone.",
    ("Call: {number} now. Put the phone on speaker.",
     "Airway: tilt the head back and lift the chin. Breathing normally?",
     "Not breathing normally: start CPR. Push hard and fast in the middle of the chest.",
     "Breathing normally: put them on their side (recovery position).",
     "Naloxone: give it now; again after 2 to 3 min if not breathing normally."), (
        EmergencyNumber("US", "USA / Canada", "911"), EmergencyNumber("UK", "UK", "999"),
        EmergencyNumber("EU", "European Union", "112"), EmergencyNumber("AU", "Australia", "000"),
        EmergencyNumber("NZ", "New Zealand", "111"), EmergencyNumber("CA", "Canada", "911", in_table=False),
        EmergencyNumber("IE", "Ireland", "112", in_table=False)),
    (_SAMHSA, _CPR),
    guides=FALLBACK_GUIDES, timer=FALLBACK_TIMER, naloxone=FALLBACK_NALOXONE,
)

FIRST_KEYS = ("title", "call_now", "call_local", "intro", "signs", "unsure", "steps_heading", "steps",
              "sources", "numbers")
TOP_KEYS = FIRST_KEYS + ("guides", "timer", "naloxone")
OPTIONAL_KEYS = ("where_label", "say")
SAY_MAX = 400  # spoken text is short: the first screen's, about 25 s at espeak-ng's rate


def load_emergency(root: Where) -> Tuple[Emergency, List[ContentError]]:
    data, ck = read_checked(root, "emergency.toml", TOP_KEYS, OPTIONAL_KEYS)
    if data is None:
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
        if ck.keys(raw, p, ("region", "label", "number"), ("in_table",)):
            region, label, number = (ck.string(raw, p, k, max_len=40) for k in ("region", "label", "number"))
            in_table = raw.get("in_table", True)
            if not isinstance(in_table, bool):
                ck.error(p + ["in_table"], f"expected true or false, got {in_table!r}")
                in_table = True
            if region and label and number:
                numbers.append(EmergencyNumber(region, label, number, in_table))
    fields = dict(
        title=ck.string(data, [], "title", max_len=80),
        call_now=ck.string(data, [], "call_now", max_len=40),
        call_local=ck.string(data, [], "call_local", max_len=78),
        intro=ck.string(data, [], "intro", max_len=300),
        signs=ck.string_list(data, [], "signs", max_len=70, max_items=6, non_empty=True),
        unsure=ck.string(data, [], "unsure", max_len=150),
        steps_heading=ck.string(data, [], "steps_heading", max_len=78),
        steps=ck.string_list(data, [], "steps", max_len=160, max_items=7, non_empty=True),
        sources=ck.string_list(data, [], "sources", max_len=300, non_empty=True),
    )
    if any(v is None for v in fields.values()) or not numbers:
        return None
    values: Dict[str, Any] = dict(fields)
    if "where_label" in data:
        values["where_label"] = ck.string(data, [], "where_label", max_len=40) or "Naloxone here:"
    values["say"] = _say(ck, data, [])
    for key in ("signs", "steps", "sources"):
        values[key] = tuple(fields[key] or ())
    return Emergency(numbers=tuple(numbers), **values)


def _say(ck: Checker, raw: dict, p: list) -> str:
    """A `say` (words for the ear), or "" when absent or broken (reported): the screen's words are
    spoken then, never a text cut off mid-sentence."""
    if "say" not in raw:
        return ""
    before = len(ck.errors)
    value = ck.string(raw, p, "say", max_len=SAY_MAX)
    return value if value and len(ck.errors) == before else ""


def _guides(ck: Checker, data: dict) -> Optional[Tuple[Guide, ...]]:
    """All the guides (device guides begin with their `begin_with` overdose steps), or None
    (fallback) if any is missing or broken, or a way into a guide would skip the call or the
    breathing check."""
    guides: Dict[str, Guide] = {}
    begin: Dict[str, Tuple[List[str], list]] = {}  # guide id -> (begin_with ids, its path)
    ok = "guides" in data
    for i, raw in enumerate(ck.table_list(data, [], "guides", max_items=10)):
        p = ["guides", i]
        if not ck.keys(raw, p, ("id", "title", "steps"), ("begin_with",)):
            ok = False
            continue
        guide_id = ck.choice(raw, p, "id", GUIDE_IDS)
        title = ck.string(raw, p, "title", max_len=60)
        if guide_id in guides:
            ck.error(p + ["id"], f"expected each guide once; {guide_id!r} is already used")
            ok = False
            continue
        steps = _steps(ck, raw, p)
        if guide_id and "begin_with" in raw:
            begin[guide_id] = (ck.string_list(raw, p, "begin_with", max_len=30, max_items=5) or [], p + ["begin_with"])
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
    overdose = guides["overdose"]
    for step_id in OVERDOSE_STEP_IDS:
        if overdose.index_of(step_id) is None:
            ck.error(["guides", "overdose"], f"expected a step with id = {step_id!r} in the overdose guide")
            ok = False
    for guide_id in GUIDE_IDS[1:]:
        ids, path = begin.get(guide_id, ([], ["guides", guide_id]))
        unknown = [x for x in ids if overdose.index_of(x) is None]
        if unknown:
            ck.error(path, f"expected ids of steps in the overdose guide; no step has id {unknown[0]!r}")
            ok = False
        elif not all(x in ids for x in FIRST_STEPS):
            ck.error(path, f"expected begin_with to include {' and '.join(map(repr, FIRST_STEPS))}: every way "
                           "into a guide starts with the call and the breathing check")
            ok = False
        else:
            shared = tuple(overdose.steps[overdose.index_of(x) or 0] for x in ids)
            g = guides[guide_id]
            guides[guide_id] = replace(g, steps=shared + g.steps, shared=len(shared))
    if not ok:
        return None
    return tuple(guides[g] for g in GUIDE_IDS)


def _steps(ck: Checker, raw: dict, p: list) -> List[GuideStep]:
    steps = []
    for j, rstep in enumerate(ck.table_list(raw, p, "steps", max_items=20)):
        sp = p + ["steps", j]
        if not ck.keys(rstep, sp, ("title", "text", "source"), ("show", "id", "say")):
            return []
        s_title = ck.string(rstep, sp, "title", max_len=60)
        s_text = ck.string(rstep, sp, "text", max_len=400, multiline=True)
        s_source = ck.string(rstep, sp, "source", max_len=200)
        s_id = (ck.string(rstep, sp, "id", max_len=30) or "") if "id" in rstep else ""
        s_say = _say(ck, rstep, sp)
        show = ck.string_list(rstep, sp, "show", max_len=20, max_items=len(SHOW)) or []
        for k, item in enumerate(show):
            if item not in SHOW:
                ck.error(sp + ["show", k], f"expected one of: {', '.join(SHOW)}; got {item!r}")
        if not (s_title and s_text and s_source):
            return []
        steps.append(GuideStep(s_title, s_text.strip(), s_source, tuple(s for s in show if s in SHOW), s_id, s_say))
    return steps


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
    text = {k: v or "" for k, v in values.items()}  # none is None here: this only narrows the type
    return TimerText(
        text["title"], text["crew"], text["awake"], after,
        {"any": text["wait"], "spray": text["wait_spray"], "injection": text["wait_injection"]},
        {"any": text["redose"], "spray": text["redose_spray"], "injection": text["redose_injection"]},
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
        if ck.keys(rsec, sp, ("heading", "text", "source"), ("kit",)):
            values = [ck.string(rsec, sp, "heading", max_len=60),
                      ck.string(rsec, sp, "text", max_len=1000, multiline=True),
                      ck.string(rsec, sp, "source", max_len=200)]
            kit = ck.choice(rsec, sp, "kit", KITS) if "kit" in rsec else ""
            heading, text, source = values
            if heading and text and source and kit is not None:
                sections.append(Section(heading, text.strip(), source, kit))
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
class FindHelpWords:
    """Words on the Find help screen that come from helplines.toml's [find_help] table."""

    emergency: str = "In an emergency, call {number}. Press e for what to do in an overdose."
    emergency_unknown: str = "In an emergency, call your local emergency number. Press e for what to do in an overdose."
    crisis: str = "Thinking of harming yourself? Talk to someone now"
    open_first: str = "Open now first"
    open_first_status: str = "Open places are listed first."


@dataclass(frozen=True)
class DefaultHelplines:
    note: str
    groups: Tuple[HelplineGroup, ...]
    find_help: FindHelpWords = field(default_factory=FindHelpWords)

    def crisis_lines(self) -> Tuple[Tuple[str, Helpline], ...]:
        """Every crisis line as (country, line), in file order."""
        return tuple((g.country, h) for g in self.groups for h in g.helplines if h.crisis)

    def crisis_line_for(self, region: Optional[str]) -> Optional[Tuple[str, Helpline]]:
        """The region's own crisis line, or None (no region, or none listed for it)."""
        return next(((c, h) for c, h in self.crisis_lines() if region and h.region == region), None)


DEFAULT_NOTE = "Built-in national helplines (this kiosk has no local list set up)."
FIND_HELP_KEYS = ("emergency", "emergency_unknown", "crisis", "open_first", "open_first_status")


def load_default_helplines(root: Where) -> Tuple[DefaultHelplines, List[ContentError]]:
    """The built-in helplines, grouped by country in file order, each country's crisis line
    first. Broken entries are left out."""
    path = as_resource(root) / "helplines.toml"
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return DefaultHelplines(DEFAULT_NOTE, ()), [exc]
    ck = Checker(str(path), text)
    if not ck.keys(data, [], ("helplines",), ("note", "find_help")):
        return DefaultHelplines(DEFAULT_NOTE, ()), ck.errors
    note = ck.string(data, [], "note", max_len=160) or DEFAULT_NOTE
    words = FindHelpWords()
    if "find_help" in data and ck.keys(data["find_help"], ["find_help"], (), FIND_HELP_KEYS):
        given = {k: ck.string(data["find_help"], ["find_help"], k, max_len=120) for k in FIND_HELP_KEYS}
        words = replace(words, **{k: v for k, v in given.items() if v})
    groups: Dict[str, List[Helpline]] = {}
    regions: Dict[str, str] = {}
    for i, raw in enumerate(ck.table_list(data, [], "helplines", max_items=50)):
        p = ["helplines", i]
        if not ck.keys(raw, p, ("country", "region", "name", "number", "source"),
                       ("hours", "offers", "text", "tty", "languages", "crisis")):
            continue
        country = ck.string(raw, p, "country", max_len=40)
        region = ck.choice(raw, p, "region", REGIONS)
        name = ck.string(raw, p, "name", max_len=80)
        number = ck.string(raw, p, "number", max_len=30)
        ck.string(raw, p, "source", max_len=300)
        optional = {k: ck.string(raw, p, k, max_len=160) or "" for k in ("hours", "offers", "text", "tty")}
        spoken = ck.string_list(raw, p, "languages", max_len=12, max_items=20, pattern=LANGUAGE_CODE,
                                pattern_hint='a language code such as "en" or "es"') or []
        crisis = raw.get("crisis", False)
        if not isinstance(crisis, bool):
            ck.error(p + ["crisis"], f"expected true or false, got {crisis!r}")
            crisis = False
        if country and region and name and number:
            groups.setdefault(country, []).append(Helpline(name, number, region=region, languages=tuple(spoken),
                                                           crisis=crisis, **optional))
            regions[country] = region
    ordered = (HelplineGroup(c, regions[c], tuple(sorted(lines, key=lambda h: not h.crisis)))  # stable
               for c, lines in groups.items())
    return DefaultHelplines(note, tuple(ordered), words), ck.errors
