"""Documents an application must carry: ATTACHMENT-REQUIRED, ENT-*, channel documents, ACH-EVIDENCE."""

from __future__ import annotations

from collections.abc import Iterator

from zcdesk.core.rules.catalog import Rule
from zcdesk.core.rules.context import Context, shorten
from zcdesk.core.rules.findings import Hit
from zcdesk.core.rules.kinds import kind
from zcdesk.core.vocab import ATTACHMENT_CATEGORIES


@kind("required-documents")
def required_documents(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（三）: the unit checks 学历、职称证书 and identity, so they must be in the package.
    needed = list(rule.params["always"])
    if ctx.app.education:
        needed.append(rule.params["education"])
    if not ctx.first_title:
        needed.append(rule.params["qualification"])
    for category in needed:
        if category not in ctx.categories:
            yield Hit(None, params={"document": ATTACHMENT_CATEGORIES[category]})


@kind("enterprise-document")
def enterprise_document(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（二）: 企业人员上传的社保参保证明和企业营业执照为必填项.
    if ctx.is_enterprise and rule.params["category"] not in ctx.categories:
        yield Hit(None)


@kind("enterprise-documents-not-needed")
def enterprise_documents_not_needed(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（二）: 事业单位人员和自由职业者不需上传.
    if ctx.is_enterprise:
        return
    uploaded = [ATTACHMENT_CATEGORIES[c] for c in rule.params["categories"] if c in ctx.categories]
    if uploaded:
        yield Hit(None, "uploaded", {"documents": "和".join(uploaded)})
    else:
        yield Hit(None)


@kind("channel-document")
def channel_document(ctx: Context, rule: Rule) -> Iterator[Hit]:
    if rule.params["category"] not in ctx.categories:
        yield Hit(None)


@kind("achievement-evidence")
def achievement_evidence(ctx: Context, rule: Rule) -> Iterator[Hit]:
    # 三（二）: 要有相关佐证材料 — any attachment the achievement lists, whatever its category.
    for index, achievement in enumerate(ctx.app.achievements):
        params = {"n": index + 1, "title": shorten(achievement.title)}
        path = f"achievements[{index}].attachments"
        if not achievement.attachments:
            yield Hit(path, "none", params)
        elif not any(item in ctx.attachment_ids for item in achievement.attachments):
            yield Hit(path, "unresolved", params)
