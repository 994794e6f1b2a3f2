"""Tests for zcdesk.core.regions (notice 五（二）单位注册; rules UNIT-REGION, GRASSROOTS-UNIT)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from zcdesk.core.regions import (
    AMBIGUOUS,
    COUNTY,
    PLACED,
    PREFECTURE,
    PROVINCE,
    UNKNOWN,
    Region,
    is_grassroots,
    load_regions,
    region_from_uscc,
    resolve_authority,
    same_place,
)

REGIONS = load_regions()
CHANGCHUN_DISTRICTS = {
    "南关区",
    "宽城区",
    "朝阳区",
    "二道区",
    "绿园区",
    "双阳区",
    "九台区",
    "农安县",
    "榆树市",
    "德惠市",
    "公主岭市",
}


def region(name: str) -> Region:
    found = REGIONS.by_name(name)
    assert found is not None, name
    return found


def make_uscc(authority_code: str, body: str = "MA0000001") -> str:
    """A synthetic USCC (never a real company's): 9 = 工商, 1 = 企业, then the authority code."""
    from stdnum.cn import uscc

    first17 = "91" + authority_code + body
    number = first17 + uscc.calc_check_digit(first17)
    assert uscc.is_valid(number)
    return number


# ---------------------------------------------------------------- data

PREFECTURES = [
    ("长春市", "220100", "地级市"),
    ("吉林市", "220200", "地级市"),
    ("四平市", "220300", "地级市"),
    ("辽源市", "220400", "地级市"),
    ("通化市", "220500", "地级市"),
    ("白山市", "220600", "地级市"),
    ("松原市", "220700", "地级市"),
    ("白城市", "220800", "地级市"),
    ("延边朝鲜族自治州", "222400", "自治州"),
]


@pytest.mark.parametrize(("name", "code", "kind"), PREFECTURES)
def test_prefecture_units(name, code, kind):
    r = REGIONS.by_code(code)
    assert (r.name, r.level, r.kind, r.parent_code) == (name, PREFECTURE, kind, "220000")


def test_level_counts():
    levels = [r.level for r in REGIONS.all()]
    assert levels.count(PROVINCE) == 1
    # 9 GB/T 2260 prefecture-level units + 长白山管委会
    assert levels.count(PREFECTURE) == 10
    assert levels.count(COUNTY) == 60
    kinds = [r.kind for r in REGIONS.all() if r.level == COUNTY]
    assert (kinds.count("市辖区"), kinds.count("县级市"), kinds.count("县"), kinds.count("自治县")) == (21, 20, 16, 3)


def test_changbaishan_is_marked_non_standard():
    r = region("长白山")
    assert r.code is None and r.kind == "管委会" and r.level == PREFECTURE
    assert r.name == "长白山保护开发区管理委员会" and REGIONS.parent(r).code == "220000"
    assert not is_grassroots(r)


def test_every_county_has_an_existing_prefecture_parent():
    for r in REGIONS.all():
        if r.level == COUNTY:
            parent = REGIONS.parent(r)
            assert parent is not None and parent.level == PREFECTURE, r
            assert r.code[:4] == parent.code[:4], r  # GB/T 2260 nesting


def test_codes_unique_and_well_formed():
    codes = [r.code for r in REGIONS.all() if r.code is not None]
    assert len(codes) == len(set(codes))
    assert all(re.fullmatch(r"22\d{4}", c) for c in codes)


def test_names_and_aliases_unique():
    keys = [k for r in (*REGIONS.all(), *REGIONS.zones) for k in (r.name, *r.aliases)]
    assert len(keys) == len(set(keys))


@pytest.mark.parametrize(
    ("code", "name", "parent"),
    [
        ("220102", "南关区", "220100"),
        ("220103", "宽城区", "220100"),
        ("220104", "朝阳区", "220100"),
        ("220105", "二道区", "220100"),
        ("220106", "绿园区", "220100"),
        ("220112", "双阳区", "220100"),
        ("220113", "九台区", "220100"),
        ("220122", "农安县", "220100"),
        ("220182", "榆树市", "220100"),
        ("220183", "德惠市", "220100"),
        ("220184", "公主岭市", "220100"),
        ("220581", "梅河口市", "220500"),
        ("220721", "前郭尔罗斯蒙古族自治县", "220700"),
        ("222401", "延吉市", "222400"),
    ],
)
def test_county_codes(code, name, parent):
    r = REGIONS.by_code(code)
    assert (r.name, r.level, r.parent_code) == (name, COUNTY, parent)


def _stdnum_current_jilin() -> dict[str, str]:
    """Jilin codes that python-stdnum's loc.dat marks as still in use ("[YYYY-]" or undated)."""
    import stdnum

    text = (Path(stdnum.__file__).parent / "cn" / "loc.dat").read_text(encoding="utf-8")
    block = text.split('\n22 province="吉林省"\n')[1].split("\n23 ")[0]
    current = {}
    for number, value in re.findall(r'^  (\d{4}) county="(.*)"$', block, re.M):
        last = value.split(",")[-1]
        m = re.fullmatch(r"(?:\[(\d{4})?-(\d{4})?\])?(.+)", last)
        if m.group(2) is None:
            current["22" + number] = m.group(3)
    return current


def test_cross_check_with_stdnum_loc_dat():
    ours = {r.code: r.name for r in REGIONS.all() if r.code}
    theirs = {c: n for c, n in _stdnum_current_jilin().items() if n != "市辖区"}
    assert ours == theirs


# ---------------------------------------------------------------- lookups


@pytest.mark.parametrize(
    ("alias", "name"),
    [
        ("长春", "长春市"),
        ("延边", "延边朝鲜族自治州"),
        ("延边州", "延边朝鲜族自治州"),
        ("梅河口", "梅河口市"),
        ("前郭", "前郭尔罗斯蒙古族自治县"),
        ("长白山", "长白山保护开发区管理委员会"),
        ("长白", "长白朝鲜族自治县"),
        ("绿园区", "绿园区"),
        (" 绿 园 区 ", "绿园区"),
        ("吉林省", "吉林省"),
    ],
)
def test_by_name(alias, name):
    assert region(alias).name == name


@pytest.mark.parametrize("name", ["吉林", "北京市", "", "九台市", "净月"])
def test_by_name_unknown(name):
    # "吉林" is both 吉林省 and 吉林市; former names and development zones are not divisions.
    assert REGIONS.by_name(name) is None


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("220181", "九台区"),
        ("220381", "公主岭市"),
        ("220724", "扶余市"),
        ("220625", "江源区"),
        ("229002", "梅河口市"),
        ("222301", "洮北区"),
        ("222421", "龙井市"),
    ],
)
def test_historic_codes_resolve_to_successor(old, new):
    assert REGIONS.by_code(old).name == new
    assert region_from_uscc(make_uscc(old)).name == new


