"""Reading content/emergency.toml, strictly. Each part (first screen, guides, timer, naloxone page)
is checked on its own: a broken part is reported and replaced by the built-in fallback for that
part (kiosk/data/emergency_fallback.py), so a typo in the naloxone page never costs the first screen.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Tuple

from kiosk.data.checks import Checker, read_checked
from kiosk.data.emergency import (
    FIRST_STEPS,
    GUIDE_IDS,
    KITS,
    OVERDOSE_STEP_IDS,
    SHOW,
    Emergency,
    EmergencyNumber,
    Guide,
    GuideStep,
    NaloxonePage,
    Section,
    TimerText,
)
from kiosk.data.emergency_fallback import FALLBACK, FALLBACK_GUIDES, FALLBACK_NALOXONE, FALLBACK_TIMER
from kiosk.data.tomlfile import ContentError

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

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
