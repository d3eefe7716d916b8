"""The bundled content pack must carry the client's seed text in its own words.

The seed (tests/data/seed-heroin-dependence.txt) is split into sentences and
bullets; at least 90% of them must appear verbatim in the pages listed in
content/pack.toml (page titles, section headings and bodies). Seed headings are
reported but not counted: the app gives pages its own short titles.

Each deliberate change to the seed's wording is listed in FIXES below and in
content/CHANGELOG.md; the tests check that the fix was applied everywhere and
that the changelog records it.

Pure stdlib (plus tomli below Python 3.11): no Textual import.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Dict, List, Tuple

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.9/3.10 only
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "tests" / "data" / "seed-heroin-dependence.txt"
CONTENT = ROOT / "content"
PAGES = CONTENT / "pages"
CHANGELOG = CONTENT / "CHANGELOG.md"

MIN_COVERAGE = 0.90

# (what the seed says, what the app says instead). Both sides are matched after
# normalise(); an empty app side means the phrase was dropped.
FIXES: List[Tuple[str, str]] = [
    (  # issue 23, clinical review #19: DSM-5 dropped legal problems as a criterion
        "continuing despite relationship, legal, financial, physical, or mental-health harm",
        "continuing despite relationship problems, or harm to physical or mental health (legal or money "
        "trouble is common too, but it is not one of the diagnostic signs)",
    ),
    (
        "How much and how often you drink, including binge patterns",
        "How much and how often you use heroin, and how you take it (for example injecting or smoking)",
    ),
    (
        "Any history of withdrawal symptoms (especially seizures, confusion, hallucinations)",
        "Any history of withdrawal symptoms: opioid withdrawal (aches, sweating, vomiting, diarrhoea, "
        "sleeplessness), and any seizures, confusion or hallucinations when stopping alcohol or benzodiazepines",
    ),
    (
        "Blood tests (e.g., liver function, full blood count, electrolytes, glucose, lipids)",
        "Blood tests (e.g., liver function, full blood count, electrolytes, glucose)",
    ),
    (
        "Possibly vitamin levels (e.g., thiamine) and other tests, depending on your health history",
        "Tests for hepatitis B and C, HIV and tuberculosis (TB), especially if you inject, a pregnancy test "
        "where relevant, and other tests, depending on your health history",
    ),
    (
        "Single-disorder screening tools like the TAPS tool for adult substance use screening, or DAST-10 "
        "for drug use problems, or the COWS (Clinical Opiate Withdrawal Scale) for withdrawal severity are "
        "very narrowly focused and don't identify co-occurring conditions that may be driving the "
        "drug-taking behaviour.",
        "Substance use screening tools like the TAPS tool, which screens adults for tobacco, alcohol, "
        "prescription medication and other drug use, or DAST-10 for drug use problems, are narrowly focused "
        "and don't identify co-occurring conditions that may be driving the drug-taking behaviour.",
    ),
    (
        "urine drug testing when they help with safe treatment planning",
        "Urine drug testing when they help with safe treatment planning",
    ),
    ("In the Realm of HungryGhosts", "In the Realm of Hungry Ghosts"),
    (
        "This page uses “heroin dependence” for search clarity, "
        "while naming the newer clinical terms.",
        "This app uses “heroin dependence” as its main term, "
        "while naming the newer clinical terms.",
    ),
]

# Phrases that must not appear anywhere in the pages (case-insensitive).
FORBIDDEN = ["you drink", "search clarity", "HungryGhosts", "this page uses", "binge patterns", "thiamine",
             "lipids", "single-disorder"]

# Added beside the client's words (new text, not a replacement): must be in the pages and the changelog.
ADDED = [
    "The COWS (Clinical Opiate Withdrawal Scale) is not a screening tool: a clinician uses it to rate how "
    "severe opioid withdrawal is, for example before starting buprenorphine.",
    "In plain words, a long-acting opioid agonist is a medicine that acts like an opioid but slowly and "
    "steadily, so one daily dose can hold off withdrawal and cravings.",
    "In plain words, first-line means it is one of the treatments guidelines recommend trying first.",
    "In plain words, an opioid antagonist is a medicine that blocks the effects of opioids.",
    # issue 23 (clinical review 2026-12)
    "this does not count if it comes only from opioids taken as prescribed, such as methadone",
    "After naltrexone is stopped, tolerance is low: using the amount you used before can cause an overdose.",
    "It also comes as an injection given by a clinician once a week or once a month (for example Brixadi or "
    "Sublocade), for people already started on buprenorphine.",
    "or you have wounds or sores that won't heal, wherever they are, even if you smoke or snort (xylazine in "
    "the drug supply can cause them)",
    "Tests for sexually transmitted infections, and vaccines against hepatitis A and B if you need them",
    "don't use alone: if you do, a line such as Never Use Alone (US) or NORS (Canada) can stay on the phone "
    "with you (see Find help)",
    "fentanyl and xylazine can be mixed into heroin, pills, cocaine and meth; test strips can show if they "
    "are there, but not how much",
]

_QUOTES = {
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2018": "'",
    "\u2019": "'",
    "\u00a0": " ",
}
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'(])")
_BULLET = re.compile(r"^\s*(?:●|•|- )\s*")


def normalise(text: str) -> str:
    """Straighten quotes and collapse whitespace (dashes are kept as they are)."""
    for curly, plain in _QUOTES.items():
        text = text.replace(curly, plain)
    return " ".join(text.split())


def is_heading(line: str) -> bool:
    """A seed line that is a heading: short, not a bullet, no closing . or :"""
    return (
        not _BULLET.match(line)
        and not line.rstrip().endswith((".", ":"))
        and len(line.split()) <= 8
    )


def seed_units() -> Tuple[List[str], List[str]]:
    """Return (sentences and bullets, headings) of the seed, normalised."""
    units: List[str] = []
    headings: List[str] = []
    for raw in SEED.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line:
            continue
        if is_heading(line):
            headings.append(normalise(line))
            continue
        line = _BULLET.sub("", line)
        for sentence in _SENTENCE_END.split(line):
            sentence = normalise(sentence)
            if sentence:
                units.append(sentence)
    return units, headings


def body_chunks(body: str) -> List[str]:
    """Paragraphs and bullets of a page body, markers removed, normalised."""
    chunks: List[str] = []
    paragraph: List[str] = []
    for line in body.splitlines():
        is_bullet = line.startswith("- ") or line.startswith("  - ")
        if not line.strip() or is_bullet:
            if paragraph:
                chunks.append(normalise(" ".join(paragraph)))
                paragraph = []
            if is_bullet:
                chunks.append(normalise(line.strip()[2:]))
        else:
            paragraph.append(line)
    if paragraph:
        chunks.append(normalise(" ".join(paragraph)))
    return chunks


def load_pages() -> Dict[str, dict]:
    """The pages listed in pack.toml, in menu order, keyed by id."""
    with (CONTENT / "pack.toml").open("rb") as fh:
        pack = tomllib.load(fh)
    pages: Dict[str, dict] = {}
    missing: List[str] = []
    for topic in pack["topics"]:
        for page_id in topic["pages"]:
            path = PAGES / (page_id + ".toml")
            if not path.is_file():
                missing.append(page_id)
                continue
            with path.open("rb") as fh:
                pages[page_id] = tomllib.load(fh)
    assert not missing, "pack.toml lists pages with no file: %s" % missing
    return pages


def page_text(pages: Dict[str, dict]) -> str:
    """Titles, headings and bodies of all pages, one chunk per line."""
    chunks: List[str] = []
    for page in pages.values():
        chunks.append(normalise(page["title"]))
        for section in page["sections"]:
            chunks.append(normalise(section["heading"]))
            chunks.extend(body_chunks(section["body"]))
    return "\n".join(chunks)


def test_seed_is_split_sensibly():
    units, headings = seed_units()
    # Guards the splitter itself: if it stopped splitting (or split too much)
    # the coverage ratio below would mean nothing.
    assert 100 <= len(units) <= 200, len(units)
    assert "What is Heroin Dependence?" in headings
    assert "Core symptoms" in headings
    assert "strong cravings or urges to use" in units
    assert "Treatment is individualised." in units


def test_seed_sentences_appear_verbatim():
    units, headings = seed_units()
    text = page_text(load_pages())
    missing = [u for u in units if u not in text]
    ratio = 1 - len(missing) / len(units)
    lowered = text.lower()
    missing_headings = [h for h in headings if h.lower().rstrip("?") not in lowered]
    report = "coverage %.1f%% (%d of %d sentences/bullets)\nmissing:\n%s\n" % (
        100 * ratio,
        len(units) - len(missing),
        len(units),
        "\n".join("  - " + m for m in missing) or "  (none)",
    )
    report += "seed headings not used (not counted):\n%s" % (
        "\n".join("  - " + h for h in missing_headings) or "  (none)"
    )
    print(report)
    assert ratio >= MIN_COVERAGE, report


def test_fixes_are_applied_and_recorded():
    seed = normalise(SEED.read_text(encoding="utf-8"))
    text = page_text(load_pages())
    changelog = normalise(CHANGELOG.read_text(encoding="utf-8"))
    problems = []
    for before, after in FIXES:
        before, after = normalise(before), normalise(after)
        if before not in seed:
            problems.append("not in the seed (stale fix?): %r" % before)
        if before in text:
            problems.append("seed slip still in the pages: %r" % before)
        if after and after not in text:
            problems.append("fixed text missing from the pages: %r" % after)
        if before not in changelog or (after and after not in changelog):
            problems.append("fix not recorded in CHANGELOG.md: %r -> %r" % (before, after))
    assert not problems, "\n".join(problems)


def test_forbidden_phrases_absent_from_all_page_files():
    found = []
    for path in sorted(PAGES.glob("*.toml")):
        raw = path.read_text(encoding="utf-8").lower()
        found += ["%s: %r" % (path.name, p) for p in FORBIDDEN if p.lower() in raw]
    assert not found, "\n".join(found)


def test_additions_are_in_the_pages_and_recorded():
    text = page_text(load_pages())
    changelog = normalise(CHANGELOG.read_text(encoding="utf-8"))
    missing = [a for a in ADDED if normalise(a) not in text or normalise(a) not in changelog]
    assert not missing, missing


def test_pages_name_recognisable_sources_never_a_file():
    """Sources shown on screen name organisations and guidance, never the seed's file name."""
    shown = [(pid, src) for pid, page in load_pages().items() for src in page["sources"]]
    assert shown
    bad = [(pid, src) for pid, src in shown if ".txt" in src or "client content" in src.lower()]
    assert not bad, bad
