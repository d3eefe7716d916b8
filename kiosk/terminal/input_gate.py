"""Esc first, and a bounded amount of input on its way to the app (issue 22 item 5).

The input thread reads far faster than the app acts: 100 KB of unbracketed keys became 33,000
messages queued ahead of an Esc typed after them, and Esc waited for every one (40 s). Here the
driver's input thread passes every input event through `InputGate.admit` before posting it:

- an Esc key starts a new generation; any event of an older generation that reaches the app after
  it (`arrived` is False) was typed before that Esc and is dropped unseen (quick exit drops every
  waiting key anyway);
- at most MAX_IN_TRANSIT events are on their way at once; beyond that the app is far behind
  (no person types that far ahead), and events other than Esc are not sent.

No Textual driver internals: the gate stamps each message it lets through. Counters are each
written by one thread only (sent by the input thread, received by the app's), so no lock."""

from __future__ import annotations

from typing import Tuple

from textual import events
from textual.message import Message

MAX_IN_TRANSIT = 128
_TICKET = "_kiosk_input_ticket"


class InputGate:
    def __init__(self) -> None:
        self.generation = 0
        self.sent = 0
        self.received = 0

    def admit(self, message: Message) -> bool:
        """Input thread: send `message` to the app? (Stamps it when yes.)"""
        if not isinstance(message, (events.Key, events.MouseEvent, events.Paste)):
            return True
        if isinstance(message, events.Key) and message.key == "escape":
            self.generation += 1
        elif self.sent - self.received >= MAX_IN_TRANSIT:
            return False
        self.sent += 1
        ticket: Tuple[InputGate, int] = (self, self.generation)
        setattr(message, _TICKET, ticket)
        return True


def arrived(message: Message) -> bool:
    """App: the event has reached the app. False: it was typed before an Esc already read (drop it)."""
    ticket = getattr(message, _TICKET, None)
    if ticket is None:
        return True
    setattr(message, _TICKET, None)  # counted once, even if it is dispatched again
    gate, generation = ticket
    gate.received += 1
    return generation >= gate.generation
