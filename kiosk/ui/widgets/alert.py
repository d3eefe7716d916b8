"""The staff's drug alert line (kiosk/data/alerts.py), as Home and Emergency show it: a reversed
"!" and the text in bold, so it stands out without colour."""

from __future__ import annotations

from typing import Optional

from rich.text import Text
from textual.widgets import Static

from kiosk.data.alerts import MARK, alert_line


def current_alert_text(kiosk) -> str:
    """Today's alert in the visitor's language ("" when none), by the kiosk's own clock."""
    return alert_line(kiosk.config.alerts, kiosk.wall_clock().date())


def alert_static(kiosk) -> Optional[Static]:
    text = current_alert_text(kiosk)
    if not text:
        return None
    return Static(Text.assemble((MARK.strip(), "bold reverse"), " ", (text, "bold")), id="drug-alert")
