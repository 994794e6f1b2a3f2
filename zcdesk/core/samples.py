"""Synthetic sample applications for tests, previews and benchmarks.

Nothing here belongs to a real person: ID numbers and credit codes are built from made-up
sequence numbers with correct check characters (python-stdnum computes them), and the
attachment files are tiny real PDFs and PNGs made on the spot.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import struct
import zlib
from dataclasses import dataclass, replace
from pathlib import Path

from stdnum.cn import ric, uscc

from zcdesk.core.snapshot import (
    AchievementSnapshot,
    ApplicantSnapshot,
    ApplicationSnapshot,
    AssessmentSnapshot,
    AttachmentSnapshot,
    BundleSnapshot,
    EducationSnapshot,
    EmployerSnapshot,
    QualificationSnapshot,
    TargetSnapshot,
    TrainingSnapshot,
    UnitReviewSnapshot,
    WorkSnapshot,
)


def make_id_number(
    region: str = "220106", birth: dt.date = dt.date(1986, 3, 15), seq: int = 12, sex: str = "male"
) -> str:
    """A GB 11643 number with a correct check character; the sex digit follows `sex`."""
    order = seq * 10 % 1000 + (1 if sex == "male" else 0)
    if (order % 2 == 1) != (sex == "male"):
        order += 1
    body = f"{region}{birth:%Y%m%d}{order % 1000:03d}"
    # stdnum's calc_check_digit ignores the last character it is given (the check place).
    return body + ric.calc_check_digit(body + "0")


def make_uscc(region: str = "220106", org: str = "MA0000012") -> str:
    """A GB 32100 code (registration dept 9, enterprise 1) with a correct check character."""
    body = f"91{region}{org}"
    return body + uscc.calc_check_digit(body)


def tiny_pdf(text: str = "zcdesk sample", pages: int = 1) -> bytes:
    """A minimal, valid, unencrypted PDF with `pages` pages."""
    objects: list[bytes] = []
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(pages))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {pages} >>".encode())
    font_no = 3 + 2 * pages
    for i in range(pages):
        stream = f"BT /F1 24 Tf 72 720 Td ({text} {i + 1}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font_no} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def tiny_png(width: int = 8, height: int = 8, rgb: tuple[int, int, int] = (200, 210, 230)) -> bytes:
    """A valid RGB PNG of one colour, made without Pillow."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + bytes(rgb) * width
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


class SampleFiles:
    """Attachment records and their bytes, built together so sizes and hashes agree."""

    def __init__(self) -> None:
        self.records: list[AttachmentSnapshot] = []
        self.files: dict[str, bytes] = {}

    def add(self, category: str, title: str, data: bytes | None = None, media_type: str = "application/pdf") -> str:
        number = len(self.records) + 1
        attachment_id = f"a{number}"
        data = data if data is not None else tiny_pdf(f"{category} {number}")
        ext = {"application/pdf": "pdf", "image/png": "png", "image/jpeg": "jpg"}[media_type]
        path = f"attachments/{number:02d}_{title}.{ext}"
        self.files[path] = data
        self.records.append(
            AttachmentSnapshot(
                id=attachment_id,
                category=category,
                file=path,
                sha256=hashlib.sha256(data).hexdigest(),
                size=len(data),
                title=title,
                original_name=f"{title}.{ext}",
                media_type=media_type,
                pages=1 if media_type == "application/pdf" else None,
            )
        )
        return attachment_id


ACHIEVEMENT_KINDS = ("paper", "award", "project", "patent", "book", "standard", "report", "other")


def sample_achievements(
    count: int, files: SampleFiles, start: dt.date = dt.date(2020, 1, 10)
) -> tuple[AchievementSnapshot, ...]:
    items = []
    for index in range(count):
        kind = ACHIEVEMENT_KINDS[index % len(ACHIEVEMENT_KINDS)]
        when = start + dt.timedelta(days=(index * 37) % 1700)
        title = f"基于微服务架构的政务数据共享平台设计与实现（第{index + 1}项）"
        evidence = files.add("achievement-evidence", f"业绩{index + 1}佐证")
        items.append(
            AchievementSnapshot(
                kind=kind,
                title=title,
                date=when.isoformat(),
                role="第一作者" if index % 3 == 0 else f"{index % 5 + 1}/5",
                venue="《计算机工程与应用》" if kind == "paper" else "吉林省科学技术厅",
                identifier=f"ZC-{2020 + index % 5}-{index:04d}",
                grade="省级" if index % 2 else "中文核心期刊",
                representative=index < 2,
                attachments=(evidence,),
            )
        )
    return tuple(items)


