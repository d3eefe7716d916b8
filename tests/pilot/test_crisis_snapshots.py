"""How the crisis screen and the new Find help look (issue 11). Update only after looking."""

from __future__ import annotations

from datetime import datetime

from conftest import CONTENT

from kiosk.data.config import Config, Service
from kiosk.factory import make_app

SERVICES = (
    Service("Day Clinic", offers=("methadone",), hours={d: "09:00-17:00" for d in ("mon", "tue", "wed", "thu", "fri")}),
    Service("Late Van", offers=("naloxone",), hours={"wed": "20:00-23:00"}),
)


def app_for(**config):
    return make_app(content=CONTENT, config=Config(**config), wall_clock=lambda: datetime(2026, 3, 4, 21, 0))


def test_crisis_uk(snap_compare):
    assert snap_compare(app_for(region="UK"), press=["f", "h"], terminal_size=(80, 24))


def test_crisis_no_region(snap_compare):
    assert snap_compare(app_for(), press=["f", "h"], terminal_size=(80, 24))


def test_crisis_australia_40_columns(snap_compare):
    assert snap_compare(app_for(region="AU"), press=["f", "h"], terminal_size=(40, 24))


def test_find_help_open_now_first(snap_compare):
    assert snap_compare(app_for(region="US", services=SERVICES), press=["f", "o"], terminal_size=(80, 24))
