"""The always-visible bar: emergency (key e) and quick exit (key Esc), on every screen."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.events import Click
from textual.widgets import Static


class BarButton(Static):
    """A clickable label that runs an app action; not focusable, so Tab never lands on it."""

    def __init__(self, labels: tuple, action: str, **kwargs) -> None:
        super().__init__(Text(labels[0]), **kwargs)
        self.labels = labels  # longest first; the bar picks one that fits
        self.action = action

    def fit(self, room: int) -> int:
        """Show the longest label that fits in `room` cells; return its width."""
        label = next((text for text in self.labels if len(text) <= room), self.labels[-1])
        self.update(Text(label))
        return len(label)

    async def on_click(self, event: Click) -> None:
        event.stop()
        await self.app.run_action(self.action)


class KioskBar(Horizontal):
    """Emergency on the left, quick exit on the right. Labels name their keys; their words come
    from ui.toml ([bar] emergency_0 is the longest), these only if that file is broken."""

    EMERGENCY = (" e  EMERGENCY · overdose: what to do now ", " e  EMERGENCY ", "e SOS")
    # While typing in a field `e` is a letter: the bar names the key that works there.
    EMERGENCY_TYPING = (" Ctrl+E  EMERGENCY · overdose: what to do now ", " Ctrl+E  EMERGENCY ", "^E SOS")
    QUICK_EXIT = (" Esc  Quick exit ", " Esc Exit ", "Esc")

    def compose(self) -> ComposeResult:
        from kiosk.ui.widgets.dose import DoseClock

        ui = self.app.ui  # type: ignore[attr-defined]  # the visitor's language (content/ui.toml)
        emergency = tuple(ui(f"bar.emergency_{n}", default) for n, default in enumerate(self.EMERGENCY))
        quick_exit = tuple(ui(f"bar.quick_exit_{n}", default) for n, default in enumerate(self.QUICK_EXIT))
        yield BarButton(emergency, "app.emergency", id="emergency-button")
        yield DoseClock(id="dose-clock")  # shown only while a naloxone dose timer runs
        yield BarButton(quick_exit, "app.quick_exit", id="quick-exit-button")

    def set_typing(self, typing: bool) -> None:
        buttons = self.query("#emergency-button").results(BarButton)
        button = next(buttons, None)  # None while the bar is still being built
        ui = self.app.ui  # type: ignore[attr-defined]
        key, defaults = ("emergency_typing", self.EMERGENCY_TYPING) if typing else ("emergency", self.EMERGENCY)
        labels = tuple(ui(f"bar.{key}_{n}", default) for n, default in enumerate(defaults))
        if button is not None and button.labels != labels:
            button.labels = labels
            self.on_resize()

    def on_mount(self) -> None:
        self.refit()  # before the first frame: a screen built ahead showed its longest label cut

    def on_resize(self) -> None:
        self.refit()

    def refit(self) -> None:
        # On narrow terminals both keys must stay readable: shorten labels, never cut them.
        # The bar is the screen's full width: the app's, before the bar's first layout.
        width = self.size.width or (self.app.size.width if self.is_attached else 0)
        if not width or not self.query("#quick-exit-button"):
            return  # not on an app yet: on_resize will fit
        emergency = self.query_one("#emergency-button", BarButton)
        quick = self.query_one("#quick-exit-button", BarButton)
        clock = self.query_one("#dose-clock", BarButton)
        if clock.display:  # the dose clock gets what the keys' middle labels leave
            width -= clock.fit(width - len(emergency.labels[1]) - len(quick.labels[1]))
        quick_width = quick.fit(max(3, width - len(emergency.labels[1])))
        emergency.fit(width - quick_width)


class Heading(Static):
    """A screen's title line; content text is always literal (never markup)."""

    def __init__(self, text: str, **kwargs) -> None:
        super().__init__(Text(text), **kwargs)

    def set_text(self, text: str) -> None:
        self.update(Text(text))
