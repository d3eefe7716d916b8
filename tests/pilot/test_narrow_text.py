"""Issue 26 (point 6): at 40 columns wrapped lines keep their indent and nothing is cut: a menu's
wrapped titles and summaries hang under their words (not under the key), the self-check's
"(1 of 7)" never breaks in two, and the search field's example fits."""

from __future__ import annotations

import pytest
from support import home_key, screen_lines, shipped_pack

SHIPPED = shipped_pack()


@pytest.mark.parametrize("language", ["en", "es"])
async def test_a_topic_menu_hangs_wrapped_lines_under_their_words(app_factory, language):
    app = app_factory(language=language)
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.press(home_key(SHIPPED, "topic:treatment"))
        await pilot.pause()
        menu = app.screen.query_one("#topic-menu")
        region = menu.region
        lines = [line[region.x:region.x + menu.scrollable_content_region.width]
                 for line in screen_lines(app)[region.y:region.bottom]]
        wrapped = [line for line in lines if line.strip()]
        assert len(wrapped) > 8  # the summaries do wrap at 40 columns
        for line in wrapped:  # a key and its title, or a line indented under the title
            assert line[0].isdigit() or line.startswith("  "), "\n".join(lines)


@pytest.mark.parametrize("language,words", [("en", "e.g. methadone"), ("es", "metadona")])
async def test_the_search_example_is_never_cut(app_factory, language, words):
    for size in ((40, 20), (80, 24)):
        app = app_factory(language=language)
        async with app.run_test(size=size) as pilot:
            await pilot.press("slash")
            await pilot.pause()
            field = app.screen.query_one("#search-input")
            shown = " ".join(screen_lines(app)[field.region.y:field.region.bottom])
            assert str(field.placeholder) in shown and words in shown, (size, shown)


@pytest.mark.parametrize("language,word", [("en", "of"), ("es", "de")])
async def test_the_urgent_questions_count_stays_whole(app_factory, language, word):
    app = app_factory(language=language)
    async with app.run_test(size=(40, 20)) as pilot:
        app.open_screen("selfcheck")
        await pilot.pause()
        seen = 0
        for _ in range(30):
            text = "\n".join(screen_lines(app))
            if app.screen.query_one("#sc-switcher").current == "sc-result":
                break
            if f"{word} 7)" in " ".join(text.split()):  # an urgent question: "(k of 7)" on one line
                seen += 1
                assert f"({seen} {word} 7)" in text, text
            await pilot.press("n")
            await pilot.pause()
        assert seen == 7