@pytest.mark.parametrize("code", ["220101", "220111", "110105", "222100", "", "2201"])
def test_by_code_unknown(code):
    assert REGIONS.by_code(code) is None


def test_parent():
    assert REGIONS.parent(region("绿园区")).name == "长春市"
    assert REGIONS.parent(region("长春市")).name == "吉林省"
    assert REGIONS.parent(region("吉林省")) is None


# ---------------------------------------------------------------- authorities


@pytest.mark.parametrize(
    ("authority", "name", "level"),
    [
        ("长春市市场监督管理局", "长春市", PREFECTURE),
        ("长春市绿园区市场监督管理局", "绿园区", COUNTY),
        ("长春市市场监督管理局绿园分局", "绿园区", COUNTY),
        ("吉林省市场监督管理厅", "吉林省", PROVINCE),
        ("农安县市场监督管理局", "农安县", COUNTY),
        ("延边州市场监督管理局", "延边朝鲜族自治州", PREFECTURE),
        ("延边朝鲜族自治州市场监督管理局", "延边朝鲜族自治州", PREFECTURE),
        ("榆树市市场监督管理局", "榆树市", COUNTY),
        ("长春市绿园区工商行政管理局", "绿园区", COUNTY),
        ("长春市朝阳区工商局", "朝阳区", COUNTY),
        ("吉林市船营区市场和质量监督管理局", "船营区", COUNTY),
        ("松原市宁江区行政审批局", "宁江区", COUNTY),
        ("吉林省工商行政管理局", "吉林省", PROVINCE),
        ("吉林市市场监督管理局", "吉林市", PREFECTURE),
        ("通化市市场监督管理局", "通化市", PREFECTURE),
        ("通化县市场监督管理局", "通化县", COUNTY),
        ("通化市市场监督管理局二道江分局", "二道江区", COUNTY),
        ("长春市市场监督管理局二道分局", "二道区", COUNTY),
        ("梅河口市市场监督管理局", "梅河口市", COUNTY),
        ("长白山管委会市场监督管理局", "长白山保护开发区管理委员会", PREFECTURE),
        ("长白山保护开发区管理委员会市场监督管理局", "长白山保护开发区管理委员会", PREFECTURE),
        ("前郭县市场监督管理局", "前郭尔罗斯蒙古族自治县", COUNTY),
        ("长白朝鲜族自治县市场监督管理局", "长白朝鲜族自治县", COUNTY),
        ("延边市场监督管理局", "延边朝鲜族自治州", PREFECTURE),  # short name followed by 市场
        ("九台市工商行政管理局", "九台区", COUNTY),  # former names on old licences
        ("八道江区工商局", "浑江区", COUNTY),
        ("扶余县工商行政管理局", "扶余市", COUNTY),
        ("四平市公主岭市工商行政管理局", "公主岭市", COUNTY),
        ("吉林省长春市南关区市场监督管理局", "南关区", COUNTY),
        # a district alone, unique within Jilin
        ("朝阳区市场监督管理局", "朝阳区", COUNTY),
        ("南关区市场监督管理局", "南关区", COUNTY),
        ("船营区市场监督管理局", "船营区", COUNTY),
        ("昌邑区市场监督管理局", "昌邑区", COUNTY),
        ("龙潭区市场监督管理局", "龙潭区", COUNTY),
        ("丰满区市场监督管理局", "丰满区", COUNTY),
        ("铁西区市场监督管理局", "铁西区", COUNTY),
        ("铁东区市场监督管理局", "铁东区", COUNTY),
        ("龙山区市场监督管理局", "龙山区", COUNTY),
        ("西安区市场监督管理局", "西安区", COUNTY),
        ("东昌区市场监督管理局", "东昌区", COUNTY),
        ("二道江区市场监督管理局", "二道江区", COUNTY),
        ("浑江区市场监督管理局", "浑江区", COUNTY),
        ("江源区市场监督管理局", "江源区", COUNTY),
        ("宁江区市场监督管理局", "宁江区", COUNTY),
        ("洮北区市场监督管理局", "洮北区", COUNTY),
        # a development zone inside a named county-level division places there
        ("延吉市市场监督管理局高新区分局", "延吉市", COUNTY),
        # width, brackets and spaces do not matter
        ("长春市 绿园区 市场监督管理局", "绿园区", COUNTY),
        ("长春市市场监督管理局（绿园分局）", "绿园区", COUNTY),
        ("长春市市场监督管理局(绿园分局)", "绿园区", COUNTY),
        ("\u3000吉林省市场监督管理厅\u3000", "吉林省", PROVINCE),
    ],
)
def test_resolve_authority_placed(authority, name, level):
    place = resolve_authority(authority)
    assert place.status == PLACED, place
    assert (place.region.name, place.region.level) == (name, level)
    assert place.candidates == ()
    assert name in place.reason


