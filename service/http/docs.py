"""The OpenAPI configuration and the docs page, whose assets this app serves itself (no CDN)."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

from litestar import Router
from litestar.datastructures import CacheControlHeader
from litestar.openapi import OpenAPIConfig
from litestar.openapi.plugins import SwaggerRenderPlugin
from litestar.openapi.spec import Components, SecurityScheme
from litestar.static_files import create_static_files_router
from litestar.types import Method

API_VERSION = "0.1.0"
SCHEMA_PATH = "/schema"
ASSETS_PATH = f"{SCHEMA_PATH}/assets"


def swagger_ui_dist() -> Path:
    """Swagger UI's dist files from the swagger-ui-py wheel: nothing fetched at run time, nothing vendored."""
    spec = importlib.util.find_spec("swagger_ui")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("swagger-ui-py is not installed; it ships the docs page's assets")
    return Path(next(iter(spec.submodule_search_locations))) / "static"


def docs_assets() -> Router:
    return create_static_files_router(
        path=ASSETS_PATH,
        directories=[swagger_ui_dist()],
        name="docs-assets",
        include_in_schema=False,
        cache_control=CacheControlHeader(max_age=86400, public=True),
    )


def operation_id(handler, method: Method, components: list) -> str:
    """camelCase ids for handlers that name none: getAgreementsByAgreementId."""
    words = [str(method).lower()]
    for part in components:
        if isinstance(part, str):
            words += [w.title() for w in re.split(r"[-_.]", part) if w]
        else:
            words += ["By", *(w.title() for w in part.name.split("_"))]
    return "".join(words)


def openapi_config() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="pactum",
        version=API_VERSION,
        description="Event-sourced tracking of inter-government cooperation agreements.",
        path=SCHEMA_PATH,
        components=Components(
            security_schemes={
                "apiKey": SecurityScheme(
                    type="http", scheme="bearer", description="An API key bound to one party, or an admin key"
                )
            }
        ),
        security=[{"apiKey": []}],
        use_handler_docstrings=False,
        create_examples=False,
        operation_id_creator=operation_id,
        render_plugins=[
            SwaggerRenderPlugin(
                path="/",
                js_url=f"{ASSETS_PATH}/swagger-ui-bundle.js",
                css_url=f"{ASSETS_PATH}/swagger-ui.css",
                standalone_preset_js_url=f"{ASSETS_PATH}/swagger-ui-standalone-preset.js",
                favicon=f"<link rel='icon' type='image/png' href='{ASSETS_PATH}/favicon-32x32.png'>",
            )
        ],
    )
