"""The yardstick: a bare Textual app (one line of text, one key), run by bench.py in the same venv.

`e` changes the text, so the benchmark can measure the floor of key -> screen latency in tmux.
"""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App):
    BINDINGS = [("e", "press", "Press")]

    def compose(self) -> ComposeResult:
        yield Static("Hello from a bare Textual app", id="label")

    def action_press(self) -> None:
        self.query_one("#label", Static).update("Key seen by the bare app")


if __name__ == "__main__":
    BareApp().run()
