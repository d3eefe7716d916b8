""""Another dose already?" (a second `d` within 30 s of the last dose, issue 16): the question and
its yes / no keys, in the guide's timer view and in the CPR coach. The screen keeps whether it is
asking and acts on the answer (its actions `confirm_dose(True)` / `confirm_dose(False)`)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from rich.text import Text
from textual.containers import Vertical
from textual.widget import Widget
from textual.widgets import Static

from kiosk.data.dose import minutes
from kiosk.data.keys import local_key
from kiosk.ui.widgets.fitrow import FitRow
from kiosk.ui.widgets.keybutton import button

if TYPE_CHECKING:
    from kiosk.ui.app import KioskApp


class DoseConfirm(Vertical):
    """`prefix` names its parts for the screen's CSS: <prefix>-confirm, -question, -answers, -yes, -no."""

    def __init__(self, prefix: str) -> None:
        super().__init__(id=f"{prefix}-confirm")
        self.prefix = prefix
        self.display = False  # until asked

    @property
    def kiosk(self) -> "KioskApp":
        return self.app  # type: ignore[return-value]

    def compose(self) -> Iterable[Widget]:
        ui, prefix = self.kiosk.ui, self.prefix
        yield Static(id=f"{prefix}-question")
        with FitRow(id=f"{prefix}-answers"):
            yes = local_key(self.kiosk.language, "confirm_dose(True)", "y")  # "s" for "Sí" in Spanish
            yield button(yes, ui("guided.dose_yes"), "screen.confirm_dose(True)", id=f"{prefix}-yes")
            yield button("n", ui("guided.dose_no"), "screen.confirm_dose(False)", id=f"{prefix}-no")

    def ask(self, elapsed: float) -> None:
        """Show the question: `elapsed` seconds since the last dose."""
        question = self.kiosk.ui("guided.dose_question", time=minutes(elapsed))
        self.query_one(f"#{self.prefix}-question", Static).update(Text(question, style="bold"))
        self.display = True
