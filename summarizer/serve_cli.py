"""The `summarizer serve` command: the HTTP service (summarizer.service) under uvicorn.

Owns the command's own options (address, keys, limits), the refusal to listen beyond
loopback without API keys, and SIGTERM (stop accepting, let running model calls
finish, leave jobs resumable). The model options themselves (engine, model, endpoint,
cache, strategy, concurrency, pacing, ...) are the shared declarations of
`summarizer.cli_options`, as for `summarizer batch`, so the two cannot drift apart, and
the config file reaches them the same way (``ctx.default_map``, set by the root).

Registered on the main app by `summarizer.cli` (``register_serve(app)``). Imports
nothing heavy at import time.
"""

# No `from __future__ import annotations` here: typer reads each command's annotations
# on every start, and evaluating them from strings cost ~20 ms of `summarizer --help`.
import os
import signal
from pathlib import Path
from typing import Annotated, Any

import typer

from .cli_errors import add_command, fail, setup_logging
from .cli_options import ConcurrencyOpt, D, RpmOpt, TpmOpt, cli_state, model_options, model_settings, option

__all__ = ["register_serve", "serve"]


@model_options(without=("context_tokens", "chunk_overlap"))
def serve(
    ctx: typer.Context,
    host: Annotated[
        str,
        option(
            env="SUMMARIZER_SERVICE_HOST", metavar="HOST", help="Address to listen on (non-loopback needs API keys)."
        ),
    ] = "127.0.0.1",
    port: Annotated[
        int, option(env="SUMMARIZER_SERVICE_PORT", metavar="PORT", min=0, max=65535, help="Port (0: any free one).")
    ] = 8000,
    workers: Annotated[
        int,
        option(
            metavar="N", min=1, max=64, help="Worker processes (they share the job store; 1 for the embedded model)."
        ),
    ] = 1,
    api_key_file: Annotated[
        Path | None,
        option(
            "--api-key-file",
            metavar="FILE",
            help="File of API keys clients must send as Authorization: Bearer KEY, one per line "
            "[default: SUMMARIZER_SERVICE_KEYS, comma-separated].",
        ),
    ] = None,
    max_body: Annotated[
        int,
        option(
            env="SUMMARIZER_SERVICE_MAX_BODY",
            metavar="BYTES",
            min=1024,
            help="Largest request body in bytes (413 beyond).",
        ),
    ] = 2_000_000,
    max_waiting: Annotated[
        int,
        option(
            env="SUMMARIZER_SERVICE_MAX_WAITING", metavar="N", min=1, help="Sync summaries in progress (429 beyond)."
        ),
    ] = 64,
    max_jobs: Annotated[
        int, option(env="SUMMARIZER_SERVICE_MAX_JOBS", metavar="N", min=1, help="Queued or running jobs (429 beyond).")
    ] = 100,
    job_slots: Annotated[
        int, option(env="SUMMARIZER_SERVICE_JOB_SLOTS", metavar="N", min=1, help="Jobs running at once.")
    ] = 4,
    shutdown_grace: Annotated[
        float,
        option(
            env="SUMMARIZER_SERVICE_GRACE",
            metavar="SECONDS",
            min=0.0,
            help="Seconds SIGTERM waits for running model calls.",
        ),
    ] = 30.0,
    concurrency: ConcurrencyOpt = D.concurrency,
    rpm: RpmOpt = D.rpm,
    tpm: TpmOpt = D.tpm,
) -> None:
    """Serve the HTTP API: summaries now, background jobs, reports, health, metrics, OpenAPI.

    Uses the same configuration as the other commands (flags > SUMMARIZER_* env >
    config file). Without an endpoint it serves the embedded model, one generation at
    a time. Without API keys it listens on loopback only.

    Examples:

    \b
      summarizer serve --base-url http://127.0.0.1:8080/v1 --concurrency 32
      SUMMARIZER_SERVICE_KEYS=k1,k2 summarizer serve --host 0.0.0.0 --port 8000
      curl -s localhost:8000/v1/summaries -H 'content-type: application/json' -d '{"text": "..."}'
    """
    setup_logging(ctx.params["verbose"], ctx.params["debug"])
    from .errors import ConfigError
    from .service.settings import KEYS_ENV, SETTINGS_ENV, ServiceSettings, is_loopback, read_api_keys

    keys = read_api_keys(api_key_file)
    if not keys and not is_loopback(host):
        raise fail(
            f"refusing to listen on {host} without API keys: pass --api-key-file FILE or set {KEYS_ENV} "
            "(or listen on 127.0.0.1)",
            2,
        )
    model_config = model_settings(ctx)
    settings = ServiceSettings(
        summarizer=model_config, api_keys=keys, api_key_file=api_key_file, concurrency=concurrency, rpm=rpm, tpm=tpm,
        max_body_bytes=max_body, max_waiting=max_waiting, max_jobs=max_jobs, job_slots=job_slots,
        shutdown_grace=shutdown_grace, config_file=cli_state(ctx).config_file,
    )  # fmt: skip
    if workers > 1 and model_config.engine_kind() == "local":
        raise ConfigError("--workers must be 1 for the embedded model (each worker would load its own copy)")
    _run(settings, host, port, workers, SETTINGS_ENV)


