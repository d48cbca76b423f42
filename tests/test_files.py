"""The one atomic-write helper (summarizer.files)."""

from __future__ import annotations

import os
import stat

import pytest

from summarizer.files import atomic_writer, write_atomic


def _mode(path: os.PathLike[str]) -> int:
    return stat.S_IMODE(os.stat(path).st_mode)


def test_write_atomic_replaces_the_file_and_leaves_no_temp_file(tmp_path):
    target = tmp_path / "out.json"
    target.write_text("old")
    write_atomic(target, "néw\n")
    assert target.read_bytes() == "néw\n".encode()
    write_atomic(target, b"\x00bytes")
    assert target.read_bytes() == b"\x00bytes"
    assert os.listdir(tmp_path) == ["out.json"]


@pytest.mark.skipif(os.name != "posix", reason="POSIX permission bits")
def test_write_atomic_mode_is_as_open_would_give_unless_given(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "plain", "x")
        with atomic_writer(tmp_path / "shared", mode=0o644) as fh:
            fh.write(b"x")
    finally:
        os.umask(old)
    assert _mode(tmp_path / "plain") == 0o640  # 0o666 less the umask, not mkstemp's 0o600
    assert _mode(tmp_path / "shared") == 0o644  # exactly, whatever the umask


def test_a_failed_write_leaves_the_old_file_and_no_temp_file(tmp_path):
    target = tmp_path / "model.gguf"
    target.write_bytes(b"good")
    with pytest.raises(ValueError, match="bad digest"):
        with atomic_writer(target) as fh:
            fh.write(b"half")
            raise ValueError("bad digest")
    assert target.read_bytes() == b"good"
    assert os.listdir(tmp_path) == ["model.gguf"]


def test_write_atomic_into_a_missing_directory_raises_oserror(tmp_path):
    with pytest.raises(FileNotFoundError):
        write_atomic(tmp_path / "missing" / "out.txt", "x")