@pytest.mark.parametrize(
    ("authority", "city"),
    [
        ("长春新区市场监督管理局", "长春市"),
        ("长春净月高新技术产业开发区市场监督管理局", "长春市"),
        ("长春经济技术开发区市场监督管理局", "长春市"),
        ("长春高新技术产业开发区市场监督管理局", "长春市"),
        ("长春汽车经济技术开发区市场监督管理局", "长春市"),
        ("中韩（长春）国际合作示范区市场监督管理局", "长春市"),
        ("中韩(长春)国际合作示范区市场监督管理局", "长春市"),
        ("长春市市场监督管理局净月高新技术产业开发区分局", "长春市"),
        ("净月高新区工商局", "长春市"),
        ("汽开区市场监督管理局", "长春市"),
        ("吉林高新区市场监督管理局", "吉林市"),
        ("吉林经济技术开发区市场监督管理局", "吉林市"),
        ("中国-新加坡吉林食品区市场监督管理局", "吉林市"),
        ("延边高新区市场监督管理局", "延边朝鲜族自治州"),
        ("四平红嘴经济技术开发区市场监督管理局", "四平市"),
        ("松原经济技术开发区市场监督管理局", "松原市"),
        ("辽源市工业园区市场监督管理局", "辽源市"),
    ],
)
def test_development_zones_are_ambiguous(authority, city):
    place = resolve_authority(authority)
    assert place.status == AMBIGUOUS and place.region is None
    assert place.candidates == REGIONS.children(region(city))
    assert all(c.level == COUNTY for c in place.candidates)
    assert "开发区" in place.reason and "请选择其所在的区县" in place.reason


