"""File names that every Windows, macOS and Linux program, and the online system, accept."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

MAX_NAME_CHARS = 50
# Windows refuses these whatever the extension (CON.pdf is the console device).
RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$"}
    | {f"COM{i}" for i in "123456789¹²³"}
    | {f"LPT{i}" for i in "123456789¹²³"}
)
# The characters Windows forbids, replaced by their full-width forms so a Chinese title keeps its sense.
_FULL_WIDTH = str.maketrans(
    {"<": "《", ">": "》", ":": "：", '"': "”", "/": "\uff0f", "\\": "\uff3c", "|": "｜", "?": "？", "*": "\uff0a"}
)
_SPACES = re.compile(r"\s+")


def clean_part(text: str | None) -> str:
    """A piece of a file name: forbidden characters made full-width, control characters and line breaks gone."""
    if not text:
        return ""
    text = unicodedata.normalize("NFC", text).translate(_FULL_WIDTH)
    # Line breaks and tabs separate words: they become spaces; other control characters go.
    text = "".join(" " if ch.isspace() else ch for ch in text if ch.isspace() or unicodedata.category(ch)[0] != "C")
    return _SPACES.sub(" ", text).strip()


def _trim_end(text: str) -> str:
    # Windows drops trailing dots and spaces silently, so two names could become one.
    return text.rstrip(" .")


def safe_file_name(stem: str, extension: str = "", max_chars: int = MAX_NAME_CHARS) -> str:
    """`stem.extension`, Windows-safe and at most `max_chars` characters (the stem is shortened)."""
    extension = extension.lower()
    room = max_chars - len(extension)
    stem = _trim_end(clean_part(stem)[:room]) or "_"
    if stem.split(".")[0].upper() in RESERVED:
        stem = "_" + stem[: room - 1]
    return stem + extension


def attachment_file_name(number: int, width: int, category: str, title: str | None, extension: str) -> str:
    """`NN_<类别>_<标题>.<ext>`; the title is shortened first, the category only if it must."""
    prefix = f"{number:0{width}d}_{clean_part(category) or '附件'}"
    title = clean_part(title)
    stem = f"{prefix}_{title}" if title else prefix
    return safe_file_name(stem, extension)


def unique_names(names: Iterable[str], max_chars: int = MAX_NAME_CHARS) -> list[str]:
    """The names made unique regardless of case (Windows and macOS), by a `_2`, `_3` … before the extension."""
    taken: set[str] = set()
    out = []
    for name in names:
        candidate = name
        stem, dot, extension = name.rpartition(".")
        if not dot:
            stem, extension = name, ""
        counter = 2
        while candidate.casefold() in taken:
            suffix = f"_{counter}"
            ext = f".{extension}" if dot else ""
            candidate = _trim_end(stem[: max_chars - len(ext) - len(suffix)]) + suffix + ext
            counter += 1
        taken.add(candidate.casefold())
        out.append(candidate)
    return out


def is_safe_name(name: str, max_chars: int = MAX_NAME_CHARS) -> bool:
    """What the tests and the importer check an exported name against."""
    return (
        0 < len(name) <= max_chars
        and not any(ch in '<>:"/\\|?*' or unicodedata.category(ch) == "Cc" for ch in name)
        and name == _trim_end(name)
        and name.split(".")[0].upper() not in RESERVED
    )
