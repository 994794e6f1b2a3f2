#!/usr/bin/env python3
"""Build the fonts bundled in resources/fonts/ from Debian's font packages.

Inputs (Debian bookworm packages, install with
``apt-get install -y fonts-noto-cjk fonts-hanazono``):

* fonts-noto-cjk:  /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc,
                   NotoSerifCJK-Regular.ttc, NotoSerifCJK-Bold.ttc
* fonts-hanazono:  /usr/share/fonts/truetype/hanazono/HanaMinA.ttf, HanaMinB.ttf

Outputs (in resources/fonts/ unless --out is given):

* NotoSansCJKsc-Regular.otf   the "SC" member of NotoSansCJK-Regular.ttc as a
                              standalone OpenType/CFF font (for the Qt UI)
* NotoSerifCJKsc-Regular.ttf  the "SC" members of NotoSerifCJK-{Regular,Bold}.ttc
* NotoSerifCJKsc-Bold.ttf     converted to TrueType (quadratic glyf) outlines,
                              because reportlab can only embed glyf fonts
* HanaMin-fallback.ttf        the Han characters that Noto Serif CJK SC lacks
                              (mostly CJK Extension B), taken from HanaMinA
                              and HanaMinB, for use as a per-character fallback
* OFL.txt, LICENSE-Hanazono.txt, README.md

Every Noto output keeps every character of the source face's cmap (including
the Unicode variation sequences of its format 14 subtable); the subsetting only
drops glyphs that are reachable solely through the 'locl' feature (the
Japanese/Korean/Traditional Chinese regional forms, which the SC face never
shows by default) or through non-default OpenType features such as 'aalt'.

Run with the project's virtualenv (needs fontTools >= 4.40):

    .venv/bin/python tools/build_fonts.py            # build everything
    .venv/bin/python tools/build_fonts.py --only sans fallback

The outputs are deterministic for a given fontTools version and given input
files (timestamps are taken from the input fonts, not from the clock).
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import time
from pathlib import Path

from fontTools import subset
from fontTools import version as fonttools_version
from fontTools.pens.cu2quPen import Cu2QuPen
from fontTools.pens.ttGlyphPen import TTGlyphPen
from fontTools.ttLib import TTCollection, TTFont, newTable

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = REPO_ROOT / "resources" / "fonts"
DEFAULT_NOTO_DIR = Path("/usr/share/fonts/opentype/noto")
DEFAULT_HANAZONO_DIR = Path("/usr/share/fonts/truetype/hanazono")
NOTO_COPYRIGHT_FILE = Path("/usr/share/doc/fonts-noto-cjk/copyright")
HANAZONO_COPYRIGHT_FILE = Path("/usr/share/doc/fonts-hanazono/copyright")

SANS_OUT = "NotoSansCJKsc-Regular.otf"
SERIF_REGULAR_OUT = "NotoSerifCJKsc-Regular.ttf"
SERIF_BOLD_OUT = "NotoSerifCJKsc-Bold.ttf"
FALLBACK_OUT = "HanaMin-fallback.ttf"

# Name of the fallback font as fonts report it.  HanaMinA/HanaMinB are dual
# licensed (Hanazono Font License or OFL 1.1 with the Reserved Font Names
# "Hanazono Font", "HanaMinA", "HanaMinB", ...); a modified version must not
# use those names under the OFL, so the subset gets a name of its own.  That
# keeps it clean under either licence.
FALLBACK_FAMILY = "ZC Han Fallback"
FALLBACK_PS_NAME = "ZCHanFallback-Regular"

# Maximum approximation error (font units, UPM 1000) for cubic -> quadratic.
MAX_ERR = 1.0

# Han blocks (ideographs proper) considered for the fallback font.
HAN_BLOCKS = [
    ("CJK Unified Ideographs", 0x4E00, 0x9FFF),
    ("CJK Unified Ideographs Extension A", 0x3400, 0x4DBF),
    ("CJK Unified Ideographs Extension B", 0x20000, 0x2A6DF),
    ("CJK Unified Ideographs Extension C", 0x2A700, 0x2B73F),
    ("CJK Unified Ideographs Extension D", 0x2B740, 0x2B81F),
    ("CJK Unified Ideographs Extension E", 0x2B820, 0x2CEAF),
    ("CJK Unified Ideographs Extension F", 0x2CEB0, 0x2EBEF),
    ("CJK Compatibility Ideographs", 0xF900, 0xFAFF),
    ("CJK Compatibility Ideographs Supplement", 0x2F800, 0x2FA1F),
    ("CJK Unified Ideographs Extension G", 0x30000, 0x3134F),
]

# Characters that must be present in every output (rare characters in names).
MUST_HAVE = "喆堃玥"
MUST_HAVE_FALLBACK_OR_SERIF = "\U00020bb7"  # 𠮷


def log(msg: str) -> None:
    print(msg, flush=True)


# ---------------------------------------------------------------------------
# Loading
# ---------------------------------------------------------------------------


def load_ttc_member(ttc_path: Path, ps_name: str, lazy: bool | None = None) -> TTFont:
    """Return the member of a TTC whose PostScript name is ``ps_name``.

    With the default ``lazy=None`` the member can be modified and saved as a
    standalone font; ``lazy=True`` is enough for reading its cmap.
    """
    collection = TTCollection(str(ttc_path), lazy=True)
    index = None
    names = []
    for i, font in enumerate(collection.fonts):
        name = font["name"].getDebugName(6)
        names.append(name)
        if name == ps_name:
            index = i
    if index is None:
        raise SystemExit(f"{ttc_path}: no member named {ps_name!r} (found {names})")
    collection.close()
    return TTFont(str(ttc_path), fontNumber=index, lazy=lazy)


def subset_to_cmap(font: TTFont, drop_locl: bool = True) -> None:
    """Keep all cmap'd characters; drop glyphs reachable only otherwise.

    OpenType layout features: fontTools' default set, minus 'locl' when
    ``drop_locl`` (for the SC face 'locl' only leads to JP/KR/TC/HK forms).
    Names, hinting and all remaining tables are kept.
    """
    unicodes = set(font.getBestCmap())
    # fontTools keeps a format 14 (variation sequences) subtable only for the
    # variation selectors that are among the requested code points.
    for table in font["cmap"].tables:
        if table.format == 14:
            unicodes.update(table.uvsDict)
    options = subset.Options()
    features = list(options.layout_features)
    if drop_locl:
        features = [f for f in features if f != "locl"]
    options.layout_features = features
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.notdef_glyph = True
    options.glyph_names = False
    options.legacy_cmap = True
    options.symbol_cmap = True
    options.prune_unicode_ranges = False
    options.recalc_timestamp = False
    subsetter = subset.Subsetter(options=options)
    subsetter.populate(unicodes=sorted(unicodes))
    subsetter.subset(font)


# ---------------------------------------------------------------------------
# CFF -> TrueType (after fontTools' Snippets/otf2ttf.py)
# ---------------------------------------------------------------------------


def _glyphs_to_quadratic(glyph_set, glyph_order, max_err: float):
    quad = {}
    for name in glyph_order:
        tt_pen = TTGlyphPen(glyph_set)
        # CFF contours run counter-clockwise, TrueType ones clockwise.
        cu2qu_pen = Cu2QuPen(tt_pen, max_err, reverse_direction=True)
        glyph_set[name].draw(cu2qu_pen)
        quad[name] = tt_pen.glyph()
    return quad


def otf_to_ttf(font: TTFont, max_err: float = MAX_ERR, post_format: float = 3.0) -> None:
    """Convert a CFF-flavoured font in place to TrueType glyf outlines."""
    if font.sfntVersion != "OTTO" or "CFF " not in font:
        raise ValueError("not a CFF OpenType font")
    glyph_order = font.getGlyphOrder()

    font["loca"] = newTable("loca")
    font["glyf"] = glyf = newTable("glyf")
    glyf.glyphOrder = glyph_order
    glyf.glyphs = _glyphs_to_quadratic(font.getGlyphSet(), glyph_order, max_err)
    del font["CFF "]
    if "VORG" in font:
        # Vertical origins: TrueType derives them from vmtx/glyf bounding boxes.
        del font["VORG"]
    glyf.compile(font)

    # Left side bearings must equal xMin for TrueType outlines.
    hmtx = font["hmtx"]
    for name, glyph in glyf.glyphs.items():
        advance, _lsb = hmtx.metrics[name]
        hmtx.metrics[name] = (advance, getattr(glyph, "xMin", 0))

    maxp = newTable("maxp")
    maxp.tableVersion = 0x00010000
    maxp.numGlyphs = len(glyph_order)
    maxp.maxZones = 1
    maxp.maxTwilightPoints = 0
    maxp.maxStorage = 0
    maxp.maxFunctionDefs = 0
    maxp.maxInstructionDefs = 0
    maxp.maxStackElements = 0
    maxp.maxSizeOfInstructions = 0
    maxp.maxComponentElements = 0
    maxp.maxPoints = 0
    maxp.maxContours = 0
    maxp.maxCompositePoints = 0
    maxp.maxCompositeContours = 0
    maxp.maxComponentDepth = 0
    font["maxp"] = maxp
    maxp.recalc(font)

    post = font["post"]
    post.formatType = post_format
    post.extraNames = []
    post.mapping = {}
    post.glyphOrder = glyph_order
    font["head"].glyphDataFormat = 0
    font.sfntVersion = "\x00\x01\x00\x00"


# ---------------------------------------------------------------------------
# Name table helpers
# ---------------------------------------------------------------------------


def set_names(
    font: TTFont, family: str, subfamily: str, full: str, ps_name: str, unique: str, extra_description: str
) -> None:
    name = font["name"]
    # Drop localized family names (e.g. Japanese "花園明朝A") and the
    # typographic family names so the renamed font presents one name.
    name.names = [n for n in name.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17, 21, 22)]
    for name_id, value in ((1, family), (2, subfamily), (3, unique), (4, full), (6, ps_name)):
        name.setName(value, name_id, 3, 1, 0x409)
        name.setName(value, name_id, 1, 0, 0)
    desc = name.getDebugName(10) or ""
    name.setName((desc + " " + extra_description).strip(), 10, 3, 1, 0x409)


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------


def save(font: TTFont, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    # Keep head.modified from the source font so that rebuilds are byte-identical.
    font.recalcTimestamp = False
    font.save(str(tmp), reorderTables=True)
    tmp.replace(path)
    log(f"  wrote {path} ({path.stat().st_size / 1e6:.1f} MB)")


def _variation_sequences(font: TTFont) -> set[tuple[int, int]]:
    """(variation selector, base character) pairs of the format 14 subtables."""
    pairs = set()
    for table in font["cmap"].tables:
        if table.format == 14:
            for selector, mappings in table.uvsDict.items():
                pairs.update((selector, base) for base, _glyph in mappings)
    return pairs


def _verify_cmap(source_cmap: dict, source_uvs: set, out_path: Path, extra: str = "") -> None:
    out = TTFont(str(out_path), lazy=True)
    out_cmap = out.getBestCmap()
    missing = [c for c in source_cmap if c not in out_cmap]
    if missing:
        raise SystemExit(
            f"{out_path}: {len(missing)} characters lost, e.g. " + ", ".join(f"U+{c:04X}" for c in missing[:10])
        )
    lost_uvs = source_uvs - _variation_sequences(out)
    if lost_uvs:
        raise SystemExit(f"{out_path}: {len(lost_uvs)} variation sequences lost")
    for ch in MUST_HAVE + extra:
        if ord(ch) not in out_cmap:
            raise SystemExit(f"{out_path}: lacks {ch} U+{ord(ch):04X}")
    log(
        f"  verified: all {len(source_cmap)} characters and {len(source_uvs)} variation sequences kept, "
        f"{out['maxp'].numGlyphs} glyphs"
    )


def _font_version(path: Path) -> str:
    return TTFont(str(path), lazy=True)["name"].getDebugName(5)


def build_sans(noto_dir: Path, out_dir: Path) -> None:
    src = noto_dir / "NotoSansCJK-Regular.ttc"
    log(f"Sans: extracting NotoSansCJKsc-Regular from {src}")
    font = load_ttc_member(src, "NotoSansCJKsc-Regular")
    source_cmap = dict(font.getBestCmap())
    source_uvs = _variation_sequences(font)
    subset_to_cmap(font)
    out = out_dir / SANS_OUT
    save(font, out)
    _verify_cmap(source_cmap, source_uvs, out, MUST_HAVE_FALLBACK_OR_SERIF)


def build_serif(noto_dir: Path, out_dir: Path, weight: str, max_err: float) -> None:
    src = noto_dir / f"NotoSerifCJK-{weight}.ttc"
    ps_name = f"NotoSerifCJKsc-{weight}"
    log(f"Serif {weight}: extracting {ps_name} from {src}")
    font = load_ttc_member(src, ps_name)
    source_cmap = dict(font.getBestCmap())
    source_uvs = _variation_sequences(font)
    subset_to_cmap(font)
    t0 = time.monotonic()
    log(f"  converting {len(font.getGlyphOrder())} glyphs to TrueType (max_err={max_err})")
    otf_to_ttf(font, max_err=max_err)
    log(f"  converted in {time.monotonic() - t0:.0f} s")
    out = out_dir / (SERIF_REGULAR_OUT if weight == "Regular" else SERIF_BOLD_OUT)
    save(font, out)
    _verify_cmap(source_cmap, source_uvs, out, MUST_HAVE_FALLBACK_OR_SERIF)


def build_fallback(noto_dir: Path, hanazono_dir: Path, out_dir: Path, all_extensions: bool = False) -> None:
    """Han characters lacking in Noto Serif CJK SC, from HanaMinA + HanaMinB.

    Every ideograph that Noto Serif CJK SC (Regular or Bold) lacks and that
    HanaMinA has is taken from HanaMinA (it holds the URO, Extension A, the
    compatibility ideographs and the more common characters of Extensions
    B-E).  Of the rest, HanaMinB supplies those of Extension B; with
    ``all_extensions`` also those of Extensions C-F (about 8 MB more, which
    would take resources/fonts past the size budget).  The two subsets are
    merged into one TrueType font.
    """
    from fontTools.merge import Merger
    from fontTools.merge import Options as MergeOptions

    serif_cmap = load_ttc_member(
        noto_dir / "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular", lazy=True
    ).getBestCmap()
    bold_cmap = load_ttc_member(noto_dir / "NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold", lazy=True).getBestCmap()
    have = set(serif_cmap) & set(bold_cmap)

    paths = {k: hanazono_dir / f"HanaMin{k}.ttf" for k in ("A", "B")}
    cmaps = {k: TTFont(str(p), lazy=True).getBestCmap() for k, p in paths.items()}
    b_blocks = [(lo, hi) for block, lo, hi in HAN_BLOCKS if all_extensions or block.endswith("Extension B")]
    wanted = {"A": [], "B": []}
    for _block, lo, hi in HAN_BLOCKS:
        for cp in range(lo, hi + 1):
            if cp in have:
                continue
            if cp in cmaps["A"]:
                wanted["A"].append(cp)
            elif cp in cmaps["B"] and any(lo_ <= cp <= hi_ for lo_, hi_ in b_blocks):
                wanted["B"].append(cp)
    log(f"Fallback: {len(wanted['A'])} characters from HanaMinA, {len(wanted['B'])} from HanaMinB")

    parts = []
    for key in ("A", "B"):
        font = TTFont(str(paths[key]))
        options = subset.Options()
        options.layout_features = []  # no shaping is needed for lone ideographs
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.notdef_outline = True
        options.glyph_names = False
        options.hinting = False  # fontforge autohint instructions; not needed
        options.drop_tables += ["FFTM", "prop", "BASE", "GDEF", "GSUB", "GPOS"]
        options.prune_unicode_ranges = False
        options.recalc_timestamp = False
        subsetter = subset.Subsetter(options=options)
        subsetter.populate(unicodes=wanted[key])
        subsetter.subset(font)
        part = out_dir / f".fallback-{key}.tmp.ttf"
        font.recalcTimestamp = False
        font.save(str(part))
        parts.append(part)

    merge_options = MergeOptions(drop_tables=["vhea", "vmtx"])
    merged = Merger(options=merge_options).merge([str(p) for p in parts])
    for p in parts:
        p.unlink()
    # Merger stamps head.created/modified with the current time; use the
    # source fonts' timestamps instead so that rebuilds are byte-identical.
    heads = [TTFont(str(p), lazy=True)["head"] for p in paths.values()]
    merged["head"].created = min(h.created for h in heads)
    merged["head"].modified = max(h.modified for h in heads)
    set_names(
        merged,
        FALLBACK_FAMILY,
        "Regular",
        f"{FALLBACK_FAMILY} Regular",
        FALLBACK_PS_NAME,
        f"{FALLBACK_PS_NAME};HanaMinA {_font_version(paths['A'])};HanaMinB {_font_version(paths['B'])}",
        "Subset of HanaMinA and HanaMinB (GlyphWiki Project) made by zcdesk's "
        "tools/build_fonts.py: only Han characters missing from Noto Serif CJK SC.",
    )
    merged["post"].formatType = 3.0
    merged["post"].extraNames = []
    merged["post"].mapping = {}
    out = out_dir / FALLBACK_OUT
    save(merged, out)
    out_cmap = TTFont(str(out), lazy=True).getBestCmap()
    lost = [c for c in wanted["A"] + wanted["B"] if c not in out_cmap]
    if lost:
        raise SystemExit(f"{out}: {len(lost)} wanted characters lost")
    log(f"  verified: {len(out_cmap)} characters")


# ---------------------------------------------------------------------------
# Licences and README
# ---------------------------------------------------------------------------


def _debian_paragraph(copyright_file: Path, license_name: str) -> str:
    """Return the text of the ``License: <name>`` paragraph, de-indented."""
    text = copyright_file.read_text(encoding="utf-8")
    paragraphs = re.split(r"\n\s*\n", text)
    for para in paragraphs:
        lines = para.splitlines()
        if lines and lines[0].strip() == f"License: {license_name}":
            body = []
            for line in lines[1:]:
                line = line[1:] if line.startswith(" ") else line
                body.append("" if line.strip() == "." else line.rstrip())
            # de-indent uniformly
            indents = [len(line) - len(line.lstrip()) for line in body if line.strip()]
            cut = min(indents) if indents else 0
            return "\n".join(line[cut:] for line in body).strip() + "\n"
    raise SystemExit(f"{copyright_file}: no 'License: {license_name}' paragraph")


def write_licences(out_dir: Path, noto_dir: Path) -> None:
    sans = TTCollection(str(noto_dir / "NotoSansCJK-Regular.ttc"), lazy=True).fonts[0]
    serif = TTCollection(str(noto_dir / "NotoSerifCJK-Regular.ttc"), lazy=True).fonts[0]
    notices = []
    for f in (sans, serif):
        n = f["name"].getDebugName(0)
        if n and n not in notices:
            notices.append(n)
    ofl = _debian_paragraph(NOTO_COPYRIGHT_FILE, "SIL-1.1")
    header = (
        "Noto Sans CJK and Noto Serif CJK (NotoSansCJKsc-Regular.otf,\n"
        "NotoSerifCJKsc-Regular.ttf, NotoSerifCJKsc-Bold.ttf):\n\n"
        + "".join(f"{n}\n" for n in notices)
        + "(the fonts' own copyright notices; the upstream noto-cjk licence file\n"
        "reads: Copyright 2014-2021 Adobe (http://www.adobe.com/), with Reserved\n"
        "Font Name 'Source'. None of the files here uses that name.)\n"
        "Noto is a trademark of Google Inc.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n"
        "The files in this directory are Modified Versions (extracted from the\n"
        "TrueType collections, subset and, for the Serif faces, converted to\n"
        "TrueType outlines) of the fonts distributed in Debian's fonts-noto-cjk\n"
        "package. See README.md.\n\n"
    )
    (out_dir / "OFL.txt").write_text(header + ofl, encoding="utf-8")
    log(f"  wrote {out_dir / 'OFL.txt'}")

    hanazono = _debian_paragraph(HANAZONO_COPYRIGHT_FILE, "Hanazono-Font-License")
    hanazono_ofl = _debian_paragraph(HANAZONO_COPYRIGHT_FILE, "Open-Font-License")
    text = (
        f'{FALLBACK_OUT} (font name "{FALLBACK_FAMILY}") is a subset of HanaMinA.ttf\n'
        "and HanaMinB.ttf (Hanazono Mincho, GlyphWiki Project) as distributed in\n"
        "Debian's fonts-hanazono package. See README.md.\n\n"
        'The Hanazono fonts are dual licensed: "Hanazono-Font-License or\n'
        'Open-Font-License" (Debian copyright file). This subset is distributed\n'
        "under the Hanazono Font License; it was renamed so that it does not use\n"
        "the Reserved Font Names of the OFL option either. Both licences, as\n"
        "shipped in /usr/share/doc/fonts-hanazono/copyright, follow.\n\n"
        "=====================================================================\n"
        "Licence 1: Hanazono Font License\n"
        "=====================================================================\n\n"
        + hanazono
        + "\n=====================================================================\n"
        "Licence 2 (alternative): SIL Open Font License 1.1\n"
        "=====================================================================\n\n" + hanazono_ofl
    )
    (out_dir / "LICENSE-Hanazono.txt").write_text(text, encoding="utf-8")
    log(f"  wrote {out_dir / 'LICENSE-Hanazono.txt'}")


def _deb_version(package: str) -> str:
    try:
        return (
            subprocess.run(
                ["dpkg-query", "-W", "-f=${Version}", package],
                check=True,
                capture_output=True,
                text=True,
            ).stdout.strip()
            or "unknown"
        )
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def _describe(path: Path) -> str:
    if not path.exists():
        return "(not built)"
    data = path.read_bytes()
    font = TTFont(str(path), lazy=True)
    cmap = font.getBestCmap()
    cover = " ".join(f"{ch} {'yes' if ord(ch) in cmap else 'no'}" for ch in MUST_HAVE + MUST_HAVE_FALLBACK_OR_SERIF)
    return (
        f"{len(data):,} bytes, sha256 `{hashlib.sha256(data).hexdigest()}`; "
        f'family "{font["name"].getDebugName(1)}", '
        f"{font['maxp'].numGlyphs} glyphs, {len(cmap)} characters; covers {cover}"
    )


def _coverage_table(noto_dir: Path, out_dir: Path) -> str:
    serif = load_ttc_member(noto_dir / "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular", lazy=True).getBestCmap()
    path = out_dir / FALLBACK_OUT
    fallback = TTFont(str(path), lazy=True).getBestCmap() if path.exists() else {}
    rows = ["| block | code points | Noto Serif CJK SC | fallback | neither |", "| --- | ---: | ---: | ---: | ---: |"]
    for block, lo, hi in HAN_BLOCKS:
        r = range(lo, hi + 1)
        in_serif = sum(cp in serif for cp in r)
        in_fallback = sum(cp in fallback and cp not in serif for cp in r)
        neither = sum(cp not in serif and cp not in fallback for cp in r)
        rows.append(f"| {block} (U+{lo:04X}-U+{hi:04X}) | {len(r)} | {in_serif} | {in_fallback} | {neither} |")
    return "\n".join(rows)


def write_readme(
    out_dir: Path, noto_dir: Path, hanazono_dir: Path, max_err: float, all_extensions: bool = False
) -> None:
    noto_ver = _deb_version("fonts-noto-cjk")
    hana_ver = _deb_version("fonts-hanazono")

    sans_v = load_ttc_member(noto_dir / "NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular", lazy=True)[
        "name"
    ].getDebugName(5)
    serif_v = load_ttc_member(noto_dir / "NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular", lazy=True)[
        "name"
    ].getDebugName(5)
    hana_v = (
        f"HanaMinA {_font_version(hanazono_dir / 'HanaMinA.ttf')}, "
        f"HanaMinB {_font_version(hanazono_dir / 'HanaMinB.ttf')}"
    )
    if all_extensions:
        b_scope = "the remaining characters of Extensions B-F"
        b_note = "Extension G is in neither font."
    else:
        b_scope = "the remaining characters of Extension B only"
        b_note = (
            "Extensions C-F are covered only as far as Noto and HanaMinA go;\n"
            "  `--fallback-all-extensions` adds HanaMinB's Extensions C-F (about\n"
            "  8 MB more). Extension G is in neither font."
        )
    readme = f"""# Bundled fonts

