"""Config layering: flag > environment > config file > default, for the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SEED
from fake_openai import Reply


@pytest.mark.parametrize(
    ("config", "env", "flag", "expected"),
    [
        (None, None, None, "gpt-4o-mini"),  # default
        ("from-config", None, None, "from-config"),
        ("from-config", "from-env", None, "from-env"),
        ("from-config", "from-env", "from-flag", "from-flag"),
    ],
)
def test_model_precedence(cli, fake, seed_output, tmp_path: Path, config, env, flag, expected) -> None:
    if config:
        (tmp_path / "config.toml").write_text(f'model = "{config}"\n')  # SUMMARIZER_CONFIG points here
    fake.enqueue(Reply.json(seed_output))
    argv = ["summarize", str(SEED), "--base-url", fake.base_url, "--no-cache"]
    if flag:
        argv += ["--model", flag]
    result = cli(*argv, env={"SUMMARIZER_MODEL": env} if env else None)
    assert result.exit_code == 0, result.stderr
    assert fake.chat_requests[0].body["model"] == expected
    assert json.loads(result.stdout)["provenance"]["model"] == expected


def test_max_attempts_from_env_beats_config(cli, fake, tmp_path: Path) -> None:
    (tmp_path / "config.toml").write_text("max-attempts = 3\n")
    fake.default = Reply.content("not json")
    result = cli(
        "summarize", str(SEED), "--base-url", fake.base_url, "--no-cache", env={"SUMMARIZER_MAX_ATTEMPTS": "2"}
    )
    assert result.exit_code == 4
    assert len(fake.chat_requests) == 2
    assert "after 2 attempts" in result.stderr