@dataclass(frozen=True)
class Sample:
    """A sample bundle with the bytes of its attachments, keyed by path inside the bundle."""

    bundle: BundleSnapshot
    files: dict[str, bytes]

    def write_folder(self, folder: Path) -> Path:
        """Lay the bundle out as an unpacked folder (manifest.json + attachments/)."""
        from zcdesk.core.manifest import dump_manifest

        folder.mkdir(parents=True, exist_ok=True)
        for name, data in self.files.items():
            target = folder / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        (folder / "manifest.json").write_bytes(dump_manifest(self.bundle))
        return folder


ENTERPRISE_DOCS = ("social-security", "business-license")


def make_sample(
    channel: str = "enterprise", achievements: int = 5, name: str = "张喆", policy_year: int = 2025
) -> Sample:
    """A complete, valid application of the given channel (2025 rules), with its files."""
    files = SampleFiles()
    files.add("photo", "证件照", tiny_png(), "image/png")
    files.add("id-card", "身份证")
    edu = files.add("education-certificate", "硕士学历证书")
    files.add("qualification-certificate", "工程师资格证书")
    application = ApplicationSnapshot(
        channel=channel,
        applicant=ApplicantSnapshot(
            name=name,
            id_number=make_id_number(),
            sex="male",
            birth_date="1986-03-15",
            phone="13800138000",
            status="in-service",
            ethnicity="汉族",
            political_status="中共党员",
            work_start_date="2009-07-01",
        ),
        employer=EmployerSnapshot(
            kind="private-enterprise",
            name="长春市某某科技有限公司",
            uscc=make_uscc(),
            region="绿园区",
            license_authority="长春市绿园区市场监督管理局",
        ),
        target=TargetSnapshot(series="工程", level="vice-senior", specialty="计算机软件", title="高级工程师"),
        current_qualification=QualificationSnapshot(
            series="工程",
            specialty="计算机软件",
            title="工程师",
            level="intermediate",
            obtained_date="2019-09-20",
            approving_body="长春市人力资源和社会保障局",
            certificate_no="JLGC2019000123",
            appointed_date="2019-10-01",
        ),
        education=(
            EducationSnapshot(
                school="吉林大学",
                level="硕士研究生",
                start_date="2013-09-01",
                end_date="2016-06-30",
                major="软件工程",
                degree="工程硕士",
                full_time=False,
                highest=True,
                attachments=(edu,),
            ),
            EducationSnapshot(
                school="长春工业大学",
                level="大学本科",
                start_date="2005-09-01",
                end_date="2009-06-30",
                major="计算机科学与技术",
                degree="工学学士",
                full_time=True,
                highest=False,
            ),
        ),
        work_history=(
            WorkSnapshot(
                start_date="2009-07-01", end_date="2013-06-30", employer="长春市某某软件有限公司", position="软件工程师"
            ),
            WorkSnapshot(start_date="2013-07-01", employer="长春市某某科技有限公司", position="研发部副经理"),
        ),
        annual_assessments=tuple(
            AssessmentSnapshot(year=year, result="excellent" if year % 2 else "competent") for year in range(2020, 2025)
        ),
        continuing_education=tuple(
            TrainingSnapshot(
                year=year,
                hours=90 + 2 * (year - 2020),
                content="专业科目与公需科目",
                organizer="吉林省专业技术人员继续教育基地",
            )
            for year in range(2020, 2025)
        ),
        achievements=sample_achievements(achievements, files),
        unit_review=UnitReviewSnapshot(
            reviewers=("王某某", "李某某", "赵某某"),
            supervisor="孙某某",
            review_date="2025-01-15",
            publicity_start="2025-01-16",
            publicity_end="2025-01-22",
            objection_contact="长春市某某科技有限公司人力资源部 0431-81234567",
            status="checked",
        ),
    )
    application = _adjust_for_channel(application, files)
    bundle = BundleSnapshot(
        policy_year=policy_year, application=application, attachments=tuple(files.records), app_version="sample"
    )
    return Sample(bundle, files.files)


