"""Readability scores for the pack's texts (issue 28), with no dependency: textstat needs NLTK's
CMU dictionary, which it downloads at first use, and this machine (like a kiosk) is offline.

- English: the Flesch-Kincaid grade, 0.39 (words / sentences) + 11.8 (syllables / words) - 15.59.
- Spanish: the Fernández-Huerta ease, 206.84 - 0.60 P - 1.02 F, with P syllables per 100 words
  and F words per sentence (Flesch's reading ease refitted to Spanish, as textstat computes it;
  the oft-quoted "sentences per 100 words" for F would score more sentences as harder). 70 and
  over reads as "fairly easy".

Syllables are counted from vowel groups: in Spanish this is the rule itself (a syllable has one
vowel nucleus; a strong vowel next to a strong one splits, an accented weak vowel splits a
diphthong); in English it is the usual estimate (silent final e, -es and -ed after most consonants).
"""

from __future__ import annotations

import re
from typing import List

_SENTENCE_END = re.compile(r"[.!?:;]+(?=\s|$)|\n+")
_WORD = re.compile(r"[A-Za-zÀ-ÿ]+(?:['’][A-Za-z]+)?|\d+")


def sentences(text: str) -> List[str]:
    parts = [p.strip() for p in _SENTENCE_END.split(text)]
    return [p for p in parts if _WORD.search(p)]


def words(text: str) -> List[str]:
    return _WORD.findall(text)


def english_syllables(word: str) -> int:
    w = word.lower().strip("'’")
    if w.isdigit():
        return max(1, len(w))  # each digit is said as a word ("nine nine nine")
    if len(w) <= 3:
        return 1
    w = re.sub(r"(?:[^laeiouy]es|[^laeiouy]ed|[^laeiouy]e)$", "", w)  # silent endings
    w = re.sub(r"^y", "", w)
    return max(1, len(re.findall(r"[aeiouy]+", w)))  # -le keeps its e, which counts ("ta-ble")


_STRONG = set("aeoáéó")
_WEAK_ACCENTED = set("íú")
_VOWELS = set("aeiouáéíóúü")


def spanish_syllables(word: str) -> int:
    w = word.lower()
    if w.isdigit():
        return max(1, len(w))
    w = re.sub(r"qu(?=[ei])|gu(?=[ei])", "q", w)  # the u in que/qui/gue/gui is silent
    count, previous = 0, ""
    for c in w:
        if c in _VOWELS:
            # A new nucleus unless it joins the previous vowel in a diphthong: two strong vowels,
            # or an accented weak vowel, stand in separate syllables.
            if not previous or (previous in _STRONG and c in _STRONG) or c in _WEAK_ACCENTED \
                    or previous in _WEAK_ACCENTED:
                count += 1
            previous = c
        else:
            previous = ""
    if w == "y":
        return 1
    return max(1, count)


def fk_grade(text: str) -> float:
    ws, ss = words(text), sentences(text)
    if not ws:
        return 0.0
    syllables = sum(english_syllables(w) for w in ws)
    return 0.39 * len(ws) / max(1, len(ss)) + 11.8 * syllables / len(ws) - 15.59


def fernandez_huerta(text: str) -> float:
    ws, ss = words(text), sentences(text)
    if not ws:
        return 100.0
    p = 100 * sum(spanish_syllables(w) for w in ws) / len(ws)
    f = len(ws) / max(1, len(ss))
    return 206.84 - 0.60 * p - 1.02 * f
