"""Fixtures for the engine tests that load the bundled model (marked slow)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def model_path() -> Path:
    """The bundled GGUF model (assembled once into the user cache dir); skip without it."""
    import platformdirs

    from summarizer.engines.model_files import resolve_model_path

    try:
        return resolve_model_path(None, Path(platformdirs.user_cache_dir("summarizer")))
    except Exception as err:  # noqa: BLE001 - the parts are part of the `local` extra
        pytest.skip(f"bundled model not available: {err}")
