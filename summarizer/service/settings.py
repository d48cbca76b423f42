"""The service's typed settings: where to listen, who may call, how much to accept.

Owns `ServiceSettings` (one object for the app factory, built by `summarizer serve`
from the same flags, env vars and config file as the CLI) and reading API keys. The
model configuration is the CLI's own `summarizer.config.Settings`, kept whole in
`ServiceSettings.summarizer`, so an option added there reaches the service too.
Does not build engines or apps.
"""

from __future__ import annotations

import dataclasses
import ipaddress
import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import ConfigError

__all__ = ["KEYS_ENV", "ServiceSettings", "is_loopback", "read_api_keys"]

KEYS_ENV = "SUMMARIZER_SERVICE_KEYS"
# Settings handed to `--workers N` worker processes (keys are re-read by each worker
# from the same file or env var; the upstream key stays in OPENAI_API_KEY).
SETTINGS_ENV = "SUMMARIZER_SERVICE_SETTINGS"
STORE_NAME = "service.sqlite3"


@dataclass
class ServiceSettings:
    """Everything `create_app` needs.

    Attributes:
        summarizer: the model configuration (engine, model, endpoint, cache, strategy, ...).
        api_keys: bearer keys clients must present; empty means no authentication
            (then only loopback addresses may be bound).
        api_key_file: where `api_keys` came from, re-read by extra worker processes.
        concurrency: model calls in flight at once, over sync requests and jobs together
            (1 for the embedded model: one generation at a time).
        rpm: requests-per-minute budget for the endpoint (None: unlimited).
        tpm: tokens-per-minute budget for the endpoint (None: unlimited).
        max_body_bytes: largest request body accepted (413 beyond).
        max_waiting: sync summaries in progress or waiting for a model slot; more get 429.
        max_jobs: unfinished (queued or running) jobs; more get 429.
        job_slots: jobs running at once; the rest stay queued.
        shutdown_grace: seconds SIGTERM waits for running model calls before stopping.
        store_path: the job store (default ``service.sqlite3`` beside the cache).
        config_file: the TOML config file, for the [prices] table.
        retry_after: seconds suggested to clients that get 429.
    """

    summarizer: Settings = field(default_factory=Settings)
    api_keys: tuple[str, ...] = field(default=(), repr=False)
    api_key_file: Path | None = None
    concurrency: int = 8
    rpm: float | None = None
    tpm: float | None = None
    max_body_bytes: int = 2_000_000
    max_waiting: int = 64
    max_jobs: int = 100
    job_slots: int = 4
    shutdown_grace: float = 30.0
    store_path: Path | None = None
    config_file: Path | None = None
    retry_after: int = 2

    def __repr__(self) -> str:
        # config.Settings' own repr shows the upstream key; a settings dump in a log must not.
        inner = dataclasses.replace(self.summarizer, api_key="***" if self.summarizer.api_key else None)
        shown = {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.repr and f.name != "summarizer"}
        return f"ServiceSettings(summarizer={inner!r}, " + ", ".join(f"{k}={v!r}" for k, v in shown.items()) + ")"

    def resolved_store_path(self) -> Path:
        """The job store file: `store_path`, else ``service.sqlite3`` in the cache dir."""
        if self.store_path is not None:
            return Path(self.store_path).expanduser()
        return self.summarizer.resolved_cache_dir() / STORE_NAME

    def to_env(self) -> str:
        """JSON for worker processes; without keys (each worker reads them itself)."""
        data = dataclasses.asdict(self)
        data.pop("api_keys")
        data["summarizer"].pop("api_key", None)  # the upstream key stays in its own env var
        return json.dumps(data, default=str)

    @classmethod
    def from_env(cls) -> ServiceSettings:
        """The settings a `--workers` parent process left in the environment."""
        raw = os.environ.get(SETTINGS_ENV)
        if not raw:
            raise ConfigError(f"{SETTINGS_ENV} is not set: start the service with `summarizer serve`")
        data: dict[str, Any] = json.loads(raw)
        inner = data.pop("summarizer")
        for name in ("cache_dir", "recordings"):
            if inner.get(name) is not None:
                inner[name] = Path(inner[name])
        for name in ("api_key_file", "store_path", "config_file"):
            if data.get(name) is not None:
                data[name] = Path(data[name])
        settings = cls(summarizer=Settings(**inner), **data)
        settings.api_keys = read_api_keys(settings.api_key_file)
        return settings


def read_api_keys(path: Path | None) -> tuple[str, ...]:
    """Keys from `path` (one per line; blank lines and ``#`` comments skipped), else
    from SUMMARIZER_SERVICE_KEYS (comma-separated); () when neither is given.

    Raises:
        ConfigError: the file cannot be read or holds no key.
    """
    if path is not None:
        try:
            lines = Path(path).expanduser().read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as err:
            raise ConfigError(f"--api-key-file {path}: cannot read ({getattr(err, 'strerror', None) or err})") from None
        keys = tuple(k for k in (line.strip() for line in lines) if k and not k.startswith("#"))
        if not keys:
            raise ConfigError(f"--api-key-file {path}: no key in the file (one key per line)")
        return keys
    env = os.environ.get(KEYS_ENV, "")
    return tuple(k for k in (part.strip() for part in env.split(",")) if k)


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
