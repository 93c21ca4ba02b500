"""The local dashboard: FastAPI, server-side Jinja2 pages, plotly.js served from the
installed plotly package (no CDN), and a read-only JSON API under /api.
"""

import functools
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from ..store import EventFilter, Store, open_store
from ..version import __version__
from . import queries

HERE = resources.files("communique.web")
CODE = r"^[A-Za-z0-9_\-]{1,16}$"


def get_store(request: Request) -> Iterator[Store]:
    """A connection per request: DuckDB connections are not shared between threads."""
    db = request.app.state.db
    store = open_store(db) if _is_url(db) else open_store(db, read_only=True)
    try:
        yield store
    finally:
        store.close()


StoreDep = Annotated[Store, Depends(get_store)]
Page = Annotated[int, Query(ge=1, le=100_000)]


@functools.cache
def plotly_js() -> tuple[str, bytes]:
    """plotly.js as the installed plotly package ships it, and its version."""
    import plotly
    from plotly.offline import get_plotlyjs_version

    data = resources.files(plotly).joinpath("package_data/plotly.min.js").read_bytes()
    return get_plotlyjs_version(), data


def create_app(db: str) -> FastAPI:
    """The dashboard over the store at ``db`` (a DuckDB file or a PostgreSQL URL)."""
    app = FastAPI(
        title="communique",
        version=__version__,
        docs_url=None,
        redoc_url=None,
        description="Read-only API over coded political events.",
    )
    templates = Jinja2Templates(directory=str(HERE.joinpath("templates")))
    templates.env.autoescape = True
    plotly_version, plotly_bytes = plotly_js()
    templates.env.globals.update(
        plotly_src=f"/assets/plotly-{plotly_version}.min.js", version=__version__
    )
    app.mount("/static", StaticFiles(directory=str(HERE.joinpath("static"))), name="static")

    app.state.db = db

    @app.get(f"/assets/plotly-{plotly_version}.min.js", include_in_schema=False)
    def plotly_asset() -> Response:
        return Response(
            plotly_bytes,
            media_type="application/javascript",
            headers={"Cache-Control": "max-age=86400"},
        )

    # --- JSON API ---------------------------------------------------------------------

    @app.get("/api/overview", tags=["api"])
    def api_overview(store: StoreDep) -> dict:
        """Article and event counts, the top dyads, QuadClass counts by month."""
        return queries.overview(store)

    @app.get("/api/dyad/{source}/{target}", tags=["api"])
    def api_dyad(store: StoreDep, source: str, target: str, page: Page = 1) -> dict:
        """A dyad's monthly timeline and one page of its events."""
        _check(source, target)
        return queries.dyad(store, source, target, page)

    @app.get("/api/events", tags=["api"])
    def api_events(
        store: StoreDep,
        source: Annotated[str | None, Query(pattern=CODE)] = None,
        target: Annotated[str | None, Query(pattern=CODE)] = None,
        actor: Annotated[str | None, Query(pattern=CODE)] = None,
        root: Annotated[str | None, Query(pattern=r"^\d\d$")] = None,
        text: Annotated[str | None, Query(max_length=200)] = None,
        page: Page = 1,
        size: Annotated[int, Query(ge=1, le=queries.MAX_PAGE_SIZE)] = queries.PAGE_SIZE,
    ) -> dict:
        """Events, filtered, one page at a time."""
        where = EventFilter(source=source, target=target, actor=actor, root=root, text=text)
        return queries.events_page(store, where, page, size)

    @app.get("/api/actor/{code}", tags=["api"])
    def api_actor(store: StoreDep, code: str) -> dict:
        """An actor's partners and ties."""
        _check(code)
        return queries.actor(store, code)

    @app.get("/api/article/{doc_id}", tags=["api"])
    def api_article(store: StoreDep, doc_id: str) -> dict:
        """An article's lines (kept or removed as furniture) and its events."""
        found = queries.article(store, doc_id)
        if found is None:
            raise HTTPException(404, f"no article {doc_id!r}")
        return found

    @app.get("/api/search", tags=["api"])
    def api_search(
        store: StoreDep, q: Annotated[str, Query(min_length=2, max_length=200)], page: Page = 1
    ) -> dict:
        """Events whose sentence contains the words."""
        return queries.search(store, q, page)

    # --- pages ------------------------------------------------------------------------

    def render(request: Request, name: str, **context) -> HTMLResponse:
        return templates.TemplateResponse(request, name, context)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def page_overview(request: Request, store: StoreDep) -> HTMLResponse:
        return render(request, "overview.html", data=queries.overview(store))

    @app.get("/dyad/{source}/{target}", response_class=HTMLResponse, include_in_schema=False)
    def page_dyad(
        request: Request, store: StoreDep, source: str, target: str, page: Page = 1
    ) -> HTMLResponse:
        _check(source, target)
        return render(request, "dyad.html", data=queries.dyad(store, source, target, page))

    @app.get("/actor/{code}", response_class=HTMLResponse, include_in_schema=False)
    def page_actor(request: Request, store: StoreDep, code: str) -> HTMLResponse:
        _check(code)
        return render(request, "actor.html", data=queries.actor(store, code))

    @app.get("/article/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def page_article(request: Request, store: StoreDep, doc_id: str) -> HTMLResponse:
        found = queries.article(store, doc_id)
        if found is None:
            raise HTTPException(404, f"no article {doc_id!r}")
        return render(request, "article.html", data=found)

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def page_search(
        request: Request,
        store: StoreDep,
        q: Annotated[str, Query(max_length=200)] = "",
        page: Page = 1,
    ) -> HTMLResponse:
        data = queries.search(store, q, page) if len(q) >= 2 else {"q": q, "events": None}
        return render(request, "search.html", data=data)

    @app.get("/api", response_class=HTMLResponse, include_in_schema=False)
    def page_api(request: Request) -> HTMLResponse:
        return render(request, "api.html", spec=app.openapi())

    return app


def _check(*codes: str) -> None:
    import re

    for code in codes:
        if not re.fullmatch(CODE, code):
            raise HTTPException(422, f"not an actor code: {code[:20]!r}")


def _is_url(db: str) -> bool:
    return db.startswith(("postgresql://", "postgres://"))


def database_exists(db: str) -> bool:
    return _is_url(db) or Path(db).exists()
