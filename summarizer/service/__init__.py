"""The HTTP service of `summarizer serve` (FastAPI over the public API).

Owns the routes, the job store, authentication, limits, metrics and settings of the
service; the summarizing itself is `summarizer.api` and `summarizer.batch`, called
exactly as a library user calls them. Imported only by `summarizer serve`, `summarizer
schema --openapi` and users who embed the app::

    from summarizer.service import ServiceSettings, create_app
    app = create_app(ServiceSettings(concurrency=16))
"""

from __future__ import annotations

from .app import create_app, openapi_document
from .settings import ServiceSettings

__all__ = ["ServiceSettings", "create_app", "openapi_document"]
