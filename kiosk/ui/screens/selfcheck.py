"""'Does this sound like me?': 11 questions, the urgent signs, then the result and what to do next.

Answers live only in `app.visit` (selfcheck / selfcheck_urgent) while this screen is on the
stack; leaving it (Back from the first question or the result, Home) wipes them, and quick exit
throws the whole visit away.
"""

from __future__ import annotations

from typing import ClassVar, Dict, Iterable, List, Optional

from rich.text import Text
from textual.binding import BindingType
from textual.containers import Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import ContentSwitcher, OptionList, Static
from textual.widgets.option_list import Option

from kiosk.data.keys import local_key
from kiosk.data.menu import screen_item
from kiosk.data.selfcheck import ANSWERS, NO, PRESCRIBED, SKIP, YES, Result, SelfCheck, score
from kiosk.ui.bindings import bindings
from kiosk.ui.css import tcss
from kiosk.ui.screens.base import KioskScreen
from kiosk.ui.widgets.menu import Menu
from kiosk.ui.widgets.scroll import can_scroll, hints_follow_scrolling

ANSWER_KEYS = {YES: "y", NO: "n", SKIP: "s", PRESCRIBED: "p"}  # English; other languages: answer_keys()


def answer_keys(code: str) -> Dict[str, str]:
    """The answer keys in language `code`, following its words (Spanish: `s` Sí, `o` Omitir)."""
    return {a: local_key(code, f"answer('{a}')", key) for a, key in ANSWER_KEYS.items()}


class AnswerList(OptionList):
    """Yes / No / Skip (and, for tolerance and withdrawal, "only as prescribed"): arrows + Enter,
    a click, or the screen's y / n / s / p keys."""

    def __init__(self, ui, code: str = "en", **kwargs) -> None:
        self.keys = answer_keys(code)
        self.labels = {a: f"{self.keys[a]}  {ui(f'selfcheck.answer_{a}')}" for a in ANSWERS}
        super().__init__(*[Option(Text(self.labels[a]), id=a) for a in ANSWERS], **kwargs)

    def offer(self, answers: tuple, prescribed_label: str) -> None:
        """Show these answers (rebuilt only when the set changes); "only as prescribed" is
        selfcheck.toml's own words, in the visitor's language."""
        if tuple(o.id for o in self.options) == answers:
            return
        labels = dict(self.labels, **{PRESCRIBED: f"{self.keys[PRESCRIBED]}  {prescribed_label}"})
        self.clear_options()
        self.add_options([Option(Text(labels[a]), id=a) for a in answers])


class NextMenu(Menu):
    """What to do next. PgUp/PgDn scroll the result above it rather than move in this short list."""

    BINDINGS: ClassVar[List[BindingType]] = bindings("self-check-next")