Generated by `tools/build_fonts.py` (fontTools {fonttools_version}); rebuild with

    apt-get install -y fonts-noto-cjk fonts-hanazono
    .venv/bin/python tools/build_fonts.py

Do not edit the font files by hand. The build is deterministic for a given
fontTools version and given input packages.

| file | use |
| --- | --- |
| `{SANS_OUT}` | Qt user interface (`QFontDatabase.addApplicationFont`) |
| `{SERIF_REGULAR_OUT}` | PDF forms, body text (reportlab `TTFont`) |
| `{SERIF_BOLD_OUT}` | PDF forms, headings (reportlab `TTFont`) |
| `{FALLBACK_OUT}` | PDF forms, per-character fallback for Han characters the Noto Serif faces lack (mostly CJK Extension B) |

## {SANS_OUT}

- Source: Debian package `fonts-noto-cjk` {noto_ver}, file
  `{noto_dir}/NotoSansCJK-Regular.ttc`, member `NotoSansCJKsc-Regular`
  (Noto Sans CJK SC Regular, {sans_v}).
- Done: extracted from the TrueType collection as a standalone OpenType font
  with CFF outlines (unchanged). Subset with fontTools to every character of
  the SC face's cmap (including its Unicode variation sequences), with the
  default OpenType layout features except `locl`: glyphs reachable only through
  `locl` (Japanese/Korean/Traditional Chinese regional forms) or through
  non-default features (`aalt`, `hwid`, ...) were dropped. Names and hinting
  are unchanged.
