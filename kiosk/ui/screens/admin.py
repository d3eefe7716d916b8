"""Administrator exit (kiosk mode only): a hidden key opens this prompt; the right secret ends the app.

The secret is checked against the salted hash in the deployment config (kiosk/secret.py) in a
worker thread, so the screen never freezes. Esc is quick exit as everywhere (the prompt goes).
"""

from __future__ import annotations

import asyncio

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from kiosk.data.secret import ADMIN_EXIT_STATUS, verify_secret

MAX_TRIES = 3


class AdminExitScreen(ModalScreen, inherit_bindings=False):
    DEFAULT_CSS = """
    AdminExitScreen { align: center middle; }
    #admin-box { width: 50; max-width: 100%; height: auto; padding: 1 2; border: heavy $primary; background: $panel; }
    #admin-status { color: $text-muted; margin-top: 1; }
    """

    def __init__(self, secret_hash: str) -> None:
        super().__init__(id="admin-exit")
        self.secret_hash = secret_hash
        self.tries = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="admin-box"):
            yield Static(Text("Administrator exit", style="bold"))
            yield Input(password=True, id="admin-secret", placeholder="Secret")
            yield Static(Text("Enter to check. Esc leaves."), id="admin-status")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        field = self.query_one(Input)
        secret, field.value = event.value, ""
        field.disabled = True
        ok = await asyncio.get_running_loop().run_in_executor(None, verify_secret, secret, self.secret_hash)
        del secret
        if ok:
            self.app.exit(return_code=ADMIN_EXIT_STATUS)
            return
        self.tries += 1
        if self.tries >= MAX_TRIES:
            self.dismiss()
            return
        field.disabled = False
        field.focus()
        self.query_one("#admin-status", Static).update(Text("Not accepted. Enter to check. Esc leaves."))
