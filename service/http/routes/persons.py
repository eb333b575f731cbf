"""People named in the record: an admin erases a person, which makes their personal text unreadable."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from litestar import Controller, Request, post
from litestar.di import NamedDependency
from litestar.params import FromPath, JSONBody
from msgspec import Meta

from service.http.problems import documented
from service.http.wire import Request as Body
from service.http.wire import ShortText
from service.reads.wire import View
from service.usecases.context import Caller


class EraseRequest(Body):
    reason: Annotated[ShortText, Meta(description=(
        "Why the person is erased (kept in the record: never the person's name)"))]


class ErasureView(View):
    """The person is erased: their key is deleted, and their text reads as erased everywhere."""

    person_id: UUID
    erased_at: datetime
    position: Annotated[int, Meta(description="The log position of the person.erased event")]


class PersonController(Controller):
    path = "/persons"
    tags = ["persons"]

    @post("/{person_id:uuid}/erasure", operation_id="erasePerson", status_code=201,
          responses=documented(403, 404, 409),
          summary="Erase a person named in the record (admin): delete their key, record the erasure")
    async def erase(self, request: Request, person_id: FromPath[UUID], data: JSONBody[EraseRequest],
                    caller: NamedDependency[Caller]) -> ErasureView:
        erased = await request.app.state.system.persons.erase(caller, person_id, data.reason)
        return ErasureView(person_id=erased.person_id, erased_at=erased.erased_at, position=erased.position)
