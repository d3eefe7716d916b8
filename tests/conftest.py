"""Shared test fixtures: every test builds the app through the same make_app() the CLI uses."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.factory import make_app
from kiosk.data.config import Config

ROOT = Path(__file__).resolve().parent.parent
CONTENT = ROOT / "content"


@pytest.fixture(autouse=True)
def _quiet_environment(monkeypatch):
    """Keep a developer's TEXTUAL_* settings out of results; steady snapshots."""
    for name in [n for n in os.environ if n.startswith("TEXTUAL") and not n.startswith("TEXTUAL_SNAPSHOT")]:
        monkeypatch.delenv(name)
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def app_factory():
    def factory(content: Path = CONTENT, config: Config | None = None, clock=None, wall_clock=None, speech=None,
                **config_fields):
        cfg = config or Config(**config_fields)
        clocks = {k: v for k, v in (("clock", clock), ("wall_clock", wall_clock), ("speech", speech)) if v is not None}
        return make_app(content=content, config=cfg, **clocks)

    return factory