def register_serve(app: typer.Typer) -> None:
    """Add the ``serve`` command to `app`."""
    add_command(app, "serve")(serve)


def _run(settings: Any, host: str, port: int, workers: int, settings_env: str) -> None:
    import uvicorn

    from .service.app import create_app
    from .service.runtime import Service

    common: dict[str, Any] = {
        "host": host, "port": port, "log_config": None, "timeout_graceful_shutdown": settings.shutdown_grace,
        "server_header": False,
    }  # fmt: skip
    if workers > 1:
        from uvicorn.supervisors import Multiprocess

        check = Service(settings)
        check.prepare()  # a bad setting fails here, once, with one line
        assert check.store is not None
        check.store.close()
        os.environ[settings_env] = settings.to_env()
        config = uvicorn.Config("summarizer.service.app:app_from_env", factory=True, workers=workers, **common)
        sock = config.bind_socket()  # bound here, shared by the workers; port 0 is resolved now
        name = sock.getsockname()
        typer.echo(f"summarizer: serving on http://{name[0]}:{name[1]} with {workers} workers", err=True)
        Multiprocess(config, sockets=[sock]).run()
        return
    app = create_app(settings)
    service = app.state.service
    service.prepare()

    class Server(uvicorn.Server):
        def handle_exit(self, sig: int, frame: Any) -> None:
            service.begin_drain()  # SIGTERM: no new model calls; running ones finish
            super().handle_exit(sig, frame)

    server = Server(uvicorn.Config(app, **common))

    # Say where we listen once the socket is bound (port 0 picks one).
    async def announce() -> None:
        for s in server.servers:
            for sock in s.sockets:
                name = sock.getsockname()
                typer.echo(f"summarizer: serving on http://{name[0]}:{name[1]}", err=True)

    original_startup = server.startup

    async def startup(sockets: Any = None) -> None:
        await original_startup(sockets=sockets)
        if server.started:
            await announce()

    server.startup = startup  # type: ignore[method-assign]
    # uvicorn re-raises the signal it stopped on, after restoring the handlers it found;
    # a graceful stop is a success, so the restored handler only notes it.
    stopped_by: list[int] = []
    for sig in (signal.SIGTERM, signal.SIGINT):
        signal.signal(sig, lambda signum, frame: stopped_by.append(signum))
    server.run()
    if not server.started:
        raise fail("the service did not start (see the lines above)", 1)
    typer.echo("summarizer: stopped" + (" (unfinished jobs resume on the next start)" if stopped_by else ""), err=True)
