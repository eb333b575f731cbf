"""API keys over HTTP: admins issue, list and revoke; any key rotates itself."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from litestar import Controller, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody

from service.http.problems import ProblemError, documented
from service.http.wire import OneLine, Request
from service.reads.wire import View
from service.usecases.context import Caller
from service.usecases.errors import AggregateNotFound, Forbidden
from service.usecases.keys import IssuedKey, Keys


class IssueKeyRequest(Request):
    label: OneLine
    party_id: UUID | None = None
    admin: bool = False


class IssuedKeyView(View):
    """The secret is shown once, here, and never again."""

    key_id: UUID
    token: str
    party_id: UUID | None
    admin: bool
    label: str


class KeyView(View):
    key_id: UUID
    party_id: UUID | None
    admin: bool
    label: str
    created_at: datetime
    revoked_at: datetime | None
    expires_at: datetime | None
    last_used_at: datetime | None


class KeyList(View):
    items: list[KeyView]


def issued(key: IssuedKey) -> IssuedKeyView:
    return IssuedKeyView(
        key_id=key.key_id, token=key.token, party_id=key.party_id, admin=key.is_admin, label=key.label
    )


def require_admin(caller: Caller) -> None:
    if not caller.is_admin:
        raise Forbidden("only an admin key manages keys")


class ApiKeyController(Controller):
    path = "/keys"
    tags = ["keys"]

    @post(
        operation_id="issueKey",
        summary="Issue a key for a party, or an admin key (admin key)",
        responses=documented(400, 401, 403, 422, 429),
    )
    async def issue(
        self,
        data: JSONBody[IssueKeyRequest],
        caller: NamedDependency[Caller],
        api_keys: NamedDependency[Keys],
    ) -> IssuedKeyView:
        require_admin(caller)
        if (data.party_id is None) == (not data.admin):
            raise ProblemError(422, "invalid-key-holder", "a key belongs to one party, or is an admin key")
        return issued(await api_keys.issue(data.label, data.party_id, data.admin))

    @get(
        operation_id="listKeys",
        summary="List keys, never their secrets (admin key)",
        responses=documented(401, 403, 429),
    )
    async def list(self, caller: NamedDependency[Caller], api_keys: NamedDependency[Keys]) -> KeyList:
        require_admin(caller)
        return KeyList(
            items=[
                KeyView(
                    key_id=k.key_id,
                    party_id=k.party_id,
                    admin=k.is_admin,
                    label=k.label,
                    created_at=k.created_at,
                    revoked_at=k.revoked_at,
                    expires_at=k.expires_at,
                    last_used_at=k.last_used_at,
                )
                for k in await api_keys.list()
            ]
        )

    @post(
        "/current/rotation",
        operation_id="rotateKey",
        summary="Replace the calling key; the old one stays valid for 24 hours",
        responses=documented(401, 404, 429),
    )
    async def rotate(self, caller: NamedDependency[Caller], api_keys: NamedDependency[Keys]) -> IssuedKeyView:
        new = await api_keys.rotate(caller.key_id)
        if new is None:
            raise AggregateNotFound("active key", caller.key_id)
        return issued(new)

    @post(
        "/{key_id:uuid}/revocation",
        operation_id="revokeKey",
        summary="Revoke a key (admin key)",
        status_code=204,
        responses=documented(400, 401, 403, 404, 429),
    )
    async def revoke(
        self, key_id: FromPath[UUID], caller: NamedDependency[Caller], api_keys: NamedDependency[Keys]
    ) -> None:
        require_admin(caller)
        if not await api_keys.revoke(key_id):
            raise AggregateNotFound("active key", key_id)
