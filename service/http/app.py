"""create_app(): the litestar application over the running parts of the system."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

from litestar import Litestar
from litestar.routes import HTTPRoute
from litestar.types import Message, Scope

from service.http.access_log import ObservedApp
from service.http.context import rate_limit_headers, strict_body
from service.http.dashboard import dashboard, dashboard_assets, template_config
from service.http.deps import DEPENDENCIES
from service.http.docs import docs_assets, openapi_config
from service.http.language import negotiate_languages
from service.http.openapi import publish
from service.http.problems import EXCEPTION_HANDLERS
from service.http.routes.agreement_commands import AgreementCommandController
from service.http.routes.agreements import AgreementController
from service.http.routes.amendments import AmendmentController
from service.http.routes.api_keys import ApiKeyController
from service.http.routes.audit import AuditController
from service.http.routes.completion import CompletionController
from service.http.routes.data_quality import DataQualityController
from service.http.routes.delegations import DelegationController
from service.http.routes.events import EventController
from service.http.routes.health import health, projection_health
from service.http.routes.history import HistoryController, document_export_types
from service.http.routes.indicators import IndicatorController
from service.http.routes.initiatives import InitiativeController
from service.http.routes.lifecycle import LifecycleController
from service.http.routes.log import LogController
from service.http.routes.milestones import MilestoneController
from service.http.routes.operations import metrics, ready
from service.http.routes.parties import PartyController
from service.http.routes.persons import PersonController
from service.http.routes.progress import ProgressController
from service.http.routes.progress_views import ProgressViewController
from service.http.routes.themes import ThemeController
from service.http.routes.verification import VerificationController
from service.http.routes.webhooks import WebhookController

MAX_BODY_BYTES = 256 * 1024


def allow_header(allowed: dict[str, bytes]):
    """litestar's automatic OPTIONS answer lists only the methods registered first on a path."""

    async def correct_allow(message: Message, scope: Scope) -> None:
        if message["type"] == "http.response.start" and scope.get("method") == "OPTIONS":
            if methods := allowed.get(scope.get("path_template", "")):
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"allow"]
                message["headers"] = [*headers, (b"allow", methods)]

    return correct_allow


def create_app(system: Any = None, run_projections: bool = False) -> Litestar:
    """The app over `system` (service.system.System; None only to describe the API), optionally running
    the projections."""

    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        async with app.state.system.working(with_workers=run_projections):
            yield

    allowed: dict[str, bytes] = {}
    app = ObservedApp(
        route_handlers=[
            AgreementController, AgreementCommandController, PartyController, ApiKeyController, health,
            projection_health,
            ProgressController, MilestoneController, CompletionController, VerificationController,
            LifecycleController, DelegationController, AmendmentController, ProgressViewController,
            ready, metrics, HistoryController, EventController, WebhookController, LogController,
            AuditController, IndicatorController, InitiativeController, docs_assets(), dashboard(),
            dashboard_assets(), PersonController, ThemeController, DataQualityController,
        ],
        template_config=template_config(),
        dependencies=DEPENDENCIES,
        middleware=[negotiate_languages],
        exception_handlers=EXCEPTION_HANDLERS,
        before_request=strict_body,
        before_send=[rate_limit_headers, allow_header(allowed)],
        openapi_config=openapi_config(),
        logging_config=None,  # logging is the process's (service/logs.py), not the app's
        request_max_body_size=MAX_BODY_BYTES,
        lifespan=[lifespan] if system is not None else [],
    )
    allowed.update(
        (route.path_format, ", ".join(sorted(route.methods)).encode())
        for route in app.routes
        if isinstance(route, HTTPRoute)
    )
    publish(app)
    document_export_types(app.openapi_schema)
    if system is not None:
        app.state.update(
            system=system,
            queries=system.queries,
            api_keys=system.keys,
            rate_limiter=system.rate_limiter,
        )
    return app