def test_changchun_new_area_reason_and_candidates():
    place = resolve_authority("长春新区市场监督管理局")
    assert place.reason == "“长春新区市场监督管理局”是开发区的登记机关，请选择其所在的区县"
    assert {c.name for c in place.candidates} == CHANGCHUN_DISTRICTS


@pytest.mark.parametrize(
    "authority",
    [
        "",
        "   ",
        "某某科技有限公司",
        "市场监督管理局",
        "国家市场监督管理总局",
        "北京市朝阳区市场监督管理局",
        "辽宁省朝阳市市场监督管理局",
        "朝阳市市场监督管理局",
        "陕西省西安市市场监督管理局",
        "沈阳市铁西区市场监督管理局",
        "聊城市东昌府区市场监督管理局",
        "吉林省某某开发区管委会",
    ],
)
def test_resolve_authority_unknown(authority):
    place = resolve_authority(authority)
    assert place.status == UNKNOWN and place.region is None and place.candidates == ()
    assert place.reason


def test_inconsistent_city_and_district_is_ambiguous():
    place = resolve_authority("四平市绿园区市场监督管理局")
    assert place.status == AMBIGUOUS
    assert {c.name for c in place.candidates} == {"绿园区", "四平市"}


# ---------------------------------------------------------------- USCC, same_place, grassroots


@pytest.mark.parametrize(
    ("code", "name", "level"),
    [
        ("220000", "吉林省", PROVINCE),
        ("220100", "长春市", PREFECTURE),
        ("220106", "绿园区", COUNTY),
        ("222400", "延边朝鲜族自治州", PREFECTURE),
        ("220581", "梅河口市", COUNTY),
        ("222426", "安图县", COUNTY),
    ],
)
def test_region_from_uscc(code, name, level):
    r = region_from_uscc(make_uscc(code))
    assert (r.name, r.level) == (name, level)


def test_region_from_uscc_is_lenient_about_spacing_and_case():
    number = make_uscc("220106")
    assert region_from_uscc(" " + number.lower() + " ").name == "绿园区"


@pytest.mark.parametrize(
    "number",
    [
        "",
        "220106",
        "91220106MA000000",  # too short
        make_uscc("110105"),  # another province
        make_uscc("220101"),  # 市辖区 placeholder, not a division
        make_uscc("220171"),  # development-zone statistical code, not GB/T 2260
        "91ABCDEFMA0000001X",  # digits 3–8 not digits
    ],
)
def test_region_from_uscc_unknown(number):
    assert region_from_uscc(number) is None


@pytest.mark.parametrize(
    ("bound", "name", "expected"),
    [
        ("长春市", "长春市", True),
        ("长春", "长春市", True),
        ("绿园区", "绿园区", True),
        ("绿园", "绿园区", True),
        ("长春市", "绿园区", False),
        ("绿园区", "长春市", False),
        ("延边", "延边朝鲜族自治州", True),
        ("吉林", "吉林市", False),
        ("", "长春市", False),
        ("梅河口", "通化市", False),
    ],
)
def test_same_place(bound, name, expected):
    assert same_place(bound, region(name)) is expected


def test_same_place_with_resolved_authority():
    assert same_place("绿园区", resolve_authority("长春市市场监督管理局绿园分局").region)
    assert not same_place("长春市", resolve_authority("长春市绿园区市场监督管理局").region)
    assert not same_place("长春市", None)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("农安县", True),
        ("榆树市", True),
        ("绿园区", True),
        ("伊通满族自治县", True),
        ("梅河口市", True),
        ("长春市", False),
        ("延边朝鲜族自治州", False),
        ("吉林省", False),
        ("长白山", False),
    ],
)
def test_is_grassroots(name, expected):
    assert is_grassroots(region(name)) is expected


def test_is_grassroots_none():
    assert is_grassroots(None) is False
