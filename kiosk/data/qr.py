"""QR codes for the take-away, drawn with half-block characters (or full blocks on the Linux
console, `render_full_blocks`). Pure Python (segno), no Textual.

One terminal cell shows two modules, one above the other: "▀" top dark, "▄" bottom dark, "█" both,
" " neither. Drawn dark-on-light (the screen sets the colours), square modules on a usual terminal
font, with a light quiet zone. The code carries plain text only: no URL, nothing to track.

Sizing for 80x24: the screen's chrome takes 3 lines (top bar, heading, footer), leaving 21 lines =
42 module rows. With a 2-module quiet zone above and below, a code can be at most 38 modules tall:
version 5 (37x37). Beside it, 4 light columns each side: 45 columns, leaving the rest for the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import List, Sequence, Tuple

QUIET_ROWS = 2  # light modules above and below the code (one terminal line each)
QUIET_COLS = 4  # light modules (= columns) left and right: the standard quiet zone
SCREEN_ROWS = 21  # lines left for the code at 80x24 under the chrome
ERROR_LEVELS = ("H", "Q", "M", "L")  # most to least error correction

# Byte-mode capacity (bytes) by version and error level, from the QR standard (ISO/IEC 18004
# table 7); tests check it against segno.
BYTE_CAPACITY = {
    1: {"L": 17, "M": 14, "Q": 11, "H": 7},
    2: {"L": 32, "M": 26, "Q": 20, "H": 14},
    3: {"L": 53, "M": 42, "Q": 32, "H": 24},
    4: {"L": 78, "M": 62, "Q": 46, "H": 34},
    5: {"L": 106, "M": 84, "Q": 60, "H": 44},
    6: {"L": 134, "M": 106, "Q": 74, "H": 58},
    7: {"L": 154, "M": 122, "Q": 86, "H": 64},
    8: {"L": 192, "M": 152, "Q": 108, "H": 84},
    9: {"L": 230, "M": 180, "Q": 130, "H": 98},
    10: {"L": 271, "M": 213, "Q": 151, "H": 119},
}

TOP, BOTTOM, BOTH, NONE = "▀", "▄", "█", " "
FULL_QUIET = 2  # light modules round a full-block code (the console has no room for more)


class TooLong(ValueError):
    """The text needs a bigger code than fits on the screen."""

    def __init__(self, size: int, capacity: int) -> None:
        super().__init__(f"{size} bytes; at most {capacity} fit")
        self.size = size
        self.capacity = capacity


@dataclass(frozen=True)
class QRCode:
    text: str
    version: int
    error: str
    matrix: Tuple[Tuple[bool, ...], ...]  # True = dark module, without quiet zone

    @property
    def size(self) -> int:
        return len(self.matrix)


def max_version(rows: int = SCREEN_ROWS) -> int:
    """The largest version whose code and vertical quiet zone fit in `rows` terminal lines."""
    best = 0
    for version in BYTE_CAPACITY:
        if 4 * version + 17 + 2 * QUIET_ROWS <= 2 * rows:
            best = version
    return best


def capacity(rows: int = SCREEN_ROWS) -> int:
    """How many bytes of text fit in a code of at most `rows` lines (lowest error correction)."""
    version = max_version(rows)
    return BYTE_CAPACITY[version]["L"] if version else 0


def text_size(text: str) -> int:
    return len(text.encode("utf-8"))


def fits(text: str, rows: int = SCREEN_ROWS) -> bool:
    return 0 < text_size(text) <= capacity(rows)


def encode(text: str, rows: int = SCREEN_ROWS) -> QRCode:
    """The code for `text`: the most error correction that still fits in `rows` lines.

    Byte mode, UTF-8, no ECI header (phones read UTF-8 text without one). Raises TooLong."""
    size = text_size(text)
    version_max = max_version(rows)
    if not text or version_max == 0 or size > BYTE_CAPACITY[version_max]["L"]:
        raise TooLong(size, capacity(rows))
    import segno  # only when a code is drawn: keeps start-up light

    for error in ERROR_LEVELS:
        if size > BYTE_CAPACITY[version_max][error]:
            continue
        qr = segno.make_qr(text, error=error, mode="byte", encoding="utf-8", boost_error=False)
        version = int(qr.version)  # segno types it loosely (an int for QR codes, a str for Micro QR)
        if version <= version_max:
            matrix = tuple(tuple(bool(m) for m in row) for row in qr.matrix)
            return QRCode(text, version, error, matrix)
    raise TooLong(size, capacity(rows))  # pragma: no cover - the capacity table says it fits


def render(code: QRCode, quiet_rows: int = QUIET_ROWS, quiet_cols: int = QUIET_COLS) -> List[str]:
    """The code as lines of half-block characters, quiet zone included (dark = foreground)."""
    width = code.size + 2 * quiet_cols
    light = (False,) * width
    rows: List[Sequence[bool]] = [light] * quiet_rows
    rows += [(False,) * quiet_cols + row + (False,) * quiet_cols for row in code.matrix]
    rows += [light] * quiet_rows
    if len(rows) % 2:
        rows.append(light)
    lines = []
    for top, bottom in zip(rows[0::2], rows[1::2]):
        lines.append("".join(_CELL[(t, b)] for t, b in zip(top, bottom)))
    return lines


_CELL = {(True, True): BOTH, (True, False): TOP, (False, True): BOTTOM, (False, False): NONE}


def render_full_blocks(code: QRCode, quiet: int = FULL_QUIET) -> List[str]:
    """The code for a console font without half blocks: one line per module row and two full
    blocks per module, which is square on an 8x16 font; `quiet` light modules all round."""
    size = code.size + 2 * quiet
    light = "  " * size
    lines = [light] * quiet
    for row in code.matrix:
        cells = "".join(BOTH * 2 if dark else NONE * 2 for dark in row)
        lines.append("  " * quiet + cells + "  " * quiet)
    lines += [light] * quiet
    return lines