class SelfCheckScreen(KioskScreen):
    CSS = tcss(__name__, "selfcheck.tcss")
    BINDINGS: ClassVar[List[BindingType]] = bindings("self-check")
    narrate_keys: ClassVar[str] = "selfcheck"

    def __init__(self, check: SelfCheck) -> None:
        super().__init__()
        self.check = check
        self.heading = check.title
        self.asking = ""  # the progress line and question shown, as said on the talking kiosk
        self.step = 0  # 0..10: the questions; then the urgent signs; then the result

    # Steps --------------------------------------------------------------------------------------
    @property
    def n_questions(self) -> int:
        return len(self.check.questions)

    @property
    def n_steps(self) -> int:
        return self.n_questions + len(self.check.urgent)

    @property
    def answers(self) -> Dict[int, str]:
        return self.kiosk.visit.selfcheck

    @property
    def urgent_answers(self) -> Dict[int, str]:
        return self.kiosk.visit.selfcheck_urgent

    @property
    def showing_result(self) -> bool:
        return self.step >= self.n_steps

    def answers_here(self) -> tuple:
        """The answers the current step offers."""
        return self.check.answers_for(self.step) if self.step < self.n_questions else ANSWERS

    def answer_for(self, step: int) -> Optional[str]:
        if step < self.n_questions:
            return self.answers.get(step)
        return self.urgent_answers.get(step - self.n_questions)

    def result(self) -> Result:
        return score(self.check, self.answers, self.urgent_answers)

    # Layout -------------------------------------------------------------------------------------
    def compose_body(self) -> Iterable[Widget]:
        with ContentSwitcher(initial="sc-ask", id="sc-switcher"):
            with Vertical(id="sc-ask"):
                yield Static(Text(self.check.intro), id="sc-intro")
                yield Static(id="sc-progress")
                yield Static(id="sc-question")
                yield AnswerList(self.kiosk.ui, self.kiosk.language, id="sc-answers")
                back = "Backspace" if self.glyphs.console else "⌫ Backspace"
                yield Static(Text(self.kiosk.ui("selfcheck.back_hint", key=back)), id="sc-hint")
            with Vertical(id="sc-result"):
                yield VerticalScroll(id="sc-result-text")
                yield Static(Text(self.kiosk.ui("selfcheck.next_heading")), id="sc-next-heading")
                yield NextMenu([], id="sc-next")

    def on_mount(self) -> None:
        # A self-check always starts clean, whatever an earlier one left behind.
        self.answers.clear()
        self.urgent_answers.clear()
        hints_follow_scrolling(self, self.query_one("#sc-result-text"))
        self.show_step()

    def on_unmount(self) -> None:
        self.wipe()

    def wipe(self) -> None:
        """Leaving the self-check forgets every answer."""
        self.answers.clear()
        self.urgent_answers.clear()

    def show_step(self) -> None:
        switcher = self.query_one(ContentSwitcher)
        if self.showing_result:
            self.show_result()
            switcher.current = "sc-result"
            self.query_one("#sc-next", Menu).focus()
        else:
            switcher.current = "sc-ask"
            step = self.step
            if step < self.n_questions:
                progress = self.kiosk.ui("selfcheck.progress", n=step + 1, total=self.n_questions)
                question = self.check.questions[step]
                self.query_one("#sc-intro", Static).display = step == 0
            else:
                k = step - self.n_questions
                progress = self.kiosk.ui("selfcheck.urgent_progress", intro=self.check.urgent_intro, n=k + 1,
                                         total=len(self.check.urgent))
                question = self.check.urgent[k]
                self.query_one("#sc-intro", Static).display = False
            self.asking = f"{progress}. {question}"  # for the talking kiosk
            self.query_one("#sc-progress", Static).update(Text(progress))
            self.query_one("#sc-question", Static).update(Text(question))
            answers = self.query_one(AnswerList)
            offered = self.answers_here()
            answers.offer(offered, self.check.prescribed_answer)
            previous = self.answer_for(step)
            answers.highlighted = offered.index(previous) if previous in offered else 0
            answers.focus()
        self.refresh_bindings()
        if self.narrated:  # the talking kiosk: the next question and its answers' keys
            self.call_after_refresh(self.kiosk.narrator.changed, self)

    def narration(self) -> str:
        """The question and the answers' keys ("y for Yes, n for No..."); on the result, its count."""
        ui = self.kiosk.ui
        if self.showing_result:
            result = self.result()
            count = ui("selfcheck.count", n=result.yes, total=len(self.check.questions))
            return f"{count}. {result.band.label}: {result.band.meaning}"
        keys = {**ANSWER_KEYS, PRESCRIBED: "p"}
        names = {a: ui(f"selfcheck.answer_{a}") for a in ANSWERS}
        names[PRESCRIBED] = self.check.prescribed_answer
        answers = ", ".join(ui("narrate.answer", key=keys[a], answer=names[a]) for a in self.answers_here())
        return f"{self.asking} {answers}."

    def show_result(self) -> None:
        result = self.result()
        check = self.check
        body = self.query_one("#sc-result-text", VerticalScroll)
        body.remove_children()
        parts: List[Widget] = []
        if result.urgent:
            urgent = Text()
            urgent.append(check.urgent_heading, style="bold")
            if result.emergency:
                urgent.append("\n" + check.urgent_text)
            if result.crisis:
                urgent.append("\n" + check.crisis_text)
            for k in result.urgent_yes:
                urgent.append("\n• " + check.urgent[k])
            parts.append(Static(urgent, id="sc-urgent"))
        ui = self.kiosk.ui
        count = Text()
        count.append(ui.plural("selfcheck.count", result.yes, n=result.yes, total=len(check.questions)), style="bold")
        extras = [ui.plural(f"selfcheck.count_{what}", n, n=n) for n, what in ((result.no, "no"), (result.skipped, "skipped")) if n]
        if extras:
            count.append(f"  ({', '.join(extras)})")
        parts.append(Static(count, id="sc-count"))
        band = Text()
        band.append(result.band.label + ": ", style="bold")
        band.append(result.band.meaning)
        parts.append(Static(band, id="sc-band"))
        parts.append(Static(Text(check.not_diagnosis), id="sc-not-diagnosis"))
        parts.append(Static(Text(check.continuum), classes="sc-note"))
        parts.append(Static(Text(check.prescribed), classes="sc-note"))
        body.mount_all(parts)
        menu = self.query_one("#sc-next", Menu)
        items = []
        if result.emergency:  # an overdose sign (or another urgent one) still goes to Emergency first
            items.append(screen_item("emergency", ui("selfcheck.next_emergency")))
        if result.crisis:
            items.append(screen_item("crisis", self.kiosk.store.crisis.link))
        items += [
            screen_item("find-help", ui("selfcheck.next_find_help")),
            screen_item("checklist", ui("selfcheck.next_checklist")),
            screen_item("takeaway", ui("selfcheck.next_takeaway")),
        ]
        menu.set_items(items)
        menu.highlighted = 0

    # Actions ------------------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple) -> Optional[bool]:
        if action == "answer":
            if parameters and parameters[0] == PRESCRIBED:
                return not self.showing_result and PRESCRIBED in self.answers_here()
            return not self.showing_result
        if action == "scroll_result":  # PgDn only while the result has more below (it acts then)
            return self.showing_result and can_scroll(self.query_one("#sc-result-text"), parameters[0])
        if action == "pick":
            return self.showing_result
        return super().check_action(action, parameters)

    def action_answer(self, value: str) -> None:
        if self.showing_result or value not in self.answers_here():
            return
        if self.step < self.n_questions:
            self.answers[self.step] = value
        else:
            self.urgent_answers[self.step - self.n_questions] = value
        self.step += 1
        self.show_step()

    def action_back(self) -> None:
        """Backspace: the previous question; from the first question or the result, leave."""
        if 0 < self.step < self.n_steps:
            self.step -= 1
            self.show_step()
        else:
            super().action_back()

    def action_scroll_result(self, how: str) -> None:
        getattr(self.query_one("#sc-result-text", VerticalScroll), f"action_{how}")()

    def action_pick(self, number: int) -> None:
        if self.showing_result:
            self.query_one("#sc-next", Menu).pick(number)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if isinstance(event.option_list, AnswerList):
            self.action_answer(event.option.id or "")
            return
        self.kiosk.open(event.option.id or "")
