"""The transparency log: the log's key, signed checkpoints, proofs, and the parties' witnesses.

Every valid key may read all of it: checkpoints are meant to be public, and a proof holds only hashes
(and the tree size any checkpoint already tells), so it reveals nothing of events the caller may not see.
"""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.params import JSONBody, PathParameter, QueryParameter

from service.http.log_schemas import CosignRequest, RegisterWitnessRequest
from service.http.problems import documented
from service.reads.log_queries import LogQueries
from service.reads.log_views import (
    ConsistencyProofView,
    CosignatureAccepted,
    InclusionProofView,
    LogKeyView,
    WitnessList,
    WitnessView,
)
from service.usecases.context import Caller
from service.usecases.witnesses import Witness

NOTE = "text/plain; charset=utf-8"
MAX_SIZE = 2**53  # exactly a JSON number: a larger bound rounds up in the description
Size = Annotated[int, QueryParameter(ge=1, le=MAX_SIZE, description="A tree size with a signed checkpoint")]
Seq = Annotated[int, QueryParameter(ge=1, le=MAX_SIZE, description="The event's seq (leaf index + 1)")]
FromSize = Annotated[int, QueryParameter(name="from", ge=1, le=MAX_SIZE, description="The older tree size")]
ToSize = Annotated[int, QueryParameter(name="to", ge=1, le=MAX_SIZE, description="The newer tree size")]
SizePath = Annotated[int, PathParameter(ge=1, le=MAX_SIZE, description="The checkpoint's tree size")]


def _log(request: Request) -> LogQueries:
    return request.app.state.system.log_queries


def _view(w: Witness) -> WitnessView:
    return WitnessView(id=w.witness_id, party_id=w.party_id, name=w.verifier.name, key_id=w.verifier.id.hex(),
                       verifier_key=str(w.verifier), registered_at=w.registered_at)


class LogController(Controller):
    path = "/log"
    tags = ["log"]

    @get("/key", operation_id="getLogKey", summary="The log's verifier key (signed-note format) and origin")
    async def key(self, request: Request, caller: NamedDependency[Caller]) -> LogKeyView:
        return _log(request).key()

    @get("/checkpoint", operation_id="getLatestCheckpoint", media_type=NOTE, responses=documented(404),
         summary="The latest signed checkpoint (a C2SP signed note), with the witnesses' cosignatures")
    async def latest(self, request: Request, caller: NamedDependency[Caller]) -> Response[str]:
        checkpoint = await _log(request).latest()
        return Response(checkpoint.with_cosignatures(), media_type=NOTE)

    @get("/checkpoints/{size:int}", operation_id="getCheckpoint", media_type=NOTE, responses=documented(404),
         summary="The signed checkpoint of one tree size, with its cosignatures")
    async def at(self, request: Request, size: SizePath, caller: NamedDependency[Caller]) -> Response[str]:
        checkpoint = await _log(request).checkpoint(size)
        return Response(checkpoint.with_cosignatures(), media_type=NOTE)

    @get("/proof/inclusion", operation_id="getInclusionProof", responses=documented(404, 422),
         summary="RFC 9162 inclusion proof of the event `seq` in the checkpointed tree of `size`")
    async def inclusion(self, request: Request, seq: Seq, size: Size,
                        caller: NamedDependency[Caller]) -> InclusionProofView:
        return await _log(request).inclusion(seq, size)

    @get("/proof/consistency", operation_id="getConsistencyProof", responses=documented(404, 422),
         summary="RFC 9162 consistency proof between two checkpointed tree sizes")
    async def consistency(self, request: Request, from_size: FromSize, to_size: ToSize,
                          caller: NamedDependency[Caller]) -> ConsistencyProofView:
        return await _log(request).consistency(from_size, to_size)

    @get("/witnesses", operation_id="listWitnesses", summary="The parties' registered witness keys")
    async def witnesses(self, request: Request, caller: NamedDependency[Caller]) -> WitnessList:
        return WitnessList(witnesses=[_view(w) for w in await request.app.state.system.witnesses.list()])

    @post("/witnesses", operation_id="registerWitness", status_code=201, responses=documented(403, 409, 422),
          summary="Register a witness key of the caller's party (cosignature/v1, Ed25519)")
    async def register(self, request: Request, data: JSONBody[RegisterWitnessRequest],
                       caller: NamedDependency[Caller]) -> WitnessView:
        return _view(await request.app.state.system.witnesses.register(caller, data.verifier_key))

    @post("/checkpoints/{size:int}/cosignatures", operation_id="cosignCheckpoint", status_code=201,
          responses=documented(404, 422), summary="Add a witness's cosignature to a signed checkpoint")
    async def cosign(self, request: Request, size: SizePath, data: JSONBody[CosignRequest],
                     caller: NamedDependency[Caller]) -> CosignatureAccepted:
        witness = await request.app.state.system.witnesses.cosign(size, data.cosignature)
        return CosignatureAccepted(size=size, witness=_view(witness))