_INSTITUTION = EmployerSnapshot(
    kind="public-institution",
    name="吉林省某某研究院",
    region="吉林省",
    supervisor="吉林省科学技术厅",
)
_SCHOOL = EmployerSnapshot(kind="school", name="长春市某某中学", region="朝阳区", supervisor="长春市朝阳区教育局")
_COUNTY = EmployerSnapshot(
    kind="public-institution", name="农安县某某医院", region="农安县", supervisor="农安县卫生健康局"
)


def _with_check(employer: EmployerSnapshot, region: str, org: str) -> EmployerSnapshot:
    body = f"12{region}{org}"
    return replace(employer, uscc=body + uscc.calc_check_digit(body))


def _current(application: ApplicationSnapshot) -> QualificationSnapshot:
    """The enterprise sample's current qualification, which every channel but 14 keeps."""
    assert application.current_qualification is not None
    return application.current_qualification


def _senior(application: ApplicationSnapshot, series: str, title: str) -> ApplicationSnapshot:
    qualification = replace(
        _current(application),
        series=series,
        specialty=None,
        title=title,
        level="senior",
        obtained_date="2012-12-20",
        appointed_date="2013-01-01",
    )
    target = TargetSnapshot(series=series, level="senior", title=title)
    return replace(application, current_qualification=qualification, target=target)


def _adjust_for_channel(application: ApplicationSnapshot, files: SampleFiles) -> ApplicationSnapshot:
    """Change the enterprise sample into a valid application of another channel."""
    channel = application.channel
    institution = _with_check(_INSTITUTION, "220000", "MB0000034")
    if channel in ("enterprise", "private-manager", "dual-track"):
        for category in ENTERPRISE_DOCS:
            files.add(
                category, {"social-security": "吉林省近一年社保参保证明", "business-license": "企业营业执照"}[category]
            )
    if channel in ("public-institution", "civil-transfer", "military-transfer", "talent-policy-3"):
        application = replace(application, employer=institution)
    if channel == "freelancer":
        application = replace(
            application, employer=EmployerSnapshot(kind="none"), work_history=application.work_history[:1]
        )
    if channel in ("post2-appoint", "post2-assess", "post3-appoint", "post3-assess"):
        application = _senior(replace(application, employer=institution), "工程", "正高级工程师")
        grade = 2 if channel.startswith("post2") else 3
        start = {"post2-assess": "2021-06-01", "post3-assess": "2017-06-01"}.get(channel)
        if start:
            qualification = replace(_current(application), post_grade=grade, post_start_date=start)
            application = replace(application, current_qualification=qualification)
    if channel in ("post2-appoint", "talent-policy-3"):
        files.add("recommendation-report", "本单位推荐报告")
    if channel == "talent-policy-3":
        application = replace(application, target=replace(application.target, talent_class="B"))
        files.add("talent-classification", "人才类别认定文件")
    if channel in ("civil-transfer", "military-transfer"):
        files.add("transfer-document", "安置文件")
    if channel in ("school-senior", "school-teacher"):
        school = _with_check(_SCHOOL, "220104", "MB0000056")
        senior = channel == "school-senior"
        qualification = replace(
            _current(application),
            series="中小学教师",
            specialty="数学",
            title="高级教师" if senior else "一级教师",
            level="vice-senior" if senior else "intermediate",
            obtained_date="2015-12-20" if senior else "2018-12-20",
            appointed_date="2016-01-01" if senior else "2019-01-01",
        )
        target = TargetSnapshot(
            series="中小学教师",
            specialty="数学",
            level="senior" if senior else "vice-senior",
            title="正高级教师" if senior else "高级教师",
        )
        application = replace(application, employer=school, current_qualification=qualification, target=target)
    if channel == "dual-track":
        files.add("skill-certificate", "高级技师证书")
        application = replace(
            application,
            current_qualification=None,
            target=TargetSnapshot(series="工程", level="intermediate", specialty="机械制造", title="工程师"),
        )
    if channel in ("county-3010", "grassroots-postgrad"):
        application = replace(application, employer=_with_check(_COUNTY, "220122", "MB0000078"))
    return application
