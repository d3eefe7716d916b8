"""The self-check (content/selfcheck.toml): models, a strict loader and scoring. Pure Python.

Answers are never kept here: they live in `app.visit` (see kiosk/visit.py) and are passed in.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, List, Mapping, Optional, Tuple

from kiosk.data.checks import ID_PATTERN, Checker
from kiosk.data.tomlfile import ContentError, as_resource, read_toml

if TYPE_CHECKING:
    from kiosk.data.tomlfile import Where

YES, NO, SKIP = "yes", "no", "skip"
ANSWERS = (YES, NO, SKIP)
PRESCRIBED = "prescribed"  # tolerance/withdrawal only from opioids taken as prescribed: not counted
N_QUESTIONS = 11  # the eleven DSM-5 criteria, paraphrased


@dataclass(frozen=True)
class Band:
    low: int
    high: int
    label: str
    meaning: str


@dataclass(frozen=True)
class ChecklistItem:
    key: str
    text: str
    short: str


@dataclass(frozen=True)
class SelfCheck:
    title: str
    intro: str
    questions: Tuple[str, ...]
    bands: Tuple[Band, ...]
    continuum: str
    prescribed: str
    not_diagnosis: str
    urgent_intro: str
    urgent: Tuple[str, ...]
    urgent_heading: str
    urgent_text: str
    sources: Tuple[str, ...]
    crisis_question: Optional[int] = None  # 0-based index into `urgent`: the self-harm question
    crisis_text: str = ""
    prescribed_questions: Tuple[int, ...] = ()  # 0-based indexes into `questions`
    prescribed_answer: str = ""

    def answers_for(self, step: int) -> Tuple[str, ...]:
        """The answers question `step` offers: tolerance and withdrawal add PRESCRIBED."""
        return ANSWERS + ((PRESCRIBED,) if step in self.prescribed_questions else ())

    def band_for(self, count: int) -> Band:
        for band in self.bands:
            if band.low <= count <= band.high:
                return band
        return self.bands[-1]  # unreachable for a loaded file: bands cover 0-11


@dataclass(frozen=True)
class Result:
    yes: int
    no: int
    skipped: int  # skipped or not answered
    band: Band
    urgent_yes: Tuple[int, ...]  # 0-based indexes of urgent signs answered yes
    crisis: bool = False  # the self-harm question answered yes

    @property
    def urgent(self) -> bool:
        return bool(self.urgent_yes)

    @property
    def emergency(self) -> bool:
        """An urgent sign other than the self-harm one: Emergency is offered first."""
        return self.urgent and not (self.crisis and len(self.urgent_yes) == 1)


def score(check: SelfCheck, answers: Mapping[int, str], urgent: Mapping[int, str]) -> Result:
    """Count the answers (keys are 0-based question indexes). Unanswered counts as skipped;
    tolerance or withdrawal only from prescribed opioids counts as no (DSM-5)."""
    values = [answers.get(i, SKIP) for i in range(len(check.questions))]
    yes = values.count(YES)
    no = values.count(NO) + values.count(PRESCRIBED)
    urgent_yes = tuple(i for i in range(len(check.urgent)) if urgent.get(i) == YES)
    crisis = check.crisis_question is not None and check.crisis_question in urgent_yes
    return Result(yes, no, len(values) - yes - no, check.band_for(yes), urgent_yes, crisis)


TOP_KEYS = ("title", "intro", "questions", "bands", "continuum", "prescribed", "not_diagnosis",
            "urgent_intro", "urgent", "urgent_heading", "urgent_text", "sources", "checklist")
OPTIONAL_KEYS = ("crisis_question", "crisis_text", "prescribed_questions", "prescribed_answer")


@dataclass(frozen=True)
class SelfCheckFile:
    """What selfcheck.toml gives the kiosk: the self-check (None if unusable) and the checklist."""

    selfcheck: Optional[SelfCheck]
    checklist: Tuple[ChecklistItem, ...]
    errors: Tuple[ContentError, ...]


def load_selfcheck(root: Where) -> SelfCheckFile:
    """Read `root`/selfcheck.toml. The self-check is all-or-nothing: a partial questionnaire would
    give a wrong count, so any error in it leaves it out of the kiosk (the rest keeps working).
    A broken checklist item leaves only that item out."""
    path = as_resource(root) / "selfcheck.toml"
    try:
        data, text = read_toml(path)
    except ContentError as exc:
        return SelfCheckFile(None, (), (exc,))
    ck = Checker(str(path), text)
    if not ck.keys(data, [], TOP_KEYS, OPTIONAL_KEYS):
        return SelfCheckFile(None, (), tuple(ck.errors))
    before = len(ck.errors)
    strings = {key: ck.string(data, [], key, max_len=n) for key, n in (
        ("title", 60), ("intro", 300), ("continuum", 300), ("prescribed", 300), ("not_diagnosis", 300),
        ("urgent_intro", 200), ("urgent_heading", 80), ("urgent_text", 400))}
    questions = ck.string_list(data, [], "questions", max_len=160, max_items=N_QUESTIONS, non_empty=True)
    if questions is not None and len(questions) != N_QUESTIONS:
        ck.error(["questions"], f"expected exactly {N_QUESTIONS} questions, got {len(questions)}")
    urgent = ck.string_list(data, [], "urgent", max_len=160, max_items=10, non_empty=True)
    sources = ck.string_list(data, [], "sources", max_len=300, non_empty=True)
    bands = _bands(ck, data)
    extras = _extras(ck, data, len(urgent or ()))
    broken = len(ck.errors) > before or None in strings.values() or not (questions and urgent and sources and bands)
    if broken or questions is None or urgent is None or sources is None:  # (the Nones only narrow types)
        return SelfCheckFile(None, tuple(_checklist(ck, data)), tuple(ck.errors))
    checklist = tuple(_checklist(ck, data))
    check = SelfCheck(questions=tuple(questions), bands=tuple(bands), urgent=tuple(urgent),
                      sources=tuple(sources), **strings, **extras)  # type: ignore[arg-type]
    return SelfCheckFile(check, checklist, tuple(ck.errors))


def _extras(ck: Checker, data: dict, n_urgent: int) -> dict:
    """The optional crisis and prescribed keys, converted to 0-based indexes; each comes with its
    text or not at all."""
    out: dict = {}
    if "crisis_question" in data or "crisis_text" in data:
        number = ck.integer(data, [], "crisis_question", low=1, high=max(n_urgent, 1)) if "crisis_question" in data else None
        text = ck.string(data, [], "crisis_text", max_len=300) if "crisis_text" in data else None
        if number is None or text is None:
            ck.error([], "expected crisis_question and crisis_text together")
        else:
            out.update(crisis_question=number - 1, crisis_text=text)
    if "prescribed_questions" in data or "prescribed_answer" in data:
        raw = data.get("prescribed_questions") or []
        label = ck.string(data, [], "prescribed_answer", max_len=60) if "prescribed_answer" in data else None
        ok = isinstance(raw, list) and raw and all(
            isinstance(n, int) and not isinstance(n, bool) and 1 <= n <= N_QUESTIONS for n in raw)
        if not ok:
            ck.error(["prescribed_questions"], f"expected a list of question numbers 1-{N_QUESTIONS}, like [10, 11]")
        elif label is None:
            ck.error([], "expected prescribed_questions and prescribed_answer together")
        else:
            out.update(prescribed_questions=tuple(n - 1 for n in raw), prescribed_answer=label)
    return out


def _bands(ck: Checker, data: dict) -> List[Band]:
    raw_bands = ck.table_list(data, [], "bands", max_items=N_QUESTIONS + 1)
    bands: List[Band] = []
    expected_low = 0
    for i, raw in enumerate(raw_bands):
        p = ["bands", i]
        if not ck.keys(raw, p, ("min", "max", "label", "meaning")):
            return []
        low = ck.integer(raw, p, "min", low=0, high=N_QUESTIONS)
        high = ck.integer(raw, p, "max", low=0, high=N_QUESTIONS)
        label = ck.string(raw, p, "label", max_len=40)
        meaning = ck.string(raw, p, "meaning", max_len=300)
        if low is None or high is None or label is None or meaning is None:
            return []
        if low != expected_low:
            ck.error(p + ["min"], f"expected {expected_low} (bands go up from 0 with no gap or overlap), got {low}")
            return []
        if high < low:
            ck.error(p + ["max"], f"expected a number no smaller than min ({low}), got {high}")
            return []
        bands.append(Band(low, high, label, meaning))
        expected_low = high + 1
    if "bands" in data and bands and expected_low != N_QUESTIONS + 1:
        ck.error(["bands", len(bands) - 1, "max"], f"expected the last band to end at {N_QUESTIONS}, got {expected_low - 1}")
        return []
    if "bands" in data and not raw_bands:
        ck.error(["bands"], "expected at least one [[bands]] table")
    return bands


def _checklist(ck: Checker, data: dict) -> List[ChecklistItem]:
    items: List[ChecklistItem] = []
    seen = set()
    for i, raw in enumerate(ck.table_list(data, [], "checklist", max_items=12)):
        p = ["checklist", i]
        if not ck.keys(raw, p, ("key", "text", "short")):
            continue
        key = ck.string(raw, p, "key", max_len=40, pattern=ID_PATTERN,
                        pattern_hint="an id of lowercase letters, digits and hyphens")
        text = ck.string(raw, p, "text", max_len=120)
        short = ck.string(raw, p, "short", max_len=24)
        if key in seen:
            ck.error(p + ["key"], f"expected a unique key; {key!r} is used twice")
            continue
        if key and text and short:
            seen.add(key)
            items.append(ChecklistItem(key, text, short))
    return items

