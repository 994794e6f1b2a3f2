"""The schema's enumerated values and the Chinese words users see for them.

The English values are the bundle format's contract (bundle-v1.schema.json); the labels are
what forms, reports and windows print. Dicts keep the schema's order for choice lists.
"""

from __future__ import annotations

LEVELS = {
    "senior": "正高级",
    "vice-senior": "副高级",
    "intermediate": "中级",
    "assistant": "助理级",
    "junior": "员级",
    "none": "无",
}
# Order of levels from lowest to highest, for "one level up" questions.
LEVEL_RANK = {"none": 0, "junior": 1, "assistant": 2, "intermediate": 3, "vice-senior": 4, "senior": 5}

SEXES = {"male": "男", "female": "女"}

APPLICANT_STATUSES = {
    "in-service": "在编在岗在职",
    "civil-servant": "公务员",
    "civil-servant-managed": "参照公务员法管理人员",
    "management-post": "事业单位管理岗位人员",
    "retired": "退休人员",
    "not-employed": "未就业",
}

OFFLINE_ROUTES = {
    "none": "无",
    "aid-xinjiang-tibet": "援疆援藏支教",
    "green-channel": "绿色通道",
    "dual-title": "双职称",
    "dual-orientation": "双定向",
    "rural-revitalization": "乡村振兴人才",
}

EMPLOYER_KINDS = {
    "public-institution": "事业单位",
    "public-institution-nonstaff": "事业单位（编外）",
    "private-college": "民办高校",
    "school": "中小学（含幼儿园）",
    "enterprise": "企业",
    "private-enterprise": "民营企业",
    "none": "无（自由职业）",
}
ENTERPRISE_KINDS = frozenset({"enterprise", "private-enterprise"})

EVALUATION_MODES = {"review": "评审", "exam-and-review": "考评结合", "exam-only": "以考代评"}

ASSESSMENT_EXCEPTIONS = {
    "none": "无",
    "missed-2024-special": "2024年因特殊情况未参加考核",
    "basic-pass-2024": "2024年考核基本合格",
}

FREELANCE_FIELDS = {"none": "无", "art": "艺术创作", "literature": "文学创作", "fashion-design": "服装设计"}

TALENT_CLASSES = {"none": "无", "A": "A类", "B": "B类", "C": "C类", "D": "D类", "E": "E类"}

ASSESSMENT_RESULTS = {
    "excellent": "优秀",
    "competent": "合格",
    "basically-competent": "基本合格",
    "incompetent": "不合格",
    "not-assessed": "未参加",
}

ACHIEVEMENT_KINDS = {
    "paper": "论文",
    "book": "著作",
    "award": "获奖",
    "project": "项目、课题",
    "patent": "专利",
    "standard": "标准",
    "report": "报告",
    "other": "其他",
}

ATTACHMENT_CATEGORIES = {
    "photo": "证件照",
    "id-card": "身份证",
    "education-certificate": "学历证书",
    "degree-certificate": "学位证书",
    "qualification-certificate": "职称证书",
    "appointment-document": "聘任文件",
    "exam-certificate": "考试合格证书",
    "social-security": "社保参保证明",
    "business-license": "营业执照",
    "recommendation-report": "单位推荐报告",
    "achievement-evidence": "业绩佐证材料",
    "annual-assessment": "年度考核材料",
    "continuing-education": "继续教育证明",
    "skill-certificate": "技能等级证书",
    "transfer-document": "分流转业安置文件",
    "talent-classification": "人才类别认定文件",
    "other": "其他材料",
}

MEDIA_TYPES = {"application/pdf": "pdf", "image/jpeg": "jpg", "image/png": "png"}

REVIEW_STATUSES = {
    "draft": "草稿",
    "incomplete": "待补充",
    "checked": "校验通过",
    "printed": "已打印",
    "in-publicity": "公示中",
    "published": "已公示",
    "entered-online": "已录入系统",
    "returned": "已退回",
    "archived": "已归档",
}

SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示"}


def label(table: dict[str, str], value: str | None, empty: str = "无") -> str:
    """The Chinese word for a value; the value itself when unknown, `empty` when blank."""
    if value is None or value == "":
        return empty
    return table.get(value, value)
