"""The drawn QR code must decode back to the same text.

No pure-Python QR decoder is small and available (the ones on PyPI wrap C libraries), so this
file carries its own, written from the QR standard (ISO/IEC 18004) independently of segno: it reads
the modules back from the half-block drawing, checks the finder and timing patterns and the
BCH-protected format information, unmasks, de-interleaves the blocks, checks every Reed-Solomon
block (all syndromes zero) and parses the byte-mode segment. Nothing here trusts the encoder.
"""

from __future__ import annotations

from typing import List, Sequence, Tuple

import pytest

from kiosk.data import qr

Matrix = List[List[bool]]

# --- reading the drawing back ---------------------------------------------------------------

_CELLS = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}


def read_drawing(lines: Sequence[str]) -> Tuple[Matrix, int, int, int, int]:
    """Modules from half-block lines; returns (code matrix, quiet top, bottom, left, right)."""
    width = len(lines[0])
    assert all(len(line) == width for line in lines), "ragged drawing"
    full: Matrix = []
    for line in lines:
        top, bottom = [], []
        for ch in line:
            assert ch in _CELLS, f"unexpected character {ch!r} in the drawing"
            t, b = _CELLS[ch]
            top.append(t)
            bottom.append(b)
        full += [top, bottom]
    dark_rows = [y for y, row in enumerate(full) if any(row)]
    dark_cols = [x for x in range(width) if any(row[x] for row in full)]
    y0, y1, x0, x1 = dark_rows[0], dark_rows[-1], dark_cols[0], dark_cols[-1]
    matrix = [row[x0:x1 + 1] for row in full[y0:y1 + 1]]
    return matrix, y0, len(full) - 1 - y1, x0, width - 1 - x1


# --- an independent decoder -------------------------------------------------------------------

