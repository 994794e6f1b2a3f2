"""Data the forms share: achievement bands, evidence pages, fee, 公示期, fingerprint caption."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from zcdesk.core.errors import UserError
from zcdesk.core.fingerprint import fingerprint, fingerprint_text
from zcdesk.core.policy import Channel, Policy
from zcdesk.core.snapshot import AchievementSnapshot, BundleSnapshot, EducationSnapshot, parse_date
from zcdesk.core.vocab import LEVELS, label
from zcdesk.core.workdays import nth_working_day
from zcdesk.forms.formatting import NONE

FOOTER_NOTE = "本表由离线填报工具生成，用于核对与单位公示；正式表以吉林省职称信息化申报系统生成为准"
SUMMARY_TITLE = "吉林省专业技术资格评审一览表"
PUBLICITY_TITLE = "吉林省专业技术资格评审公示表"
REPRESENTATIVE_MARK = "★"

# The sub-bands of 任现职以来主要业绩成果 (forms.md §8) and the achievement kinds each holds.
ACHIEVEMENT_BANDS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("（一）", "论文、著作", ("paper", "book")),
    ("（二）", "获奖", ("award",)),
    ("（三）", "项目、课题", ("project",)),
    ("（四）", "专利、标准", ("patent", "standard")),
    ("（五）", "其他", ("report", "other")),
)

# Channels 4–7 are the 二、三级岗位 评聘 and 考核 channels: post grade and start date print there.
POST_CHANNELS = frozenset({"post2-appoint", "post2-assess", "post3-appoint", "post3-assess"})

# FREELANCE-VERIFIER: who verifies a freelancer's documents (notice 三（三）).
FREELANCE_VERIFIERS = {"art": "省文联", "literature": "省作协", "fashion-design": "省文旅厅"}

_CHINESE_DIGITS = "〇一二三四五六七八九十"


@dataclass(frozen=True)
class AchievementGroup:
    number: str  # （一）
    name: str  # 论文、著作
    items: tuple[AchievementSnapshot, ...]


def achievement_groups(bundle: BundleSnapshot) -> list[AchievementGroup]:
    """The application's achievements by band, in band order, the user's order kept inside."""
    known = {kind for _, _, kinds in ACHIEVEMENT_BANDS for kind in kinds}
    groups = []
    for number, name, kinds in ACHIEVEMENT_BANDS:
        # A kind this version does not know (a later schema) goes to （五）其他 rather than vanishing.
        catch_all = kinds == ACHIEVEMENT_BANDS[-1][2]
        items = tuple(
            item
            for item in bundle.application.achievements
            if item.kind in kinds or (catch_all and item.kind not in known)
        )
        if items:
            groups.append(AchievementGroup(number, name, items))
    return groups


def achievement_title(item: AchievementSnapshot) -> str:
    """The title, ★ in front of a representative work."""
    title = item.title.strip() or NONE
    return f"{REPRESENTATIVE_MARK}{title}" if item.representative else title


def evidence_pages(bundle: BundleSnapshot, item: AchievementSnapshot) -> str:
    """佐证材料 as pages: a PDF counts its pages, an image one; 份 when a PDF's pages are unknown."""
    records = [bundle.attachment(attachment_id) for attachment_id in item.attachments]
    found = [record for record in records if record is not None]
    if not found:
        return NONE
    pages = 0
    for record in found:
        if record.pages is not None:
            pages += record.pages
        elif record.media_type in ("image/jpeg", "image/png"):
            pages += 1
        else:
            return f"{len(found)}份"
    return str(pages)


def fee_text(channel: Channel, initial_recognition: bool) -> str:
    """应缴 or 免缴: 二、三级岗位 channels and 初级认定 pay no fee (notice 三（五）)."""
    return "免缴" if not channel.fee or initial_recognition else "应缴"


def highest_education(bundle: BundleSnapshot) -> EducationSnapshot | None:
    education = bundle.application.education
    for item in education:
        if item.highest:
            return item
    return education[0] if education else None


def post_grade_text(grade: int | None) -> str:
    if grade is None:
        return NONE
    word = _CHINESE_DIGITS[grade] if 0 <= grade <= 10 else str(grade)
    return f"专业技术{word}级岗位"


def assessment_round(policy: Policy, channel_no: int, post_start: str | None) -> str | None:
    """第一轮 … 第四轮 for the assessment channels, from the ASSESS-ROUND rule's policy data."""
    from zcdesk.core.rules.catalog import load_catalog

    started = parse_date(post_start)
    if started is None:
        return None
    try:
        rule = load_catalog(policy.year).rule("ASSESS-ROUND")
    except (KeyError, UserError, FileNotFoundError):
        return None
    if not rule.applies_to(channel_no):
        return None
    for years, word in zip(rule.params.get("rounds", []), rule.params.get("round_words", []), strict=False):
        if started.year in years:
            return str(word)
    return None


def publicity_period(start: dt.date | str | None, policy: Policy) -> tuple[dt.date | None, dt.date | None]:
    """The 公示期: from the chosen start to its Nth working day (holidays and 调休 counted)."""
    day = parse_date(start) if isinstance(start, str) or start is None else start
    if day is None:
        return None, None
    return day, nth_working_day(day, policy.publicity_working_days)


def qr_caption(bundle: BundleSnapshot, channel: Channel) -> tuple[str, ...]:
    return (fingerprint(bundle), f"{bundle.application.applicant.name}·通道{channel.no}")


def qr_payload(bundle: BundleSnapshot) -> str:
    return fingerprint_text(bundle)


def target_title(bundle: BundleSnapshot) -> str:
    """申报资格名称: the title, or the level's name when no title was typed."""
    target = bundle.application.target
    return (target.title or "").strip() or label(LEVELS, target.level)
