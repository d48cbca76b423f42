"""Evaluation against gold annotations: gold models and loader, scoring, report views.

Pure: results and gold in, a typed report out (`evaluate`). The `summarizer eval`
command (``summarizer.eval_cli``) runs the pipeline and prints; nothing here calls a
model or writes files.
"""

from .gold import GoldArticle, GoldError, LoadedGold, load_gold, load_gold_dir
from .score import EvalReport, evaluate, score_article

__all__ = [
    "EvalReport",
    "GoldArticle",
    "GoldError",
    "LoadedGold",
    "evaluate",
    "load_gold",
    "load_gold_dir",
    "score_article",
]
