"""The drawn QR code must decode back to the same text (the decoder, written from the standard
independently of segno, is in support.py)."""

from __future__ import annotations

import pytest
from support import decode_matrix, read_drawing

from kiosk.data import qr

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
