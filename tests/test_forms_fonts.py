"""Fonts: per-character fallback, the error for characters no font has, and the ToUnicode fix."""

from __future__ import annotations

import pytest

from tests.test_forms_support import pdffonts, pdftotext, pypdf_pages
from zcdesk.core.samples import make_sample
from zcdesk.forms.fonts import UnprintableText, clean_text, load_fonts
from zcdesk.forms.publicity import render_publicity
from zcdesk.forms.summary import render_summary
from zcdesk.forms.tounicode import make_to_unicode_cmap, utf16_hex

RARE_NAME = "吉𠮷喆堃玥"
# U+20000 (Extension B): not in Noto Serif CJK SC, only in the bundled fallback font.
FALLBACK_ONLY = "\U00020000"
# U+30000 (Extension G): in no bundled font.
IN_NO_FONT = "\U00030000"


def test_the_main_face_has_the_rare_name_characters() -> None:
    fonts = load_fonts()
    for char in RARE_NAME:
        assert fonts.regular.has(char), char
        assert fonts.bold.has(char), char
    assert fonts.fallbacks, "the CJK Extension B fallback font is missing from resources/fonts"


def test_a_character_the_main_face_lacks_gets_its_own_run_in_the_fallback() -> None:
    fonts = load_fonts()
    assert not fonts.regular.has(FALLBACK_ONLY)
    runs = fonts.runs(f"张{FALLBACK_ONLY}三")
    assert [text for _, text in runs] == ["张", FALLBACK_ONLY, "三"]
    assert runs[0][0] == runs[2][0] == fonts.regular.name
    assert runs[1][0] == fonts.fallbacks[0].name
    # Bold text falls back too, and keeps bold where the bold face has the character.
    bold = fonts.runs(f"标题{FALLBACK_ONLY}", bold=True)
    assert bold[0] == (fonts.bold.name, "标题") and bold[1][1] == FALLBACK_ONLY


def test_a_character_in_no_font_is_an_error_naming_it() -> None:
    fonts = load_fonts()
    assert fonts.missing(["正常", f"张{IN_NO_FONT}"]) == [IN_NO_FONT]
    with pytest.raises(UnprintableText) as caught:
        fonts.runs(f"张{IN_NO_FONT}")
    assert caught.value.characters == [IN_NO_FONT]
    assert "U+30000" in str(caught.value) and "无法打印" in str(caught.value)


def test_rendering_a_name_with_a_character_in_no_font_fails_clearly() -> None:
    bundle = make_sample(name=f"张{IN_NO_FONT}").bundle
    with pytest.raises(UnprintableText, match="U\\+30000"):
        render_publicity(bundle)


def test_clean_text_drops_controls_and_variation_selectors_only() -> None:
    assert clean_text("a\tb\r\nc\x00d\u200be") == "a b \ncde"
    assert clean_text("葛\U000e0100亮\ufe00") == "葛亮"
    assert clean_text("张\u3000三\u00a0") == "张\u3000三 "


def test_fallback_character_prints_embedded_and_reads_back(tmp_path: object) -> None:
    name = f"吉{FALLBACK_ONLY}喆"
    pdf = render_publicity(make_sample(name=name).bundle)
    assert name in pdftotext(pdf)
    assert name in pypdf_pages(pdf)[0]
    fonts = pdffonts(pdf)
    assert any("ZCHanFallback" in font["name"] or "HanaMin" in font["name"] for font in fonts), fonts
    assert all(font["emb"] == "yes" and font["sub"] == "yes" and font["uni"] == "yes" for font in fonts)


def test_extension_b_reads_back_from_both_forms() -> None:
    sample = make_sample(name=RARE_NAME)
    for pdf in (render_summary(sample.bundle), render_publicity(sample.bundle)):
        text = pdftotext(pdf, "-layout")
        assert RARE_NAME in text
        assert "\ufffd" not in text
        assert RARE_NAME in pypdf_pages(pdf)[0]


def test_utf16_destinations() -> None:
    assert utf16_hex(ord("吉")) == "5409"
    assert utf16_hex(ord("𠮷")) == "D842DFB7"
    cmap = make_to_unicode_cmap("AAAAAA+Test", [0, 32, ord("吉"), ord("𠮷")])
    assert "<02> <5409>" in cmap and "<03> <D842DFB7>" in cmap
    assert "<00> <03>" in cmap  # the code space covers the subset


def test_cmap_blocks_hold_at_most_100_entries() -> None:
    cmap = make_to_unicode_cmap("AAAAAA+Test", list(range(0x4E00, 0x4E00 + 256)))
    counts = [int(line.split()[0]) for line in cmap.splitlines() if line.endswith("beginbfchar")]
    assert counts == [100, 100, 56]
