"""Opening hours: "open now" / "opens at ..." from weekly hours. Pure Python, no Textual.

Hours are given per weekday (mon..sun) as "09:00-17:00", "09:00-12:00, 13:00-17:00", "24h" or
"closed". A range whose end is not after its start runs past midnight into the next day
("22:00-02:00" on Friday is open until 02:00 on Saturday). "24:00" may end a range.
A weekday that is not given is unknown, not closed: nothing is claimed for it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Callable, Dict, List, Mapping, Optional, Tuple

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
# The words of a status, in English; the kiosk passes the visitor's language's (ui.toml [hours]).
# A whole sentence per case (today, midnight tonight, tomorrow, a weekday): words are never put
# together from pieces ("Abre el {day}" + "mañana" read "Abre el mañana"). {day} is only ever a
# weekday's name.
WORDS = {
    "open_24h": "Open now, 24 hours", "open_until": "Open now, until {time}",
    "open_until_midnight": "Open now, until midnight",
    "open_until_tomorrow": "Open now, until tomorrow at {time}",
    "open_until_day": "Open now, until {day} {time}", "closed_opens": "Closed now. Opens at {time}",
    "closed_opens_tomorrow": "Closed now. Opens tomorrow at {time}",
    "closed_opens_day": "Closed now. Opens {day} at {time}", "closed": "Closed",
    **{f"day_{n}": name for n, name in enumerate(DAY_NAMES)},
}

_RANGE = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")

Span = Tuple[int, int]  # minutes from the day's midnight; end may pass 1440 (runs into the next day)


def parse_day(value: str) -> List[Span]:
    """'09:00-17:00, 18:00-20:00' -> [(540, 1020), (1080, 1200)]. Raises ValueError, worded for an admin."""
    value = value.strip()
    if value == "closed":
        return []
    if value == "24h":
        return [(0, 1440)]
    spans: List[Span] = []
    for part in value.split(","):
        m = _RANGE.match(part.strip())
        if not m:
            raise ValueError(f'expected a time range like "09:00-17:00", got {part.strip()!r}')
        sh, sm, eh, em = (int(g) for g in m.groups())
        if sh > 23 or sm > 59 or em > 59 or eh > 24 or (eh == 24 and em != 0):
            raise ValueError(f"expected times from 00:00 to 24:00, got {part.strip()!r}")
        start, end = sh * 60 + sm, eh * 60 + em
        if start == end:
            raise ValueError(f"expected a start and end that differ, got {part.strip()!r} (use \"24h\" for all day)")
        if end < start:
            end += 1440  # past midnight into the next day
        spans.append((start, end))
    return sorted(spans)


def parse_week(hours: Dict[str, str]) -> Dict[int, List[Span]]:
    """weekday name -> spans, keyed by weekday number (Monday 0). Unknown days are left out."""
    return {WEEKDAYS.index(day): parse_day(value) for day, value in hours.items() if day in WEEKDAYS}


@dataclass(frozen=True)
class Status:
    open: bool
    text: str  # "Open now, until 17:00" / "Opens at 09:00" / "Opens tomorrow at 09:00" / ...


def _intervals(week: Dict[int, List[Span]], start_day: date, days: int) -> List[Tuple[datetime, datetime]]:
    out: List[Tuple[datetime, datetime]] = []
    for offset in range(days):
        day = start_day + timedelta(days=offset)
        midnight = datetime.combine(day, time())
        for s, e in week.get(day.weekday(), []):
            out.append((midnight + timedelta(minutes=s), midnight + timedelta(minutes=e)))
    out.sort()
    merged: List[Tuple[datetime, datetime]] = []
    for opens, closes in out:
        if merged and opens <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], closes))
        else:
            merged.append((opens, closes))
    return merged


def clock_time(moment: datetime) -> str:
    """A clock time as the kiosk shows it everywhere: 24-hour HH:MM."""
    return moment.strftime("%H:%M")


def status(hours: Dict[str, str], now: datetime, words: Optional[Mapping[str, str]] = None) -> Optional[Status]:
    """Whether a place with these hours is open at `now` (a naive local time), in plain words
    (`words`: the templates of WORDS in the visitor's language).

    None if nothing is known (no hours given, or they cannot be read)."""
    w = {**WORDS, **(words or {})}

    def say(key: str, **values: str) -> str:
        text = w[key]
        for name, value in values.items():
            text = text.replace("{" + name + "}", value)
        return text

    try:
        week = parse_week(hours)
    except ValueError:
        return None
    if not week:
        return None
    now = now.replace(tzinfo=None)
    today = now.date()
    # Yesterday's late ranges can still be open now; look up to 8 days ahead for the next opening.
    intervals = _intervals(week, today - timedelta(days=1), 10)
    for s, e in intervals:
        if s <= now < e:
            if e - s >= timedelta(days=7):
                return Status(True, say("open_24h"))
            if e.time() == time() and e.date() == today + timedelta(days=1):
                return Status(True, say("open_until_midnight"))  # tonight's
            if e - now < timedelta(days=1):
                return Status(True, say("open_until", time=clock_time(e)))
            return Status(True, _on_day("open_until", e, today, say))
        if s > now:
            if s.date() == today:
                return Status(False, say("closed_opens", time=clock_time(s)))
            return Status(False, _on_day("closed_opens", s, today, say))
    if len(week) == 7:
        return Status(False, say("closed"))
    return None  # closed on every day we know; other days are unknown


def _on_day(kind: str, moment: datetime, today: date, say: Callable[..., str]) -> str:
    """`kind`'s sentence for a later day: its own for tomorrow, else the weekday's name in it."""
    if moment.date() == today + timedelta(days=1):
        return say(f"{kind}_tomorrow", time=clock_time(moment))
    return say(f"{kind}_day", day=say(f"day_{moment.weekday()}"), time=clock_time(moment))
