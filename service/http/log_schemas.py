"""Request bodies of the transparency log: a witness key, a cosignature."""

from __future__ import annotations

from typing import Annotated

from msgspec import Meta

from service.http.wire import Request

NoteLine = Annotated[str, Meta(min_length=1, max_length=2000)]


class RegisterWitnessRequest(Request):
    verifier_key: Annotated[str, Meta(min_length=1, max_length=500, description=(
        "The witness's key in the signed-note verifier key format, type 0x04 (cosignature/v1): "
        "<name>+<key id hex>+<base64 of 0x04 || 32-byte Ed25519 public key>"))]


class CosignRequest(Request):
    cosignature: Annotated[NoteLine, Meta(description=(
        "One C2SP tlog-cosignature/v1 line: — <name> base64(key id || u64 time || Ed25519 signature)"))]
