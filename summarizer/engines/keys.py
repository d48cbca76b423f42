"""Which API key goes to which endpoint: a key stays with its endpoint.

OPENAI_API_KEY goes only to OpenAI and to OPENAI_BASE_URL (the openai SDK's pairing);
any other base URL gets SUMMARIZER_API_KEY or the variable named by ``api_key_env``,
else no key at all. Never logs or returns a key in a message.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from ..errors import ConfigError

__all__ = ["OPENAI_URL", "key_hint", "resolve_api_key"]

OPENAI_URL = "https://api.openai.com/v1"


def _normal_url(url: str) -> str:
    return url.strip().rstrip("/").lower()


def _is_openai(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme == "https" and parts.hostname == "api.openai.com"


def resolve_api_key(
    base_url: str | None, *, api_key: str | None = None, api_key_env: str | None = None
) -> tuple[str | None, str]:
    """The API key for an endpoint, and where it came from (for messages; never the key).

    The key stays with its endpoint:

    1. `api_key`, when the caller passes one explicitly;
    2. the environment variable named by `api_key_env` (an error when it is unset);
    3. OPENAI_API_KEY, only for OpenAI itself (no base URL, or api.openai.com) and for
       the URL in OPENAI_BASE_URL (the pairing the openai SDK uses);
    4. SUMMARIZER_API_KEY, for any endpoint;
    5. otherwise no key: a user's OpenAI key never goes to an unrelated ``--base-url``.

    Args:
        base_url: the endpoint; None means OpenAI.
        api_key: an explicit key.
        api_key_env: the name of an environment variable that holds the key.

    Returns:
        ``(key or None, description of its source)``.

    Raises:
        ConfigError: `api_key_env` names a variable that is not set.
    """
    if api_key:
        return api_key, "the api_key argument"
    if api_key_env:
        value = os.environ.get(api_key_env)
        if not value:
            raise ConfigError(f"--api-key-env {api_key_env}: the environment variable {api_key_env} is not set")
        return value, f"${api_key_env} (--api-key-env)"
    env_base = os.environ.get("OPENAI_BASE_URL")
    paired = (
        base_url is None
        or _is_openai(base_url)
        or (bool(env_base) and _normal_url(base_url) == _normal_url(env_base or ""))
    )
    if paired and os.environ.get("OPENAI_API_KEY"):
        return os.environ["OPENAI_API_KEY"], "OPENAI_API_KEY"
    if os.environ.get("SUMMARIZER_API_KEY"):
        return os.environ["SUMMARIZER_API_KEY"], "SUMMARIZER_API_KEY"
    return None, "no key"


def key_hint(base_url: str | None) -> str:
    if base_url is None or _is_openai(base_url):
        return "check OPENAI_API_KEY"
    return (
        "set SUMMARIZER_API_KEY or name the variable holding the key with --api-key-env NAME "
        "(OPENAI_API_KEY is sent only to OpenAI and to OPENAI_BASE_URL)"
    )
