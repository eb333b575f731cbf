"""The progress dashboard: server-rendered pages over the same reads and commands as the API."""

from __future__ import annotations

from pathlib import Path

from litestar import Router
from litestar.datastructures import CacheControlHeader
from litestar.plugins.jinja import JinjaTemplateEngine
from litestar.static_files import create_static_files_router
from litestar.template.config import TemplateConfig

from service.http.dashboard.indicator_pages import IndicatorPages
from service.http.dashboard.routes import DashboardController
from service.http.dashboard.web import PREFIX

HERE = Path(__file__).parent


def template_config() -> TemplateConfig:
    return TemplateConfig(directory=HERE / "templates", engine=JinjaTemplateEngine)


def dashboard_assets() -> Router:
    return create_static_files_router(
        path=f"{PREFIX}/static", directories=[HERE / "static"], name="dashboard-assets",
        include_in_schema=False, cache_control=CacheControlHeader(max_age=3600),
    )


def dashboard() -> Router:
    """The pages; their sessions are kept in the database, shared by every process."""
    return Router(path="/", route_handlers=[DashboardController, IndicatorPages], include_in_schema=False)


__all__ = ["dashboard", "dashboard_assets", "template_config"]