# (EC codewords per block, [(number of blocks, data codewords per block), ...]), versions 1-6.
EC_BLOCKS = {
    (1, "L"): (7, [(1, 19)]), (1, "M"): (10, [(1, 16)]), (1, "Q"): (13, [(1, 13)]), (1, "H"): (17, [(1, 9)]),
    (2, "L"): (10, [(1, 34)]), (2, "M"): (16, [(1, 28)]), (2, "Q"): (22, [(1, 22)]), (2, "H"): (28, [(1, 16)]),
    (3, "L"): (15, [(1, 55)]), (3, "M"): (26, [(1, 44)]), (3, "Q"): (18, [(2, 17)]), (3, "H"): (22, [(2, 13)]),
    (4, "L"): (20, [(1, 80)]), (4, "M"): (18, [(2, 32)]), (4, "Q"): (26, [(2, 24)]), (4, "H"): (16, [(4, 9)]),
    (5, "L"): (26, [(1, 108)]), (5, "M"): (24, [(2, 43)]), (5, "Q"): (18, [(2, 15), (2, 16)]),
    (5, "H"): (22, [(2, 11), (2, 12)]),
    (6, "L"): (18, [(2, 68)]), (6, "M"): (16, [(4, 27)]), (6, "Q"): (24, [(4, 19)]), (6, "H"): (28, [(4, 15)]),
}
ALIGNMENT = {1: [], 2: [6, 18], 3: [6, 22], 4: [6, 26], 5: [6, 30], 6: [6, 34]}
EC_BITS = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}
MASKS = [
    lambda i, j: (i + j) % 2 == 0,
    lambda i, j: i % 2 == 0,
    lambda i, j: j % 3 == 0,
    lambda i, j: (i + j) % 3 == 0,
    lambda i, j: (i // 2 + j // 3) % 2 == 0,
    lambda i, j: (i * j) % 2 + (i * j) % 3 == 0,
    lambda i, j: ((i * j) % 2 + (i * j) % 3) % 2 == 0,
    lambda i, j: ((i + j) % 2 + (i * j) % 3) % 2 == 0,
]


def bch_format(data5: int) -> int:
    value = data5 << 10
    for bit in range(14, 9, -1):
        if value & (1 << bit):
            value ^= 0b10100110111 << (bit - 10)
    return ((data5 << 10) | value) ^ 0b101010000010010


def check_finder(m: Matrix, top: int, left: int) -> None:
    for dy in range(-1, 8):
        for dx in range(-1, 8):
            y, x = top + dy, left + dx
            if not (0 <= y < len(m) and 0 <= x < len(m)):
                continue
            ring = max(abs(dy - 3), abs(dx - 3))
            assert m[y][x] == (ring in (0, 1, 3)), f"finder pattern broken at {y},{x}"


def read_format(m: Matrix) -> Tuple[str, int]:
    n = len(m)
    first = [m[8][x] for x in (0, 1, 2, 3, 4, 5, 7, 8)] + [m[y][8] for y in (7, 5, 4, 3, 2, 1, 0)]
    second = [m[y][8] for y in range(n - 1, n - 8, -1)] + [m[8][x] for x in range(n - 8, n)]
    words = []
    for bits in (first, second):
        words.append(sum(int(b) << (14 - k) for k, b in enumerate(bits)))
    assert words[0] == words[1], "the two copies of the format information differ"
    valid = {bch_format(d): d for d in range(32)}
    assert words[0] in valid, "format information fails its BCH check"
    data = valid[words[0]]
    assert m[n - 8][8], "the dark module is missing"
    return EC_BITS[data >> 3], data & 0b111


def function_modules(version: int) -> List[List[bool]]:
    n = 4 * version + 17
    f = [[False] * n for _ in range(n)]

    def box(y0: int, x0: int, h: int, w: int) -> None:
        for y in range(max(y0, 0), min(y0 + h, n)):
            for x in range(max(x0, 0), min(x0 + w, n)):
                f[y][x] = True

    box(0, 0, 9, 9)
    box(0, n - 8, 9, 8)
    box(n - 8, 0, 8, 9)
    box(6, 0, 1, n)
    box(0, 6, n, 1)
    centres = ALIGNMENT[version]
    for cy in centres:
        for cx in centres:
            if (cy, cx) in ((6, 6), (6, centres[-1]), (centres[-1], 6)):
                continue
            box(cy - 2, cx - 2, 5, 5)
    return f


def read_codewords(m: Matrix, version: int, mask: int) -> List[int]:
    n = len(m)
    func = function_modules(version)
    bits: List[int] = []
    col = n - 1
    upward = True
    while col > 0:
        if col == 6:
            col -= 1
        for k in range(n):
            y = n - 1 - k if upward else k
            for x in (col, col - 1):
                if not func[y][x]:
                    bits.append(int(m[y][x] ^ MASKS[mask](y, x)))
        upward = not upward
        col -= 2
    return [sum(b << (7 - k) for k, b in enumerate(bits[i:i + 8])) for i in range(0, len(bits) - 7, 8)]


def gf_tables() -> Tuple[List[int], List[int]]:
    exp, log = [0] * 512, [0] * 256
    x = 1
    for i in range(255):
        exp[i] = x
        log[x] = i
        x <<= 1
        if x & 0x100:
            x ^= 0x11D
    for i in range(255, 512):
        exp[i] = exp[i - 255]
    return exp, log


def rs_syndromes(block: Sequence[int], n_ec: int) -> List[int]:
    exp, log = gf_tables()
    out = []
    for i in range(n_ec):
        s = 0
        for c in block:
            s = (exp[log[s] + i] if s else 0) ^ c  # Horner: s * alpha^i + c
        out.append(s)
    return out


def decode_matrix(m: Matrix) -> Tuple[str, int, str]:
    """(text, version, error level) from a module matrix without quiet zone."""
    n = len(m)
    assert all(len(row) == n for row in m), "not square"
    assert (n - 17) % 4 == 0, f"size {n} is no QR version"
    version = (n - 17) // 4
    assert version in ALIGNMENT, "decoder handles versions 1-6 (all the screen can show)"
    for top, left in ((0, 0), (0, n - 7), (n - 7, 0)):
        check_finder(m, top, left)
    for k in range(8, n - 8):
        assert m[6][k] == (k % 2 == 0) and m[k][6] == (k % 2 == 0), "timing pattern broken"
    error, mask = read_format(m)
    n_ec, groups = EC_BLOCKS[(version, error)]
    sizes = [size for count, size in groups for _ in range(count)]
    words = read_codewords(m, version, mask)
    assert len(words) == sum(sizes) + n_ec * len(sizes)
    data_blocks: List[List[int]] = [[] for _ in sizes]
    ec_blocks: List[List[int]] = [[] for _ in sizes]
    pos = 0
    for i in range(max(sizes)):
        for b, size in enumerate(sizes):
            if i < size:
                data_blocks[b].append(words[pos])
                pos += 1
    for _ in range(n_ec):
        for b in range(len(sizes)):
            ec_blocks[b].append(words[pos])
            pos += 1
    for data, ec in zip(data_blocks, ec_blocks):
        assert rs_syndromes(data + ec, n_ec) == [0] * n_ec, "a Reed-Solomon block does not check"
    stream = "".join(f"{w:08b}" for block in data_blocks for w in block)
    assert stream[:4] == "0100", f"expected a byte-mode segment, got mode {stream[:4]}"
    count = int(stream[4:12], 2)
    payload = bytes(int(stream[12 + 8 * k:20 + 8 * k], 2) for k in range(count))
    rest = stream[12 + 8 * count:]
    assert set(rest[:4]) <= {"0"}, "expected the terminator (or nothing) after the segment"
    return payload.decode("utf-8"), version, error


# --- tests ------------------------------------------------------------------------------------

SAMPLES = [
    "FRANK (UK): 0300 123 6600",
    "SAMHSA National Helpline (US): 1-800-662-4357, TTY 1-800-487-4889 (24/7, free, confidential)",
    "To bring:\n- Last used: Tuesday night\n- Medicines: méthadone 60 mg",
    "x" * qr.capacity(),  # the longest text the screen can carry
    "A",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_drawn_code_decodes_back_to_the_same_text(text):
    code = qr.encode(text)
    lines = qr.render(code)
    matrix, top, bottom, left, right = read_drawing(lines)
    decoded, version, error = decode_matrix(matrix)
    assert decoded == text
    assert (version, error) == (code.version, code.error)
    assert top >= qr.QUIET_ROWS and bottom >= qr.QUIET_ROWS
    assert left >= qr.QUIET_COLS and right >= qr.QUIET_COLS


def test_drawing_fits_80x24_with_the_chrome():
    code = qr.encode("x" * qr.capacity())
    lines = qr.render(code)
    assert len(lines) <= 24 - 3
    assert len(lines[0]) <= 80 - 30  # leaves room for the text beside it
    assert code.version == qr.max_version() == 5


def test_more_error_correction_when_the_text_is_short():
    assert qr.encode("FRANK 0300 123 6600").error == "H"
    assert qr.encode("x" * qr.capacity()).error == "L"


def test_too_long_is_refused_not_drawn():
    with pytest.raises(qr.TooLong) as info:
        qr.encode("x" * (qr.capacity() + 1))
    assert info.value.capacity == qr.capacity() == 106
    assert not qr.fits("x" * 107) and qr.fits("x" * 106) and not qr.fits("")
    with pytest.raises(qr.TooLong):
        qr.encode("")


def test_capacity_table_agrees_with_segno():
    import segno

    for version, levels in qr.BYTE_CAPACITY.items():
        for error, cap in levels.items():
            segno.make_qr("x" * cap, version=version, error=error, mode="byte", boost_error=False)
            with pytest.raises(segno.DataOverflowError):
                segno.make_qr("x" * (cap + 1), version=version, error=error, mode="byte", boost_error=False)


def test_decoder_rejects_a_damaged_drawing():
    """The decoder is a real check: flipping one data module makes it fail."""
    code = qr.encode("FRANK (UK): 0300 123 6600")
    matrix, *_ = read_drawing(qr.render(code))
    n = len(matrix)
    matrix[n - 1][n - 1] = not matrix[n - 1][n - 1]  # the first data module
    with pytest.raises(AssertionError, match="Reed-Solomon"):
        decode_matrix(matrix)


def test_matrix_read_back_equals_segno_matrix():
    import segno

    text = "FRANK (UK): 0300 123 6600"
    code = qr.encode(text)
    matrix, *_ = read_drawing(qr.render(code))
    reference = segno.make_qr(text, error=code.error, mode="byte", encoding="utf-8", boost_error=False)
    assert matrix == [[bool(v) for v in row] for row in reference.matrix]
