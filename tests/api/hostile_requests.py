"""What a hostile partner sends, and the answer each must get: status and problem type (None: no problem),
and for a refused body the JSON Pointer of the field at fault."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from tests.api.helpers import text
from tests.api.world import report

TITLE = {"zh-Hans": {"text": "就业", "kind": "authentic"}}
AREA = b'{"code": "A7", "title": {"zh-Hans": {"text": "\\u5c31\\u4e1a", "kind": "authentic"}}}'
JSON = {"content-type": "application/json"}
AREAS, PARTIES, KEYS = "/agreements/{draft}/areas", "/parties", "/keys"
REPORTS = "/agreements/{live}/commitments/A1.1/progress-reports"
HOLD = "/agreements/{live}/commitments/A1.1/hold"
POLICY = "/agreements/{draft}/verification-policy"
COMMENTS = "/agreements/{live}/comments"


@dataclass(frozen=True)
class Hostile:
    name: str
    path: str  # {draft} and {live}: the agreements of the module
    body: Any = None  # JSON, or bytes sent as they are
    status: int = 422
    problem: str | None = "invalid-body"
    pointer: str | None = None
    who: str = "lead"
    method: str = "POST"
    headers: dict[str, str | bytes] = field(default_factory=dict)
    params: dict[str, str] | None = None


def area(title: str = "就业", code: str = "A7", **more: Any) -> dict[str, Any]:
    return {"code": code, "title": {"zh-Hans": {"text": title, "kind": "authentic"}}, **more}


def evidenced(**item: Any) -> dict[str, Any]:
    return report(evidence=[{"title": "会议纪要", **item}])


def policy(quorum: Any) -> dict[str, Any]:
    return {"policy": {"kind": "quorum", "quorum": quorum}}


def read(name: str, path: str, status: int, problem: str, who: str = "lead", **params: str) -> Hostile:
    return Hostile(name, path, None, status, problem, method="GET", who=who, params=params or None)


def media(name: str, content_type: str | None, status: int = 415) -> Hostile:
    headers = {} if content_type is None else {"content-type": content_type}
    body = AREA if status >= 400 else AREA.replace(b"A7", b"A10")
    problem = "unsupported-media-type" if status >= 400 else None
    return Hostile(name, AREAS, body, status, problem, headers=headers)


def probe(name: str, path: str, body: Any, **headers: str) -> Hostile:
    """A command of a party that is not in the agreement: it must not learn that the agreement exists."""
    return Hostile(name, path, body, 404, "not-found", who="outsider", headers=headers)


BAD = 422, "invalid-body"
CASES = [
    # control characters and lone surrogates in every kind of body field
    Hostile("NUL in a title", AREAS, area("a\x00b"), *BAD, "/title/zh-Hans/text"),
    Hostile("DEL in a title", AREAS, area("a\x7fb"), *BAD, "/title/zh-Hans/text"),
    Hostile("ESC in an alias", AREAS, area(aliases=["\x1b[31mred"]), *BAD, "/aliases/0"),
    Hostile("NUL in a code", AREAS, area(code="A\x001"), *BAD, "/code"),
    Hostile("a code ending in a newline", AREAS, area(code="A7\n"), *BAD, "/code"),
    Hostile("NUL in a language tag", AREAS, {"code": "A7", "title": {"zh\x00": TITLE["zh-Hans"]}}, *BAD,
            "/title/zh\x00"),
    Hostile("NUL in the second title of two", AREAS,
            {"code": "A7", "title": {**TITLE, "en": {"text": "a\x00", "kind": "unofficial"}}}, *BAD,
            "/title/en/text"),
    Hostile("a newline ending the authentic language", "/agreements",
            {"code": "H-1", "title": TITLE, "authenticLanguage": "zh-Hans\n"}, *BAD, "/authenticLanguage"),
    Hostile("NUL in an agreement code", "/agreements",
            {"code": "H\x00", "title": TITLE, "authenticLanguage": "zh-Hans"}, *BAD, "/code"),
    Hostile("NUL in a party's name", PARTIES, {"code": "H-P1", "names": text("a\x00b")}, *BAD,
            "/names/zh-Hans/text", who="admin"),
    Hostile("SOH in a jurisdiction", PARTIES, {"code": "H-P2", "names": text("甲"), "jurisdiction": "\x01"},
            *BAD, "/jurisdiction", who="admin"),
    Hostile("NUL in a key label", KEYS, {"label": "a\x00b", "admin": True}, *BAD, "/label", who="admin"),
    Hostile("a newline in a key label", KEYS, {"label": "a\nb", "admin": True}, *BAD, "/label", who="admin"),
    Hostile("a lone surrogate in a key label", KEYS, b'{"label": "\\ud800", "admin": true}', *BAD, "/label",
            who="admin", headers=JSON),
    Hostile("NUL in a narrative", REPORTS, report(narrative=text("a\x00")), *BAD, "/narrative/zh-Hans/text"),
    Hostile("U+001F in an evidence URL", REPORTS, evidenced(url="https://example.gov.cn/\x1f"), *BAD,
            "/evidence/0/url"),
    Hostile("a space in an evidence URL", REPORTS, evidenced(url="https://example.gov.cn/a b"), *BAD,
            "/evidence/0/url"),
    Hostile("an evidence URL ending in a newline", REPORTS, evidenced(url="https://example.gov.cn/a\n"), *BAD,
            "/evidence/0/url"),
    Hostile("NUL in a document number", REPORTS, evidenced(documentId="GD\x002025"), *BAD,
            "/evidence/0/documentId"),
    Hostile("NUL in an evidence title", REPORTS, report(evidence=[{"title": "\x00", "documentId": "GD-1"}]),
            *BAD, "/evidence/0/title"),
    Hostile("a SHA-256 ending in a newline", REPORTS, evidenced(documentId="GD-1", sha256="a" * 64 + "\n"),
            *BAD, "/evidence/0/sha256"),
    Hostile("NUL in a reason", HOLD, {"reason": "\x00"}, *BAD, "/reason"),
    Hostile("backspace in a suspension reason", "/agreements/{live}/suspension",
            {"suspendedOn": "2025-02-01", "reason": "a\x08b"}, *BAD, "/reason"),
    Hostile("a C1 control (CSI) in a comment", COMMENTS, {"text": text("a\x9b31m")}, *BAD,
            "/text/zh-Hans/text"),
    Hostile("NUL in an amendment change's reason", "/agreements/{live}/amendments",
            {"changes": [{"type": "cancel_commitment", "commitmentCode": "A1.2", "reason": "\x00"}]}, *BAD,
            "/changes/0/reason"),
    Hostile("NUL in a delegated commitment code", "/agreements/{live}/delegations",
            {"delegateId": "00000000-0000-4000-8000-000000000000", "commitmentCodes": ["A1.1\x00"]}, *BAD,
            "/commitmentCodes/0"),
    Hostile("a lone high surrogate in a title", AREAS,
            b'{"code": "A7", "title": {"zh-Hans": {"text": "a\\ud800b", "kind": "authentic"}}}', *BAD,
            "/title/zh-Hans/text", headers=JSON),
    Hostile("a lone low surrogate in a reason", HOLD, b'{"reason": "\\udc00"}', *BAD, "/reason",
            headers=JSON),
    # what text may hold: tab, line feed and carriage return in free text; a surrogate pair
    Hostile("tab, CR and LF in a title", AREAS, area("第一行\r\n第二行\t完", code="A8"), 201, None),
    Hostile("an escaped surrogate pair in a title", AREAS,
            b'{"code": "A9", "title": {"zh-Hans": {"text": "\\ud83d\\ude00", "kind": "authentic"}}}',
            201, None, headers=JSON),
    # headers and query parameters
    Hostile("NUL in an Idempotency-Key", AREAS, area(), 400, "invalid-idempotency-key",
            headers={"Idempotency-Key": "k\x00"}),
    Hostile("U+001F in an Idempotency-Key", AREAS, area(), 400, "invalid-idempotency-key",
            headers={"Idempotency-Key": "k\x1f"}),
    Hostile("a Latin-1 letter in an Idempotency-Key", AREAS, area(), 400, "invalid-idempotency-key",
            headers={"Idempotency-Key": "clé".encode("latin-1")}),
    Hostile("NUL in If-Match", AREAS, area(), 400, "invalid-if-match", headers={"If-Match": '"1"\x00'}),
    read("a cursor that decodes to NUL", PARTIES, 400, "invalid-cursor", cursor="SEsA"),
    read("an agreements cursor that decodes to NUL", "/agreements", 400, "invalid-cursor", cursor="MQA"),
    read("an at-risk cursor that decodes to NUL", "/at-risk", 400, "invalid-cursor", cursor="AA"),
    read("a raw NUL as the cursor", PARTIES, 400, "invalid-cursor", cursor="\x00"),
    read("a cursor of UTF-8-encoded surrogate bytes", PARTIES, 400, "invalid-cursor", cursor="7aCA"),
    read("a cursor with padding and junk", PARTIES, 400, "invalid-cursor", cursor="SEs=A!"),
    read("an encoded lone surrogate as the cursor", PARTIES + "?cursor=%ED%A0%80", 400, "invalid-cursor"),
    Hostile("an encoded lone surrogate as a path code", "/agreements/{live}/commitments/%ED%A0%80/hold",
            {"reason": "检修"}, 400, "invalid-parameter"),
    read("a misspelt query parameter", "/agreements", 400, "invalid-parameter", minPositon="5"),
    Hostile("a query parameter on a command", AREAS + "?dryRun=true", area(), 400, "invalid-parameter"),
    read("NUL in minPosition", "/agreements", 400, "invalid-parameter", minPosition="1\x00"),
    read("minPosition given twice", "/agreements?minPosition=1&minPosition=2", 400, "invalid-parameter"),
    read("an export bound given twice", "/agreements/{live}/export?from=1&from=2", 400, "invalid-parameter"),
    read("a page size written 1.0", "/agreements?limit=1.0", 400, "invalid-parameter"),
    read("an export bound written 1e2", "/agreements/{live}/export?to=1e2", 400, "invalid-parameter"),
    read("a feed position written 1e0", "/events?after=1e0", 400, "invalid-parameter"),
    Hostile("a commitment code with a newline in the path", "/agreements/{live}/commitments/A1.1%0A/hold",
            {"reason": "检修"}, 400, "invalid-parameter"),
    # media types
    media("JSON sent as text/plain", "text/plain"),
    media("JSON sent without a Content-Type", None),
    media("JSON sent as a form", "application/x-www-form-urlencoded"),
    media("JSON in Latin-1", "application/json; charset=latin-1"),
    media("application/jsonx", "application/jsonx"),
    media("a NUL in the Content-Type", "application/json\x00"),
    media("a +json type with charset=UTF-8", "application/vnd.pactum+json; charset=UTF-8", status=201),
    # duplicate members
    Hostile("a code named twice", AREAS,
            b'{"code": "A7", "code": "A\\u0000", "title": {"zh-Hans": {"text": "x", "kind": "authentic"}}}',
            *BAD, "/code", headers=JSON),
    Hostile("a language named twice", AREAS,
            b'{"code": "A7", "title": {"zh-Hans": {"text": "x", "kind": "authentic"}, '
            b'"zh-Hans": {"text": "y", "kind": "authentic"}}}', *BAD, "/title/zh-Hans", headers=JSON),
    Hostile("an evidence member named twice", REPORTS,
            b'{"asOf": "2025-03-01", "level": "limited", "health": "on_track", "narrative": {"zh-Hans": '
            b'{"text": "x", "kind": "authentic"}}, "evidence": [{"title": "t", "url": "https://a.example/1", '
            b'"url": "https://a.example/2"}]}', *BAD, "/evidence/0/url", headers=JSON),
    Hostile("a lone surrogate named twice", AREAS, b'{"code": "A7", "\\ud800": 1, "\\ud800": 2}', *BAD,
            "/\ufffd", headers=JSON),
    # integers as JSON Schema counts them
    Hostile("a quorum of 2.0", POLICY, policy(2.0), 201, None),
    Hostile("a quorum of 2.5", POLICY, policy(2.5), *BAD, "/policy/quorum"),
    Hostile('a quorum of "2"', POLICY, policy("2"), *BAD, "/policy/quorum"),
    # existence probes from a party that is not in the agreement: whatever the headers, not found
    probe("a non-party's command", COMMENTS, {"text": text("探测")}),
    probe("a non-party's command with a stale If-Match", COMMENTS, {"text": text("探测")},
          **{"If-Match": '"1"'}),
    probe("a non-party's command with an Idempotency-Key", COMMENTS, {"text": text("探测")},
          **{"Idempotency-Key": "probe-1"}),
    probe("a non-party's report with a stale If-Match", REPORTS, report(), **{"If-Match": '"2"'}),
    probe("a non-party's signature with a stale If-Match", "/agreements/{draft}/signatures",
          {"signedOn": "2025-01-16"}, **{"If-Match": '"1"'}),
    read("a non-party's read with minPosition", "/agreements/{live}", 404, "not-found", who="outsider",
         minPosition="1"),
]
