"""The bundled TrueType fonts, registered with reportlab, and per-character fallback between them.

reportlab prints a character its font lacks as nothing (glyph 0) without a word, so every
string is split into runs by the first font of the chain that has each character; a
character that no bundled font has is an error naming it, never a silent gap.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from zcdesk.core.errors import UserError
from zcdesk.resources import resource_path

REGULAR_FILE = "NotoSerifCJKsc-Regular.ttf"
BOLD_FILE = "NotoSerifCJKsc-Bold.ttf"
# Fonts used only for characters the main face lacks (CJK Extension B such as 𠮷).
FALLBACK_PATTERNS = ("*.ttf",)

_lock = threading.Lock()
_loaded: dict[Path, FontSet] = {}


class UnprintableText(UserError):
    """Text holds characters that no bundled font can draw."""

    def __init__(self, characters: list[str]) -> None:
        shown = "、".join(f"“{char}”（U+{ord(char):04X}）" for char in characters)
        super().__init__(
            f"以下字符在程序自带的字体中没有字形，无法打印：{shown}。请改用常用字或联系开发者补充字体",
            code="FORM-GLYPH",
        )
        self.characters = characters


def clean_text(text: str) -> str:
    """What can be drawn of `text`: tabs and CR become spaces, other control characters and
    variation selectors (which only pick a glyph variant) are dropped; NBSP prints as a space."""
    out = []
    for char in text:
        code = ord(char)
        if char in "\t\r\u00a0":
            out.append(" ")
        elif char == "\n":
            out.append(char)
        elif code < 0x20 or 0x7F <= code < 0xA0 or unicodedata.category(char) == "Cf":
            continue
        elif 0xFE00 <= code <= 0xFE0F or 0xE0100 <= code <= 0xE01EF:
            continue
        else:
            out.append(char)
    return "".join(out)


@dataclass
class Face:
    """One registered font: its reportlab name, characters and advance widths (1/1000 em)."""

    name: str
    path: Path
    font: TTFont
    widths: dict[int, float] = field(repr=False)
    default_width: float

    def has(self, char: str) -> bool:
        return ord(char) in self.font.face.charToGlyph

    def advance(self, char: str) -> float:
        return self.widths.get(ord(char), self.default_width)


@dataclass
class FontSet:
    regular: Face
    bold: Face
    fallbacks: tuple[Face, ...]
    _runs_cache: dict[tuple[str, bool], tuple[tuple[str, str], ...]] = field(default_factory=dict, repr=False)
    _face_cache: dict[tuple[str, bool], Face | None] = field(default_factory=dict, repr=False)
    _width_cache: dict[bool, dict[str, float]] = field(default_factory=lambda: {False: {}, True: {}}, repr=False)

    def chain(self, bold: bool = False) -> tuple[Face, ...]:
        # A bold face lacking a character falls back to the regular face before the fallbacks.
        return (self.bold, self.regular, *self.fallbacks) if bold else (self.regular, *self.fallbacks)

    def face_for(self, char: str, bold: bool = False) -> Face | None:
        key = (char, bold)
        if key in self._face_cache:
            return self._face_cache[key]
        found = next((face for face in self.chain(bold) if face.has(char)), None)
        self._face_cache[key] = found
        return found

    def missing(self, texts: list[str]) -> list[str]:
        """Characters of `texts` that no font has, each once, in order of appearance."""
        seen: set[str] = set()
        missing: list[str] = []
        for text in texts:
            for char in clean_text(text):
                if char in seen or char == "\n":
                    continue
                seen.add(char)
                if self.face_for(char) is None:
                    missing.append(char)
        return missing

    def check(self, texts: list[str]) -> None:
        missing = self.missing(texts)
        if missing:
            raise UnprintableText(missing)

    def runs(self, text: str, bold: bool = False) -> tuple[tuple[str, str], ...]:
        """`text` split into (font name, text) runs; UnprintableText for a character no font has."""
        key = (text, bold)
        cached = self._runs_cache.get(key)
        if cached is not None:
            return cached
        runs: list[tuple[str, str]] = []
        current: Face | None = None
        buffer: list[str] = []
        for char in text:
            face = self.face_for(char, bold)
            if face is None:
                raise UnprintableText([char])
            if face is not current and buffer:
                assert current is not None
                runs.append((current.name, "".join(buffer)))
                buffer = []
            current = face
            buffer.append(char)
        if buffer and current is not None:
            runs.append((current.name, "".join(buffer)))
        result = tuple(runs)
        self._runs_cache[key] = result
        return result

    def width(self, text: str, size: float, bold: bool = False) -> float:
        """Advance width in points; a character no font has counts as a full em (it raises on drawing)."""
        widths = self._width_cache[bold]
        total = 0.0
        for char in text:
            advance = widths.get(char)
            if advance is None:
                face = self.face_for(char, bold)
                advance = widths[char] = face.advance(char) if face else 1000.0
            total += advance
        return total * size / 1000.0


def _face(path: Path) -> Face:
    name = f"zc-{path.stem}"
    try:
        font = pdfmetrics.getFont(name)
    except KeyError:
        font = None
    if not isinstance(font, TTFont) or Path(font.face.filename) != path:
        font = TTFont(name, str(path))
        pdfmetrics.registerFont(font)
    face = font.face
    return Face(name=name, path=path, font=font, widths=dict(face.charWidths), default_width=float(face.defaultWidth))


def fonts_dir() -> Path:
    return resource_path("fonts")


def load_fonts(directory: Path | None = None) -> FontSet:
    """The bundled serif fonts, registered once per process (loading a CJK face takes a while)."""
    folder = (directory or fonts_dir()).resolve()
    with _lock:
        fontset = _loaded.get(folder)
        if fontset is not None:
            return fontset
        regular_path = folder / REGULAR_FILE
        bold_path = folder / BOLD_FILE
        if not regular_path.is_file():
            raise UserError(f"找不到打印用的字体文件 {REGULAR_FILE}（应在 {folder}）：程序安装不完整，请重新安装")
        regular = _face(regular_path)
        bold = _face(bold_path) if bold_path.is_file() else regular
        others = sorted(
            {p for pattern in FALLBACK_PATTERNS for p in folder.glob(pattern)} - {regular_path, bold_path},
            key=lambda p: p.name,
        )
        fontset = FontSet(regular=regular, bold=bold, fallbacks=tuple(_face(path) for path in others))
        _loaded[folder] = fontset
        return fontset
