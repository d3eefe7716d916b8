"""The built-in national helplines (content/helplines.toml): Find help's defaults, the crisis
screen's lines and Find help's own words. Pure Python, no Textual."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Dict, List, Optional, Tuple

from kiosk.data.checks import Checker
from kiosk.data.config import LANGUAGE_CODE, REGIONS, Helpline
from kiosk.data.tomlfile import ContentError, as_resource, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

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