- Licence: SIL Open Font License 1.1, see `OFL.txt`.
- {_describe(out_dir / SANS_OUT)}

## {SERIF_REGULAR_OUT} and {SERIF_BOLD_OUT}

- Source: Debian package `fonts-noto-cjk` {noto_ver}, files
  `{noto_dir}/NotoSerifCJK-Regular.ttc` and `NotoSerifCJK-Bold.ttc`, members
  `NotoSerifCJKsc-Regular` and `NotoSerifCJKsc-Bold` (Noto Serif CJK SC,
  {serif_v}).
- Done: extracted from the collection and subset exactly as the Sans font
  above, then converted from CFF (cubic) to TrueType `glyf` (quadratic)
  outlines with fontTools cu2qu (maximum error {max_err} font unit at 1000
  units per em, contour direction reversed), `CFF ` and `VORG` tables
  dropped, `maxp` recomputed, `post` table format 3 (no glyph names), no
  hinting. reportlab can only embed fonts with TrueType outlines.
- Licence: SIL Open Font License 1.1, see `OFL.txt`.
- Regular: {_describe(out_dir / SERIF_REGULAR_OUT)}
- Bold: {_describe(out_dir / SERIF_BOLD_OUT)}

## {FALLBACK_OUT}

- Source: Debian package `fonts-hanazono` {hana_ver}, files
  `{hanazono_dir}/HanaMinA.ttf` and `HanaMinB.ttf` (Hanazono Mincho A/B,
  GlyphWiki Project; versions {hana_v}); TrueType outlines.
