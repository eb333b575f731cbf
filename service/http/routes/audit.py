"""An agreement's audit: its history re-verified against the signed transparency log."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Request, get
from litestar.di import NamedDependency
from litestar.params import FromPath

from service.http.context import Visibility
from service.http.problems import documented
from service.reads.log_views import AuditView


class AuditController(Controller):
    path = "/agreements/{agreement_id:uuid}/audit"
    tags = ["log"]

    @get("/verify", operation_id="verifyAgreement", responses=documented(404),
         summary="Recompute the agreement's chain and leaves and prove each event in the latest checkpoint")
    async def verify(self, request: Request, agreement_id: FromPath[UUID],
                     visibility: NamedDependency[Visibility]) -> AuditView:
        """Names the first event whose stored bytes no longer match, a missing version, or a forged
        checkpoint; each event carries its leaf bytes (base64) and its inclusion proof."""
        audit = request.app.state.system.agreement_audit
        return await audit.verify(agreement_id, visibility.of("agreements"))
