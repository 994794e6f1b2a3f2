"""Line breaking for CJK cells: break between any two Han characters, keep numbers and IDs whole.

Latin words, numbers and identifiers (978-7-5744-0821-6, ZL202210581236.X, 2019.10/5年) are
kept on one line when they fit; a break may follow "/" and the en dash of a period, so that
2020.03–2022.06 stacks on two lines in a narrow cell instead of splitting a number. Closing
punctuation never starts a line and opening punctuation never ends one (禁则).
"""

from __future__ import annotations

import re
from collections.abc import Callable

# Characters that join a Latin word or number rather than separating it.
_WORD = set("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.-_:#+%@&'·")
# A break is allowed after these, and they stay with what precedes them.
_BREAK_AFTER = set("/／–—")
_NO_LINE_START = set("，。、；：？！）》」』】〕〉”’…％,.;:?!)]}%")
_HYPHEN_PARTS = re.compile(r"[^-]*-|[^-]+")
_NO_LINE_END = set("（《「『【〔〈“‘([{")


def tokens(text: str) -> list[str]:
    """`text` cut into the pieces a line may break between."""
    raw: list[str] = []
    word = ""
    for char in text:
        if char in _WORD:
            word += char
            continue
        if char in _BREAK_AFTER:
            raw.append(word + char)
            word = ""
            continue
        if word:
            raw.append(word)
            word = ""
        raw.append(char)
    if word:
        raw.append(word)
    merged: list[str] = []
    carry = ""
    for token in raw:
        token = carry + token
        carry = ""
        if token[-1] in _NO_LINE_END and len(token) == 1:
            carry = token
            continue
        if merged and token[0] in _NO_LINE_START and merged[-1] != " ":
            merged[-1] += token
            continue
        merged.append(token)
    if carry:
        merged.append(carry)
    return merged


def wrap(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """The lines `text` takes in `width`; explicit newlines are kept; never an empty result."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_wrap_paragraph(paragraph, width, measure))
    return lines or [""]


def _wrap_paragraph(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    if not text:
        return [""]
    lines: list[str] = []
    line: list[str] = []
    used = 0.0
    for token in tokens(text):
        size = measure(token)
        if used + size <= width or (not line and token == " "):
            if line or token != " ":
                line.append(token)
                used += size
            continue
        if line:
            lines.append("".join(line).rstrip(" "))
            line, used = [], 0.0
        if token == " ":
            continue
        if size <= width:
            line, used = [token], size
            continue
        # A piece wider than the cell (an ISBN, a long number): break after its hyphens, and
        # only a part that is still too wide by character.
        for part in _HYPHEN_PARTS.findall(token):
            part_size = measure(part)
            if line and used + part_size > width:
                lines.append("".join(line))
                line, used = [], 0.0
            if part_size <= width:
                line.append(part)
                used += part_size
                continue
            for char in part:
                char_size = measure(char)
                if line and used + char_size > width:
                    lines.append("".join(line))
                    line, used = [], 0.0
                line.append(char)
                used += char_size
    if line:
        lines.append("".join(line).rstrip(" "))
    return lines or [""]
