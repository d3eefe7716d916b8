"""Loader and validation: the shipped pack is valid; each kind of error names file, line, key."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from conftest import CONTENT

from kiosk.data.content import ContentPack, parse_body
from kiosk.data.tomlfile import locate

GOOD_PAGE = """\
id = "{id}"
title = "A page"
summary = "One sentence."
reviewed = 2026-11-27
sources = ["Client content"]
{extra}
[[sections]]
heading = "First"
body = \"\"\"
A paragraph
over two lines.

- a bullet
  - a sub-bullet
\"\"\"
"""


def make_pack(tmp_path: Path, pages: dict, topics: str | None = None) -> ContentPack:
    root = tmp_path / "pack"
    (root / "pages").mkdir(parents=True)
    ids = list(pages)
    (root / "pack.toml").write_text(topics if topics is not None else textwrap.dedent(f"""\
        [pack]
        title = "Test pack"

        [[topics]]
        id = "t"
        title = "Topic"
        pages = {ids!r}
        """).replace("'", '"'), encoding="utf-8")
    for pid, text in pages.items():
        (root / "pages" / f"{pid}.toml").write_text(text, encoding="utf-8")
    return ContentPack(root)


def only_error(pack: ContentPack):
    errors = pack.check()
    assert len(errors) == 1, [str(e) for e in errors]
    return errors[0]


def test_shipped_pack_is_valid_and_complete():
    pack = ContentPack(CONTENT)
    assert pack.check() == []
    assert [t.id for t in pack.topics] == ["about", "symptoms", "urgent", "staying-safer", "worried", "assessment",
                                           "appointment", "treatment", "research", "books"]
    assert len(list(pack.pages())) == 27


def test_start_up_reads_only_the_manifest():
    pack = ContentPack(CONTENT)
    assert pack.topics and pack._pages == {}  # no page parsed until one is opened


def test_valid_page_parses_paragraphs_bullets_and_sub_bullets(tmp_path):
    pack = make_pack(tmp_path, {"a": GOOD_PAGE.format(id="a", extra="")})
    assert pack.check() == []
    blocks = pack.page("a").sections[0].blocks
    assert [(b.kind, b.level, b.text) for b in blocks] == [
        ("para", 0, "A paragraph over two lines."),
        ("bullet", 0, "a bullet"),
        ("bullet", 1, "a sub-bullet"),
    ]


def test_unknown_key_names_file_line_and_key(tmp_path):
    page = GOOD_PAGE.format(id="a", extra='colour = "red"\n')
    error = only_error(make_pack(tmp_path, {"a": page}))
    assert error.file.endswith("pages/a.toml")
    assert error.line == 6 and error.key == "colour"
    assert "unknown key" in error.expected and "summary" in error.expected


def test_missing_field_is_reported(tmp_path):
    page = GOOD_PAGE.format(id="a", extra="").replace('summary = "One sentence."\n', "")
    pack = make_pack(tmp_path, {"a": page})
    error = only_error(pack)
    assert error.key == "summary" and "required" in error.expected
    assert pack.page("a") is None  # a page without its summary is left out, not half-shown


def test_wrong_type_names_the_line(tmp_path):
    page = GOOD_PAGE.format(id="a", extra="").replace('reviewed = 2026-11-27', 'reviewed = "last week"')
    error = only_error(make_pack(tmp_path, {"a": page}))
    assert (error.line, error.key) == (4, "reviewed")
    assert "date like 2026-11-27" in error.expected


def test_section_error_points_into_the_right_section(tmp_path):
    page = GOOD_PAGE.format(id="a", extra="") + '\n[[sections]]\nheading = 7\nbody = "x"\n'
    error = only_error(make_pack(tmp_path, {"a": page}))
    assert error.key == "sections[2].heading"
    assert error.line == page.splitlines().index("heading = 7") + 1


def test_duplicate_topic_ids_are_an_error(tmp_path):
    topics = textwrap.dedent("""\
        [pack]
        title = "T"

        [[topics]]
        id = "t"
        title = "One"
        pages = ["a"]

        [[topics]]
        id = "t"
        title = "Two"
        pages = ["a"]
        """)
    error = only_error(make_pack(tmp_path, {"a": GOOD_PAGE.format(id="a", extra="")}, topics))
    assert error.key == "topics[2].id" and error.line == 10 and "unique" in error.expected


def test_id_must_match_file_name(tmp_path):
    error = only_error(make_pack(tmp_path, {"a": GOOD_PAGE.format(id="b", extra="")}))
    assert error.key == "id" and "'a'" in error.expected


def test_broken_link_between_pages(tmp_path):
    page = GOOD_PAGE.format(id="a", extra='see_also = ["nowhere"]\n')
    error = only_error(make_pack(tmp_path, {"a": page}))
    assert error.key == "see_also[1]" and error.line == 6 and "'nowhere'" in error.expected


def test_topic_listing_a_missing_page(tmp_path):
    pack = make_pack(tmp_path, {"a": GOOD_PAGE.format(id="a", extra="")})
    (pack.root / "pages" / "a.toml").unlink()
    errors = ContentPack(pack.root).check()
    assert any("pages/a.toml" in e.expected for e in errors), [str(e) for e in errors]


def test_toml_syntax_error_gives_the_line(tmp_path):
    page = GOOD_PAGE.format(id="a", extra="").replace('title = "A page"', 'title = "A page')
    error = only_error(make_pack(tmp_path, {"a": page}))
    assert error.line == 2 and "valid TOML" in error.expected


def test_non_utf8_file(tmp_path):
    pack = make_pack(tmp_path, {"a": GOOD_PAGE.format(id="a", extra="")})
    path = pack.root / "pages" / "a.toml"
    path.write_bytes(path.read_bytes().replace(b"One sentence.", b"One sentence \xff."))
    error = only_error(ContentPack(pack.root))
    assert error.line == 3 and "UTF-8" in error.expected


def test_escape_characters_are_reported_and_removed(tmp_path):
    page = GOOD_PAGE.format(id="a", extra="").replace("One sentence.", "One \\u001b[2J sentence.")
    pack = make_pack(tmp_path, {"a": page})
    error = only_error(pack)
    assert error.key == "summary" and "control" in error.expected
    assert "\x1b" not in pack.page("a").summary


def test_missing_pack_is_an_error_not_a_crash(tmp_path):
    pack = ContentPack(tmp_path / "nowhere")
    assert pack.topics == ()
    assert "file not found" in str(pack.errors[0])


def test_a_broken_page_leaves_the_rest_of_the_pack_working(tmp_path):
    pack = make_pack(tmp_path, {"a": GOOD_PAGE.format(id="a", extra=""), "b": "id = \n"})
    assert pack.page("a") is not None and pack.page("b") is None
    assert len(pack.check()) == 1


def test_body_parser_keeps_text_literal():
    blocks = parse_body("[bold]not markup[/bold] \\ back\n\n- [@click=app.quit]x[/]")
    assert blocks[0].text == "[bold]not markup[/bold] \\ back"
    assert blocks[1].text == "[@click=app.quit]x[/]"


@pytest.mark.parametrize("path,line", [
    (["title"], 2),
    (["sections", 0, "body"], 9),
    (["sections", 0], 7),
])
def test_locate(path, line):
    text = GOOD_PAGE.format(id="a", extra="")
    assert locate(text, path) == line
