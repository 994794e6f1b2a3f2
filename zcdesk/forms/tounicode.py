"""A correct ToUnicode CMap for reportlab's TrueType subsets: characters beyond U+FFFF as UTF-16.

reportlab writes each subset entry as `<code> <%04X>`, which for 𠮷 (U+20BB7) gives the
five-digit `<20BB7>` — not a UTF-16BE value, so text extraction and copy-paste lose the
character. The PDF reference wants the surrogate pair `<D842DFB7>`. reportlab looks the
writer up as a module global when it embeds a font, so installing ours fixes every subset.
"""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.pdfbase import ttfonts


def utf16_hex(code: int) -> str:
    """The UTF-16BE code units of one character as hex: 4 digits, or 8 for a surrogate pair."""
    return chr(code).encode("utf-16-be", "surrogatepass").hex().upper()


def make_to_unicode_cmap(fontname: str, subset: Sequence[int]) -> str:
    """reportlab's ToUnicode CMap for a subset, with UTF-16 destinations (same layout otherwise)."""
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo",
        f"<< /Registry ({fontname})",
        f"/Ordering ({fontname})",
        "/Supplement 0",
        ">> def",
        f"/CMapName /{fontname} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<00> <{len(subset) - 1:02X}>",
        "endcodespacerange",
    ]
    # A bfchar block may hold at most 100 entries (PDF reference, 5.9.2); a subset has up to 256.
    entries = [f"<{index:02X}> <{utf16_hex(code)}>" for index, code in enumerate(subset)]
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines += [f"{len(chunk)} beginbfchar", *chunk, "endbfchar"]
    lines += ["endcmap", "CMapName currentdict /CMap defineresource pop", "end", "end"]
    return "\n".join(lines)


def install() -> None:
    """Make reportlab write our CMap from now on (idempotent)."""
    ttfonts.makeToUnicodeCMap = make_to_unicode_cmap
