"""Issue 29's pages (Staying safer; Worried about someone?): sourced, in Spanish too, within the
pack's length, every one with the way to Emergency, and listed in the CHANGELOG as additions."""

from __future__ import annotations

import textwrap

import pytest
from conftest import CONTENT

from kiosk.cli import main
from kiosk.data.content import ContentPack
from kiosk.data.languages import open_pack

TOPICS = {"staying-safer": ["safer-tolerance", "safer-strong-drugs", "safer-injecting", "safer-stimulants"],
          "worried": ["worried-talking", "worried-naloxone", "worried-yourself"]}
NEW = [pid for pages in TOPICS.values() for pid in pages]
MAX_LINES = 42  # rows with headings and blank lines; README: "rarely more than about 35 lines of text"


def body_lines(page, width: int = 76) -> int:
    """Rows the page's headings and bodies take at 80 columns (76 after padding and bullets)."""
    rows = 0
    for section in page.sections:
        rows += 2  # heading and the blank line before it
        for block in section.blocks:
            rows += len(textwrap.wrap(block.text, width - 4 * (block.kind == "bullet"))) + (block.kind == "para")
    return rows


def test_the_two_topics_are_on_the_menu_with_their_pages():
    pack = ContentPack(CONTENT)
    topics = {t.id: list(t.page_ids) for t in pack.topics}
    assert {k: topics.get(k) for k in TOPICS} == TOPICS


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("page_id", NEW)
def test_each_new_page_is_sourced_short_and_leads_to_emergency(page_id, lang):
    pack = open_pack(CONTENT, lang) if lang != "en" else ContentPack(CONTENT)
    page = pack.page(page_id)
    assert page is not None and not page.fallback, (page_id, lang)  # Spanish: its own page, not English
    assert len(page.sources) >= 3 and all(len(s) > 20 for s in page.sources)
    assert body_lines(page) <= MAX_LINES, body_lines(page)
    # Every path into a guide tells the bystander to call and what to do if they aren't breathing.
    assert page.actions[:1] == ("emergency",) or "emergency" in page.actions
    last = " ".join(b.text for b in page.sections[-1].blocks + page.sections[-2].blocks)
    press_e, not_breathing = {"en": ("press e", "not breathing normally"),
                              "es": ("oprima e", "no respira normalmente")}[lang]
    assert press_e in last.lower() and not_breathing in last.lower(), (page_id, last)
    assert pack.errors == []


def test_the_language_report_says_spanish_is_complete(capsys):
    assert main(["--check", "--content", str(CONTENT)]) == 0
    out = capsys.readouterr().out
    assert "es (Español): 27 of 27 pages translated; complete" in out


def test_changelog_lists_the_pages_as_additions_awaiting_review():
    changelog = (CONTENT / "CHANGELOG.md").read_text(encoding="utf-8")
    section = changelog.split("(issue 29)", 1)[1].split("\n## ", 1)[0]
    assert "Additions beyond the seed" in section and "clinician's review is still to" in section
    assert all(f"`{pid}`" in section for pid in NEW)
    assert "Left out because it could not be confirmed" in section
