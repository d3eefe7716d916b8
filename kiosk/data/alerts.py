"""Drug alerts from staff (`[[alerts]]` in the config): a short warning about a bad batch, shown at
the top of Home and as one line on the first Emergency screen while it is current. Pure Python.

    [[alerts]]
    text = "Strong batch reported this week: use less, don't use alone, carry naloxone."
    until = 2026-12-31          # required: the last day it is shown
    since = 2026-12-01          # optional: the first day

`text` is a string or a table by language (kiosk/data/localtext.py), so the visitor reads it in
their language like every deployer's text. The kiosk's own clock decides what is current. An
alert is deployment content, not visit data: quick exit and idle reset leave it on screen.
"""

from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Optional, Sequence, Tuple

from kiosk.data.localtext import LocalText, free_text
from kiosk.data.tomlfile import ContentError, key_name, locate

if TYPE_CHECKING:
    from kiosk.data.checks import Checker

# One line at 80 columns on Emergency: the body has 78 columns, the "! " marker takes 2.
ALERT_WIDTH = 76
MARK = "! "
DATE_HINT = "a date like 2026-12-31 (no quotes)"


@dataclass(frozen=True)
class Alert:
    text: str = free_text()
    until: _dt.date = _dt.date.max
    since: Optional[_dt.date] = None
    line: Optional[int] = None  # where it is in the config file, for --check's warnings
    number: int = 0  # its place among the file's [[alerts]], from 0 (a broken one before it is left out)

    def current(self, today: _dt.date) -> bool:
        """Shown from `since` (if given) up to and including `until`."""
        return (self.since is None or self.since <= today) and today <= self.until


def width(text: str) -> int:
    """Terminal columns `text` takes: wide (East Asian) characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def fit(text: str) -> str:
    """`text` cut to ALERT_WIDTH columns (an over-long alert is reported and still shown, cut)."""
    if width(text) <= ALERT_WIDTH:
        return text
    out = ""
    for ch in text:
        if width(out + ch) > ALERT_WIDTH - 1:
            break
        out += ch
    return out.rstrip() + "…"


def read_alerts(ck: "Checker", data: dict) -> List[Alert]:
    """The config's [[alerts]]: each problem reported with its line; a broken alert is left out,
    an over-long one is cut to fit."""
    out = []
    for i, raw in enumerate(ck.table_list(data, [], "alerts", max_items=20)):
        p: list = ["alerts", i]
        if not ck.keys(raw, p, ("text",), ("until", "since")):
            continue
        line = locate(ck.text, p)
        text = ck.local_string(raw, p, "text", max_len=1000)
        until = ck.date(raw, p, "until")
        since = ck.date(raw, p, "since")
        if "until" not in raw:
            ck.errors.append(ContentError(ck.file, line, key_name(p + ["until"]),
                                          f"missing; expected the last day to show the alert, {DATE_HINT}"))
        elif until is None:
            continue  # ck.date reported it
        if since is not None and until is not None and since > until:
            ck.error(p + ["since"], f"expected a first day on or before until ({until}); got {since}")
            continue
        if text is None or until is None:
            continue
        texts = text.by_lang if isinstance(text, LocalText) else {"": text}
        fitted = {}
        for code, value in texts.items():
            value = " ".join(value.split())
            if width(value) > ALERT_WIDTH:
                where = p + ["text"] + ([code] if code else [])
                ck.error(where, f"expected an alert that fits one line at 80x24: at most {ALERT_WIDTH} "
                                f"characters, got {width(value)} (it is shown cut)")
            fitted[code] = fit(value)
        shown = LocalText(fitted) if isinstance(text, LocalText) else fitted[""]
        out.append(Alert(shown, until, since, line, i))
    return out


def current_alert(alerts: Sequence[Alert], today: _dt.date) -> Optional[Alert]:
    """The alert to show today: the first current one in the file (one line is all there is room for)."""
    return next((a for a in alerts if a.current(today)), None)


def alert_warnings(file: str, alerts: Sequence[Alert], today: _dt.date) -> List[ContentError]:
    """For `kiosk --check`: alerts that are over (never shown again) or not started yet. Not errors:
    the kiosk runs as it should, but staff may have forgotten one."""
    warnings = []
    for alert in alerts:
        i = alert.number
        key = key_name(["alerts", i, "until"])
        if alert.until < today:
            warnings.append(ContentError(file, alert.line, key, f"this alert ended on {alert.until} and is no "
                                         f"longer shown (expected a date from {today} on to show it; or remove it)"))
        elif alert.since is not None and alert.since > today:
            warnings.append(ContentError(file, alert.line, key_name(["alerts", i, "since"]),
                                         f"this alert is shown from {alert.since}, not yet today ({today})"))
    return warnings


def alert_line(alerts: Tuple[Alert, ...], today: _dt.date) -> str:
    """The current alert's text ("" when none), as the screens show it after the marker."""
    alert = current_alert(alerts, today)
    return alert.text if alert is not None else ""
