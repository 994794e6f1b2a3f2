"""Jilin administrative divisions (GB/T 2260) and a resolver for licence authorities.

The 2025 notice, 五（二）单位注册, makes every enterprise bind the 行政区划 of the authority
that issued its business licence: "长春市市场监督管理局" → 长春市, "长春市绿园区市场监督管理局"
→ 绿园区 (rule UNIT-REGION). This module places such an authority name, or digits 3–8 of a
统一社会信用代码, on a division. Data: policy_data/jilin-regions.toml. Stdlib only.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_PATH = Path(__file__).parent / "policy_data" / "jilin-regions.toml"

PROVINCE, PREFECTURE, COUNTY = "province", "prefecture", "county"
PLACED, AMBIGUOUS, UNKNOWN = "placed", "ambiguous", "unknown"

# Characters that must not matter: whitespace, brackets (full- or half-width after NFKC), dashes.
_NOISE = re.compile("[\\s()\\[\\]{}<>【】\u3014\u3015〈〉《》「」『』\\-—–\u2015\u2010·・]")
# A place name ends in one of these; a short alias followed by one names another place
# ("朝阳市" is in Liaoning, not 长春市朝阳区).
_PLACE_ENDINGS = "省市州县区盟旗"
# Development-zone words: such a bureau does not tell which district the zone lies in.
_ZONE_WORDS = re.compile(
    r"开发区|高新区|新区|示范区|园区|经开区|汽开区|保税区|综保区|度假区|合作区|试验区|"
    r"食品区|产业园|工业园|管委会|管理委员会"
)
_USCC = re.compile(r"[0-9A-HJ-NPQRTUWXY]{2}(\d{6})[0-9A-HJ-NPQRTUWXY]{10}")


def normalize(text: str) -> str:
    """Fold full-width forms and drop spaces, brackets and dashes."""
    return _NOISE.sub("", unicodedata.normalize("NFKC", text or ""))


@dataclass(frozen=True)
class Region:
    name: str
    code: str | None  # None only for 长白山管委会, which is not a GB/T 2260 division
    level: str  # province | prefecture | county
    kind: str  # 省 地级市 自治州 管委会 市辖区 县 自治县 县级市
    parent_code: str | None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Zone:
    """A development zone: not a division, it only tells its city."""

    name: str
    city_code: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class AuthorityPlace:
    status: str  # placed | ambiguous | unknown
    region: Region | None
    candidates: tuple[Region, ...]
    reason: str


@dataclass(frozen=True, eq=False)
class Regions:
    regions: tuple[Region, ...]
    zones: tuple[Zone, ...]
    former: dict[str, str]  # abolished code -> successor code
    _codes: dict[str, Region]
    _names: dict[str, Region]
    _tokens: dict[str, tuple[Region | Zone, bool]]  # key -> (place, is short alias)
    _former_parents: dict[str, frozenset[str]]  # county code -> prefectures it was under
    _pattern: re.Pattern[str]

    def all(self) -> tuple[Region, ...]:
        return self.regions

    def by_name(self, name_or_alias: str) -> Region | None:
        return self._names.get(normalize(name_or_alias))

    def by_code(self, code6: str) -> Region | None:
        code = (code6 or "").strip()
        return self._codes.get(self.former.get(code, code))

    def parent(self, region: Region) -> Region | None:
        return self._codes.get(region.parent_code) if region.parent_code else None

    def children(self, region: Region) -> tuple[Region, ...]:
        if region.code is None:
            return ()
        return tuple(r for r in self.regions if r.parent_code == region.code)

    def _within(self, county: Region, city: Region) -> bool:
        # "四平市公主岭市…" on a pre-2020 licence is consistent: 公主岭 was under 四平 (220381).
        return county.parent_code == city.code or city.code in self._former_parents.get(county.code or "", frozenset())

    def _scan(self, text: str) -> tuple[list[Region], list[Zone], bool, str]:
        """Leftmost-longest place names in `text`; also whether a foreign place precedes
        one, and the text that is not a place name."""
        places: list[Region] = []
        zones: list[Zone] = []
        foreign, rest, end = False, [], 0
        for m in self._pattern.finditer(text):
            place, short = self._tokens[m.group()]
            after = text[m.end() : m.end() + 2]
            if short and after[:1] in tuple(_PLACE_ENDINGS) and after != "市场":
                continue  # "西安市", "朝阳市": another place that merely shares a short name
            gap = text[end : m.start()]
            foreign = foreign or (gap[-1:] != "" and gap[-1] in _PLACE_ENDINGS)
            rest.append(gap)
            end = m.end()
            if isinstance(place, Zone):
                zones.append(place)
            else:
                places.append(place)
        rest.append(text[end:])
        return places, zones, foreign, "".join(rest)


def _unique(items: Iterable[Region | None]) -> list[Region]:
    return [r for r in dict.fromkeys(items) if r is not None]


@cache
def load_regions() -> Regions:
    data = tomllib.loads(DATA_PATH.read_text(encoding="utf-8"))
    regions = tuple(
        Region(
            name=e["name"],
            code=e.get("code"),
            level=e["level"],
            kind=e["kind"],
            parent_code=e.get("parent"),
            aliases=tuple(e.get("aliases", ())),
        )
        for e in data["region"]
    )
    zones = tuple(Zone(e["name"], e["city"], tuple(e.get("aliases", ()))) for e in data["zone"])
    codes = {r.code: r for r in regions if r.code}
    former = {e["code"]: e["successor"] for e in data["former"] if e["code"] not in codes}
    names: dict[str, Region] = {}
    tokens: dict[str, tuple[Region | Zone, bool]] = {}
    places: tuple[Region | Zone, ...] = (*regions, *zones)
    for place in places:
        for i, key in enumerate(map(normalize, (place.name, *place.aliases))):
            if key in tokens:
                raise ValueError(f"jilin-regions.toml: duplicate name or alias {key!r}")
            tokens[key] = (place, i > 0 and not key.endswith(tuple(_PLACE_ENDINGS)))
            if isinstance(place, Region):
                names[key] = place
    former_parents: dict[str, set[str]] = {}
    for e in data["former"]:
        # Old names ("九台市工商行政管理局") still place; a current name always wins.
        successor = codes[e["successor"]]
        tokens.setdefault(normalize(e["name"]), (successor, False))
        former_parents.setdefault(e["successor"], set()).add(e["code"][:4] + "00")
    keys = sorted(tokens, key=len, reverse=True)  # re alternation is ordered: longest first
    return Regions(
        regions=regions,
        zones=zones,
        former=former,
        _codes=codes,
        _names=names,
        _tokens=tokens,
        _former_parents={k: frozenset(v) for k, v in former_parents.items()},
        _pattern=re.compile("|".join(map(re.escape, keys))),
    )


def _placed(region: Region, quoted: str) -> AuthorityPlace:
    return AuthorityPlace(PLACED, region, (), f"{quoted}所在的行政区划为“{region.name}”")


def resolve_authority(authority_name: str) -> AuthorityPlace:
    """Place a business-licence registration authority (notice 五（二）/（三）)."""
    regs = load_regions()
    quoted = f"“{(authority_name or '').strip()}”"
    places, zones, foreign, rest = regs._scan(normalize(authority_name))
    if foreign or not (places or zones):
        return AuthorityPlace(UNKNOWN, None, (), f"未能从{quoted}中识别出吉林省的行政区划，请手动选择")
    counties = _unique(p for p in places if p.level == COUNTY)
    cities = _unique([p for p in places if p.level == PREFECTURE] + [regs.by_code(z.city_code) for z in zones])
    if len(counties) > 1:
        return AuthorityPlace(
            AMBIGUOUS, None, tuple(counties), f"{quoted}中包含多个区县，请选择营业执照登记机关所在的区县"
        )
    if counties:
        # A named county wins, also over a development zone inside it ("延吉高新区" → 延吉市).
        county = counties[0]
        if all(regs._within(county, city) for city in cities):
            return _placed(county, quoted)
        return AuthorityPlace(AMBIGUOUS, None, (county, *cities), f"{quoted}中的区县与市（州）不一致，请核对后选择")
    if len(cities) > 1:
        return AuthorityPlace(
            AMBIGUOUS, None, tuple(cities), f"{quoted}中包含多个市（州），请选择营业执照登记机关所在地"
        )
    is_zone = bool(zones) or bool(_ZONE_WORDS.search(rest))
    if cities:
        city = cities[0]
        candidates = regs.children(city)
        if is_zone and candidates:
            # Don't guess the district of a development zone: the user chooses.
            return AuthorityPlace(AMBIGUOUS, None, candidates, f"{quoted}是开发区的登记机关，请选择其所在的区县")
        return _placed(city, quoted)
    if is_zone:
        return AuthorityPlace(UNKNOWN, None, (), f"{quoted}是开发区的登记机关，请选择其所在的行政区划")
    return _placed(places[0], quoted)  # only the province is named: 吉林省市场监督管理厅


def region_from_uscc(uscc: str) -> Region | None:
    """Digits 3–8 of a 统一社会信用代码 are the registering authority's GB/T 2260 code."""
    match = _USCC.fullmatch(normalize(uscc).upper())
    return load_regions().by_code(match.group(1)) if match else None


def same_place(bound_region_name: str, region: Region | None) -> bool:
    """Whether the bound 行政区划 (as the user wrote it) is exactly `region`: 长春市 ≠ 绿园区."""
    bound = load_regions().by_name(bound_region_name)
    return bound is not None and region is not None and bound == region


def is_grassroots(region: Region | None) -> bool:
    """GRASSROOTS-UNIT: county-level (县/县级市/市辖区/自治县) is 基层; city or province is not."""
    return region is not None and region.level == COUNTY
