"""manifest.json <-> BundleSnapshot: schema check with Chinese messages, and a lossless mapping.

The mapping is generic over the snapshot dataclasses, whose fields mirror the schema: a field
equal to its default is left out on writing (the spec allows it), everything else is kept.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from functools import cache
from pathlib import Path
from typing import Any

from zcdesk.core.errors import UnreadableInput
from zcdesk.core.snapshot import BundleSnapshot

SCHEMA_PATH = Path(__file__).parent / "schema" / "bundle-v1.schema.json"
FORMAT = "zcdesk-bundle"
FORMAT_VERSION = 1
# Top-level keys in the order a person reading manifest.json expects them.
_TOP_ORDER = ("format", "format_version", "app_version", "created_at", "policy_year", "draft")


@cache
def schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


@cache
def _validator() -> Any:
    # Imported here: jsonschema costs ~0.1 s at start-up and only manifests need it.
    import jsonschema

    return jsonschema.Draft202012Validator(schema())


def json_path(parts: typing.Iterable[object]) -> str:
    """`application.achievements[1].date` from a jsonschema path deque."""
    text = ""
    for part in parts:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "（根）"


_TYPE_WORDS = {
    "object": "对象",
    "array": "列表",
    "string": "文字",
    "integer": "整数",
    "number": "数字",
    "boolean": "是/否（true/false）",
}


def _describe(error: Any) -> str:
    where = json_path(error.absolute_path)
    kind = error.validator
    if kind == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"{where} 缺少必填项“{missing}”"
    if kind == "type":
        expected = error.validator_value
        names = [expected] if isinstance(expected, str) else list(expected)
        words = "或".join(_TYPE_WORDS.get(n, n) for n in names)
        return f"{where} 的类型不对：应为{words}"
    if kind == "enum":
        allowed = "、".join(str(v) for v in error.validator_value)
        return f"{where} 的值“{error.instance}”不在允许的取值中（{allowed}）"
    if kind == "const":
        return f"{where} 的值应为“{error.validator_value}”，而不是“{error.instance}”"
    if kind == "pattern":
        if "\\d{4}" in str(error.validator_value):
            return f"{where} 的日期“{error.instance}”格式不对：应为 YYYY-MM-DD"
        if "a-f" in str(error.validator_value):
            return f"{where} 的 SHA-256 “{error.instance}”格式不对：应为 64 位小写十六进制"
        return f"{where} 的值“{error.instance}”格式不对"
    if kind in ("minimum", "maximum"):
        bound = "不小于" if kind == "minimum" else "不大于"
        return f"{where} 的值 {error.instance} 应{bound} {error.validator_value}"
    return f"{where} 不符合申报包格式：{error.message}"


def check_manifest(data: object) -> None:
    """Raise UnreadableInput naming the first problem (format, version, then the schema)."""
    if not isinstance(data, dict):
        raise UnreadableInput("manifest.json 的内容应为一个 JSON 对象")
    if data.get("format") != FORMAT:
        raise UnreadableInput(f"这不是 zcdesk 申报包：manifest.json 的 format 应为“{FORMAT}”")
    version = data.get("format_version")
    if version != FORMAT_VERSION:
        raise UnreadableInput(f"不支持的申报包格式版本“{version}”：本程序只能读取版本 {FORMAT_VERSION}，请升级本程序")
    errors = sorted(_validator().iter_errors(data), key=lambda e: list(map(str, e.absolute_path)))
    if errors:
        first = _describe(errors[0])
        more = f"（另有 {len(errors) - 1} 处问题）" if len(errors) > 1 else ""
        raise UnreadableInput(f"申报包格式错误：{first}{more}")


def parse_manifest_bytes(raw: bytes) -> BundleSnapshot:
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UnreadableInput(f"manifest.json 不是 UTF-8 编码（第 {error.start + 1} 字节）") from None
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise UnreadableInput(
            f"manifest.json 不是有效的 JSON：第 {error.lineno} 行第 {error.colno} 列附近有错误"
        ) from None
    return manifest_to_snapshot(data)


def manifest_to_snapshot(data: object) -> BundleSnapshot:
    check_manifest(data)
    assert isinstance(data, dict)
    return _from_dict(BundleSnapshot, data)  # type: ignore[no-any-return]


def snapshot_to_manifest(bundle: BundleSnapshot) -> dict[str, Any]:
    body = _to_dict(bundle)
    # Required by the schema even though the snapshot gives them defaults.
    body["format"], body["format_version"] = bundle.format, bundle.format_version
    ordered = {key: body.pop(key) for key in _TOP_ORDER if key in body}
    ordered.update(body)
    return ordered


def dump_manifest(bundle: BundleSnapshot) -> bytes:
    """manifest.json bytes: UTF-8, characters as they are, stable key order."""
    text = json.dumps(snapshot_to_manifest(bundle), ensure_ascii=False, indent=2)
    return (text + "\n").encode("utf-8")


# --- the generic dataclass <-> dict mapping ---------------------------------------------


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _strip_optional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0] if len(args) == 1 else hint
    return hint


def _from_value(hint: Any, value: Any) -> Any:
    hint = _strip_optional(hint)
    if value is None:
        return None
    if dataclasses.is_dataclass(hint):
        return _from_dict(hint, value)  # type: ignore[arg-type]
    if typing.get_origin(hint) is tuple:
        inner = typing.get_args(hint)[0]
        return tuple(_from_value(inner, item) for item in value)
    return value


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    hints = _hints(cls)
    kwargs = {}
    for field in dataclasses.fields(cls):
        if field.name in data:
            kwargs[field.name] = _from_value(hints[field.name], data[field.name])
    return cls(**kwargs)


def _to_value(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _to_dict(value)
    if isinstance(value, tuple):
        return [_to_value(item) for item in value]
    return value


def _to_dict(obj: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for field in dataclasses.fields(obj):
        value = getattr(obj, field.name)
        has_default = field.default is not dataclasses.MISSING
        if has_default and value == field.default and type(value) is type(field.default):
            continue
        out[field.name] = _to_value(value)
    return out
