"""Request bodies of the transparency log: a witness key, a cosignature."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from service.http.wire import END, Request

KEY_PATTERN = r"^[\x21-\x7E]+" + END
# one line of a note, its newline optional
NoteLine = Annotated[str, Meta(min_length=1, max_length=2000, pattern=r"^[^\x00-\x1F\x7F-\x9F]*\n?" + END)]


class RegisterWitnessRequest(Request):
    verifier_key: Annotated[str, Meta(min_length=1, max_length=500, pattern=KEY_PATTERN, description=(
        "The witness's key in the signed-note verifier key format, type 0x04 (cosignature/v1): "
        "<name>+<key id hex>+<base64 of 0x04 || 32-byte Ed25519 public key>"))]


class CosignRequest(Request):
    cosignature: Annotated[NoteLine, Meta(description=(
        "One C2SP tlog-cosignature/v1 line: — <name> base64(key id || u64 time || Ed25519 signature)"))]
