"""release_memory: a full garbage collection only after work on many rows (it costs 0.2 s in a build), the heap
handed back to the OS every time."""

from __future__ import annotations

from pipeline.base import memory


def test_a_collection_only_after_work_on_many_rows(monkeypatch):
    collections, trims = [], []
    monkeypatch.setattr(memory.gc, "collect", lambda: collections.append(1))
    monkeypatch.setattr(memory, "_libc", lambda: type("Libc", (), {"malloc_trim": lambda self, pad: trims.append(pad)})())
    memory.release_memory(540)  # the real issue's indicator_values
    assert collections == [] and trims == [0]
    memory.release_memory(memory.LARGE_ROWS + 1)
    assert collections == [1] and trims == [0, 0]


def test_without_glibc_nothing_is_trimmed(monkeypatch):
    monkeypatch.setattr(memory, "_libc", lambda: None)
    memory.release_memory(0)  # no error where there is no malloc_trim (macOS, musl)
