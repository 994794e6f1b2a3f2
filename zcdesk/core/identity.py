"""Identity numbers as people type them: 公民身份号码, 统一社会信用代码 and mobile numbers."""

from __future__ import annotations

import datetime as dt
import re
import unicodedata

from stdnum.cn import ric, uscc

# GB/T 2260 province codes plus 71 (台湾), 81/82 (港澳) and 83 (港澳台居民居住证), as
# rules-2025.md's Conventions list them. A standard, not yearly policy: kept here, not in the toml.
PROVINCE_CODES = frozenset(
    {
        *range(11, 16),
        *range(21, 24),
        *range(31, 38),
        *range(41, 47),
        *range(50, 55),
        *range(61, 66),
        71,
        81,
        82,
        83,
    }
)
EARLIEST_BIRTH = dt.date(1900, 1, 1)

_SPACES = re.compile(r"\s+")
_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_PHONE_PREFIX = re.compile(r"^(?:\+86|0086)")
_MOBILE = re.compile(r"1[3-9][0-9]{9}")
# GB 32100-2015 uses the digits and the capital letters without I, O, S, V and Z.
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_LOOKALIKES = {"I": "1", "O": "0", "S": "5", "V": "U", "Z": "2"}


def _fold(text: str | None) -> str:
    """Full-width digits and letters to ASCII (NFKC); U+3000 becomes a plain space."""
    return unicodedata.normalize("NFKC", text or "")


# --- 公民身份号码 (GB 11643-1999) -------------------------------------------------------


def normalise_id_number(text: str | None) -> str:
    """`２２０１０６ 1986 0315 121x` → `220106198603151213X`-style: no spaces, ASCII, capital X."""
    return _SPACES.sub("", _fold(text)).upper()


def id_number_problem(text: str | None, today: dt.date | None = None) -> str | None:
    """Why an ID number is not valid (Chinese, one sentence), or None when it is."""
    number = normalise_id_number(text)
    if not number:
        return "请填写公民身份号码"
    if len(number) == 15 and number.isascii() and number.isdigit():
        return "这是15位的旧身份证号码，请填写18位公民身份号码"
    if len(number) != 18:
        return f"公民身份号码应为18位，现为{len(number)}位"
    if not _ID_SHAPE.fullmatch(number):
        return "公民身份号码前17位应为数字，最后一位为数字或X"
    if int(number[:2]) not in PROVINCE_CODES:
        return f"前两位“{number[:2]}”不是有效的省级行政区划代码"
    # The region code itself is not checked against the birth year on purpose: a number
    # issued after a district was created or renamed is still valid (stdnum would refuse it).
    birth = _birth_date(number)
    if birth is None:
        return f"第7—14位的出生日期“{number[6:14]}”不存在"
    if birth < EARLIEST_BIRTH:
        return f"出生日期 {birth.isoformat()} 早于1900年，请核对"
    if birth > (today or dt.date.today()):
        return f"出生日期 {birth.isoformat()} 晚于今天，请核对"
    if ric.calc_check_digit(number) != number[17]:
        return "最后一位校验码不对，请对照身份证逐位核对"
    return None


def _birth_date(number: str) -> dt.date | None:
    digits = number[6:14]
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))
    except ValueError:
        return None


def id_facts(id_number: str) -> tuple[dt.date, str]:
    """Birth date and sex (`male`/`female`) encoded in an ID number; ValueError when it has none."""
    number = normalise_id_number(id_number)
    birth = _birth_date(number) if _ID_SHAPE.fullmatch(number) else None
    if birth is None:
        raise ValueError("not an 18-character ID number with a real birth date")
    # The 17th character (the order code's last digit) is odd for men and even for women.
    sex = "male" if int(number[16]) % 2 else "female"
    return birth, sex


# --- mobile numbers -----------------------------------------------------------------


def normalise_phone(text: str | None) -> str:
    """`+86 138-0013-8000` / `0086 13800138000` → `13800138000`."""
    compact = re.sub(r"[\s\-]", "", _fold(text))
    return _PHONE_PREFIX.sub("", compact)


def phone_problem(text: str | None) -> str | None:
    """Why a mainland mobile number is not valid (Chinese), or None when it is."""
    number = normalise_phone(text)
    if not number:
        return "请填写手机号码"
    if not (number.isascii() and number.isdigit()):
        return "手机号码只能包含数字（可带 +86、空格或短横线）"
    if len(number) != 11:
        return f"手机号码应为11位，现为{len(number)}位"
    if not _MOBILE.fullmatch(number):
        return "手机号码应以13—19开头"
    return None


# --- 统一社会信用代码 (GB 32100-2015) ---------------------------------------------------


def normalise_uscc(text: str | None) -> str:
    """Full-width to ASCII, capitals, no spaces or dashes."""
    return re.sub(r"[\s\-]", "", _fold(text)).upper()


def uscc_problem(text: str | None) -> str | None:
    """Why a unified social credit code is not valid (Chinese), or None when it is."""
    code = normalise_uscc(text)
    if not code:
        return "请填写统一社会信用代码"
    if len(code) != 18:
        return f"统一社会信用代码应为18位，现为{len(code)}位"
    for char in code:
        if char not in USCC_ALPHABET:
            hint = f"（可能是“{_LOOKALIKES[char]}”）" if char in _LOOKALIKES else ""
            return f"统一社会信用代码中不能有字符“{char}”{hint}"
    if not code[2:8].isdigit():
        return "统一社会信用代码第3—8位应为登记管理机关的行政区划代码（6位数字）"
    if uscc.calc_check_digit(code[:17]) != code[17]:
        return "最后一位校验码不对，请对照营业执照逐位核对"
    return None
