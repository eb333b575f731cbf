"""Accept-Language on reads: each text narrowed to the client's language, authentic text kept, none converted
unmarked; without the header (or with a malformed one) the answer is the one every client gets today."""

from __future__ import annotations

import pytest

from domain.party import Party
from service.seed import ZZJ, agreement_id_for

MO_GOV = f"/parties/{Party.id_for('MO-GOV')}"
MO_NAMES = {"en": {"text": "Government of the Macao SAR", "kind": "unofficial"},
            "pt": {"text": "Governo da Região Administrativa Especial de Macau", "kind": "unofficial"},
            "zh-Hant": {"text": "澳門特別行政區政府", "kind": "official"}}
SIMPLIFIED = {"text": "为人民服务的网络软件平台", "kind": "authentic"}
PLATFORM = {"text": "Platform", "kind": "unofficial"}
ZZJ_EN = "Zhuhai-Zhongshan-Jiangmen 2025 Human Resources and Social Security Cooperation Agreement"


async def get(api, path: str, language: str | None = None):
    headers = {**api.auth("admin"), **({"Accept-Language": language} if language is not None else {})}
    answer = await api.client.get(path, headers=headers)
    assert answer.status_code == 200, answer.text
    return answer


@pytest.fixture
async def simplified_only(api) -> str:
    """A party named authentically in Simplified Chinese, with an unofficial English name."""
    made = await api.client.post("/parties", headers=api.auth("admin"), json={
        "code": "LANG-TEST", "names": {"zh-Hans": SIMPLIFIED, "en": PLATFORM}})
    assert made.status_code == 201, made.text
    await api.caught_up()
    return f"/parties/{Party.id_for('LANG-TEST')}"


async def test_without_accept_language_every_language_is_served_as_today(api):
    answer = await get(api, MO_GOV)
    assert answer.json()["names"] == MO_NAMES
    assert "content-language" not in answer.headers and "vary" not in answer.headers


@pytest.mark.parametrize("language, names, served", [
    ("zh-Hant-MO", {"zh-Hant": MO_NAMES["zh-Hant"]}, "zh-Hant"),
    ("zh-HK", {"zh-Hant": MO_NAMES["zh-Hant"]}, "zh-Hant"),
    ("pt-MO", {"pt": MO_NAMES["pt"]}, "pt"),
    ("pt-MO;q=0.2, en;q=0.9", {"en": MO_NAMES["en"]}, "en"),
    ("fr", {"en": MO_NAMES["en"]}, "en"),  # no French: the chain ends in English
    ("zh-CN", {"en": MO_NAMES["en"]}, "en"),  # no Simplified name, and zh-Hans falls back to English only
    ("en;q=0, fr", {"zh-Hant": MO_NAMES["zh-Hant"]}, "zh-Hant"),  # nothing wanted: the first tag
])
async def test_a_stored_text_is_served_in_the_first_language_of_the_chain(api, language, names, served):
    answer = await get(api, MO_GOV, language)
    assert answer.json()["names"] == names
    assert answer.headers["content-language"] == served
    assert answer.headers["vary"] == "Accept-Language"
    assert answer.json()["code"] == "MO-GOV"


@pytest.mark.parametrize("language, served, text", [
    ("zh-Hant-HK", "zh-Hant-HK", "為人民服務的網絡軟件平台"),  # Hong Kong forms
    ("zh-Hant-MO", "zh-Hant-MO", "為人民服務的網絡軟件平台"),  # Macao reads Hong Kong forms
    ("zh-TW", "zh-Hant-TW", "為人民服務的網路軟體平臺"),  # Taiwan forms and phrases
    ("zh-Hant", "zh-Hant", "爲人民服務的網絡軟件平臺"),  # OpenCC's plain Traditional
])
async def test_simplified_text_is_converted_to_the_traditional_variant_asked_for_and_marked_converted(
        api, simplified_only, language, served, text):
    answer = await get(api, simplified_only, language)
    assert answer.json()["names"] == {served: {"text": text, "kind": "converted"}, "zh-Hans": SIMPLIFIED}
    assert answer.headers["content-language"] == served


@pytest.mark.parametrize("language, names", [
    ("en", {"en": PLATFORM, "zh-Hans": SIMPLIFIED}),
    ("pt-MO", {"en": PLATFORM, "zh-Hans": SIMPLIFIED}),
    ("zh-CN", {"zh-Hans": SIMPLIFIED}),
])
async def test_authentic_text_is_served_beside_a_translation_never_replaced_by_it(api, simplified_only,
                                                                                  language, names):
    assert (await get(api, simplified_only, language)).json()["names"] == names


@pytest.mark.parametrize("language", ["en;q=2", "en-", "toolongtag", "en_GB", ",", "中文".encode()])
async def test_a_malformed_accept_language_is_disregarded_and_every_language_served(api, language):
    answer = await get(api, MO_GOV, language)
    assert answer.json()["names"] == MO_NAMES
    assert "content-language" not in answer.headers


async def test_lists_and_nested_texts_are_narrowed_and_the_other_fields_kept(api):
    pact = f"/agreements/{agreement_id_for(ZZJ)}"
    full, narrowed = (await get(api, pact)).json(), (await get(api, pact, "en")).json()
    assert narrowed["title"] == {
        "en": {"text": ZZJ_EN, "kind": "unofficial"},
        "zh-Hans": {"text": "珠中江2025年人社协作协议", "kind": "authentic"}}
    kept = ("code", "status", "version", "period", "signedOn", "commitmentCount")
    assert [narrowed[k] for k in kept] == [full[k] for k in kept]
    assert (narrowed["code"], narrowed["status"], narrowed["commitmentCount"]) == (ZZJ, "in_force", 27)
    listed = (await get(api, "/parties?code=MO-GOV", "pt")).json()
    assert [item["names"] for item in listed["items"]] == [{"pt": MO_NAMES["pt"]}]


async def test_the_log_and_its_audit_reads_are_served_as_recorded_in_every_language(api):
    events = f"/agreements/{agreement_id_for(ZZJ)}/events"
    plain, asked = await get(api, events), await get(api, events, "en")
    assert asked.content == plain.content
    assert "content-language" not in asked.headers