- Done: subset with fontTools to the ideographs (CJK Unified Ideographs and
  their extensions, CJK Compatibility Ideographs and Supplement) that Noto
  Serif CJK SC Regular or Bold lacks: every such character that HanaMinA has,
  and {b_scope} from HanaMinB. No OpenType layout
  tables, no hinting, no vertical metrics; the two subsets merged into one
  font and renamed "{FALLBACK_FAMILY}" (`{FALLBACK_PS_NAME}`). Noto Serif CJK
  SC itself already has 喆 堃 玥 𠮷 and about 2,000 Extension B characters.
  {b_note}
- Coverage of the ideograph blocks (characters):

{_coverage_table(noto_dir, out_dir)}

- Licence: Hanazono Font License (the package is dual licensed "Hanazono Font
  License or OFL 1.1"; the Hanazono Font License grants unlimited permission to
  use, copy and distribute with or without modification, commercially or not,
  which covers embedding in PDFs). The subset was renamed so that it does not
  use the OFL Reserved Font Names either. See `LICENSE-Hanazono.txt`.
- {_describe(out_dir / FALLBACK_OUT)}

## Licence files

- `OFL.txt`: SIL Open Font License 1.1 as shipped in
  `/usr/share/doc/fonts-noto-cjk/copyright`, with the copyright notice from
  the fonts' name table; applies to the three Noto files.
