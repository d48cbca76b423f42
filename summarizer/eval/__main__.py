"""``python -m summarizer.eval > schemas/gold.schema.json``: print the gold files' JSON Schema."""

import sys

from .gold import gold_schema

sys.stdout.write(gold_schema())
