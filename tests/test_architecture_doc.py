"""docs/architecture.md names every module, so a module split by stage is never left undocumented.

`inputs/` and `service/` are described as a whole (their modules are private stages of one
public function or one app); every other module is named in the table by its file name."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOC = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
DESCRIBED_WHOLE = ("inputs", "service")
MODULES = sorted(
    p.relative_to(ROOT / "summarizer").as_posix()
    for p in (ROOT / "summarizer").rglob("*.py")
    if p.name not in ("__init__.py", "__main__.py")
)


@pytest.mark.parametrize("module", MODULES)
def test_every_module_is_named_in_the_architecture_doc(module: str) -> None:
    package = module.split("/")[0] if "/" in module else None
    if package in DESCRIBED_WHOLE:
        assert f"`{package}/`" in DOC
    else:
        assert Path(module).name in DOC, f"{module} is not described in docs/architecture.md"