- `LICENSE-Hanazono.txt`: the licences from
  `/usr/share/doc/fonts-hanazono/copyright`; applies to `{FALLBACK_OUT}`.
"""
    (out_dir / "README.md").write_text(readme, encoding="utf-8")
    log(f"  wrote {out_dir / 'README.md'}")


# ---------------------------------------------------------------------------


STEPS = ("sans", "serif-regular", "serif-bold", "fallback", "docs")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--noto-dir",
        type=Path,
        default=DEFAULT_NOTO_DIR,
        help=f"directory of the Noto CJK .ttc files (default {DEFAULT_NOTO_DIR})",
    )
    parser.add_argument(
        "--hanazono-dir",
        type=Path,
        default=DEFAULT_HANAZONO_DIR,
        help=f"directory of HanaMinA/B.ttf (default {DEFAULT_HANAZONO_DIR})",
    )
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"output directory (default {DEFAULT_OUT})")
    parser.add_argument(
        "--max-err", type=float, default=MAX_ERR, help=f"cu2qu maximum error in font units (default {MAX_ERR})"
    )
    parser.add_argument(
        "--fallback-all-extensions",
        action="store_true",
        help="put CJK Extensions C-F from HanaMinB into the fallback "
        "font too (default: only Extension B from HanaMinB)",
    )
    parser.add_argument(
        "--only", nargs="+", choices=STEPS, default=list(STEPS), help="build only these parts (default: all)"
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    t0 = time.monotonic()
    if "sans" in args.only:
        build_sans(args.noto_dir, args.out)
    if "serif-regular" in args.only:
        build_serif(args.noto_dir, args.out, "Regular", args.max_err)
    if "serif-bold" in args.only:
        build_serif(args.noto_dir, args.out, "Bold", args.max_err)
    if "fallback" in args.only:
        build_fallback(args.noto_dir, args.hanazono_dir, args.out, args.fallback_all_extensions)
    if "docs" in args.only:
        write_licences(args.out, args.noto_dir)
        write_readme(args.out, args.noto_dir, args.hanazono_dir, args.max_err, args.fallback_all_extensions)
    total = sum(p.stat().st_size for p in args.out.iterdir() if p.is_file())
    log(f"done in {time.monotonic() - t0:.0f} s; {args.out} holds {total / 1e6:.1f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
