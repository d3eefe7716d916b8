"""The always-visible bar: emergency (key e) and quick exit (key Esc), on every screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Static


class BarButton(Static):
    """A clickable label that runs an app action; not focusable, so Tab never lands on it."""

    def __init__(self, label: str, action: str, **kwargs) -> None:
        super().__init__(Text(label), **kwargs)
        self.action = action

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.app.run_action(self.action)


class KioskBar(Horizontal):
    """Emergency on the left, quick exit on the right. Labels name their keys."""

    def compose(self) -> ComposeResult:
        yield BarButton(" e  EMERGENCY · overdose: what to do now ", "app.emergency", id="emergency-button")
        yield BarButton(" Esc  Quick exit ", "app.quick_exit", id="quick-exit-button")


class Heading(Static):
    """A screen's title line; content text is always literal (never markup)."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Text(text), **kwargs)
