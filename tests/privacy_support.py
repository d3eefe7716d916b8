"""Helpers for the privacy, idle and lockdown tests (issue 4)."""

from __future__ import annotations

import html
import re

# Words a bystander must never see after a quick exit (from the content's topics and pages).
TOPIC_WORDS = ("heroin", "opioid", "overdose", "methadone", "withdrawal", "naloxone", "dependence",
               "symptoms", "treatment", "buprenorphine", "addiction")


class FakeClock:
    """An injectable monotonic clock: tests move time, nobody sleeps."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


def screen_text(app) -> str:
    """The characters on the (virtual) terminal right now, as plain text."""
    svg = app.export_screenshot()
    body = svg.split('-matrix">', 1)[-1]
    return html.unescape(re.sub(r"<[^>]+>", "", body)).replace("\xa0", " ")


def topic_words_in(text: str):
    lowered = text.lower()
    return [w for w in TOPIC_WORDS if w in lowered]
