"""write_atomically: the new file appears whole or not at all; a failed write leaves the old one."""

from __future__ import annotations

import pytest

from pipeline.base.files import write_atomically


def test_a_file_is_replaced_whole_and_a_failed_write_leaves_the_old_one(tmp_path):
    path = tmp_path / ".build" / "published.json"
    write_atomically(path, lambda partial: partial.write_text('{"fingerprint": "a"}', encoding="utf-8"))
    assert path.read_text(encoding="utf-8") == '{"fingerprint": "a"}'

    def fails(partial):
        partial.write_text('{"finger', encoding="utf-8")
        raise OSError("disk full")

    with pytest.raises(OSError, match="disk full"):
        write_atomically(path, fails)
    assert path.read_text(encoding="utf-8") == '{"fingerprint": "a"}'  # never the half-written text
    assert sorted(p.name for p in path.parent.iterdir()) == ["published.json", "published.partial"]
