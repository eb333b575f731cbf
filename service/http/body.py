"""Strict decoding of a command's body: its media type, JSON without duplicate keys or lone surrogates,
integers as JSON Schema counts them, then msgspec's strict reading of the request type."""

from __future__ import annotations

import copy
import json
import re
from typing import Any

import msgspec

from service.http.problems import ProblemError, from_validation_message
from service.http.wire import FieldError

JSON_MEDIA_TYPE = re.compile(r"application/(?:[!#$&^_.+\-0-9a-z]+\+)?json", re.ASCII)
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
MAY_ESCAPE_A_SURROGATE = re.compile(r"\\u[dD][89a-fA-F]")


class DuplicateKey(Exception):
    """An object names a member twice: which value counts is anyone's guess (RFC 8259 §4)."""


def check_media_type(content_type: str) -> None:
    """`application/json` or a `+json` type, with no charset but UTF-8 (RFC 8259 §8.1)."""
    media_type, *parameters = (part.strip().lower() for part in content_type.split(";"))
    pairs = (parameter.partition("=") for parameter in parameters)
    charsets = {value.strip('"') for name, _, value in pairs if name.strip() == "charset"}
    if not JSON_MEDIA_TYPE.fullmatch(media_type) or not charsets <= {"utf-8"}:
        raise ProblemError(
            415,
            "unsupported-media-type",
            "send the body as application/json (or a +json type), in UTF-8",
            headers={"Accept-Post": "application/json"},
        )


def decode(body: bytes, content_type: str, target: Any) -> Any:
    """The body as a `target`, or a problem when it is not strictly a valid one in JSON."""
    if not body.strip():
        raise ProblemError(400, "malformed-body", "the body is empty: send a JSON object")
    check_media_type(content_type)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ProblemError(400, "malformed-body", f"the body is not UTF-8: {error.reason}") from None
    tree = parse(text)
    if MAY_ESCAPE_A_SURROGATE.search(text):
        where, _ = _find(tree, "", _has_lone_surrogate, LONE_SURROGATE.search)
        if where is not None:
            raise invalid(FieldError(pointer=where or "/", detail="a lone surrogate is not a character"))
    try:
        return msgspec.convert(tree, target, strict=True)
    except msgspec.ValidationError as error:
        raise invalid(_located(tree, target, str(error))) from None


def parse(text: str) -> Any:
    """JSON as JSON Schema reads it: 2.0 is the integer 2; NaN, Infinity and duplicate members are refused."""
    try:
        return json.loads(text, object_pairs_hook=_members, parse_float=_number, parse_constant=_no_constant)
    except DuplicateKey:
        tree = json.loads(text, object_pairs_hook=_Duplicated.of, parse_float=_number)
        where, key = _find(tree, "", lambda node: isinstance(node, _Duplicated), lambda _: False)
        pointer = f"{where}/{_escape(json.loads(key))}"
        raise invalid(FieldError(pointer=pointer, detail=f"the member {key} appears twice")) from None
    except (ValueError, RecursionError) as error:
        raise ProblemError(400, "malformed-body", f"the body is not valid JSON: {error}") from None


def invalid(*errors: FieldError) -> ProblemError:
    return ProblemError(422, "invalid-body", "the body does not match the schema", errors=list(errors))


def _members(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    members = dict(pairs)
    if len(members) != len(pairs):
        raise DuplicateKey
    return members


class _Duplicated(dict):
    """An object with a member named twice, found again to say where."""

    key = ""

    @classmethod
    def of(cls, pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                duplicated = cls(pairs)
                duplicated.key = json.dumps(key)  # escaped: a lone surrogate would not encode
                return duplicated
            seen.add(key)
        return dict(pairs)


def _number(literal: str) -> float | int:
    value = float(literal)
    return int(value) if value.is_integer() else value


def _no_constant(literal: str) -> None:
    raise ValueError(f"{literal} is not a JSON number")


def _find(node: Any, at: str, hit, key_hit) -> tuple[str | None, str]:
    """The pointer to the first node (or member name) that `hit` (`key_hit`) flags, and its duplicate key."""
    if hit(node):
        return at, getattr(node, "key", "")
    if isinstance(node, dict):
        for key, value in node.items():
            here = f"{at}/{_escape(key)}"
            if key_hit(key):
                return here, ""
            if (found := _find(value, here, hit, key_hit))[0] is not None:
                return found
    if isinstance(node, list):
        for index, value in enumerate(node):
            if (found := _find(value, f"{at}/{index}", hit, key_hit))[0] is not None:
                return found
    return None, ""


def _has_lone_surrogate(node: Any) -> bool:
    return isinstance(node, str) and LONE_SURROGATE.search(node) is not None


def _located(tree: Any, target: Any, message: str) -> FieldError:
    """msgspec names a map's member `[...]` (a bad member name too): find which, by trying each member
    alone until one fails the same way."""
    error = from_validation_message(message)
    parts = error.pointer.split("/")[1:] if error.pointer != "/" else []
    for i, part in enumerate(parts):
        node = _at(tree, parts[:i])
        if part == "..." and isinstance(node, dict):
            alone = (k for k, v in node.items() if _fails(_with(tree, parts[:i], {k: v}), target, message))
            key = next(alone, "")
            tree, parts[i] = _with(tree, parts[:i], {key: node.get(key)}), _escape(key)
    return FieldError(pointer="/" + "/".join(parts) if parts else "/", detail=error.detail)


def _fails(tree: Any, target: Any, message: str) -> bool:
    try:
        msgspec.convert(tree, target, strict=True)
    except msgspec.ValidationError as error:
        return str(error) == message
    return False


def _with(tree: Any, path: list[str], value: Any) -> Any:
    """A copy of `tree` with the node at `path` replaced by `value`."""
    if not path:
        return value
    trial = copy.deepcopy(tree)
    parent = _at(trial, path[:-1])
    parent[int(path[-1]) if isinstance(parent, list) else _unescape(path[-1])] = value
    return trial


def _at(tree: Any, parts: list[str]) -> Any:
    for part in parts:
        tree = tree[int(part)] if isinstance(tree, list) else tree[_unescape(part)]
    return tree


def _escape(key: str) -> str:
    """A member name as a JSON Pointer step (RFC 6901); a lone surrogate, which no response can carry,
    as U+FFFD."""
    return LONE_SURROGATE.sub("\ufffd", key.replace("~", "~0").replace("/", "~1"))


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")
