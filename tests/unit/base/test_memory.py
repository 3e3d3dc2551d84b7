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


def test_polars_allocator_option_is_set_before_polars_loads_unless_the_environment_has_its_own(monkeypatch):
    import os
    import subprocess
    import sys

    code = "import pipeline, polars, os; print(os.environ['_RJEM_MALLOC_CONF'])"
    env = {k: v for k, v in os.environ.items() if k != memory.JEMALLOC_ENV}
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True).stdout
    assert out.strip().endswith("," + memory.JEMALLOC_CONF)  # polars' own options, then ours (the last one wins)
    monkeypatch.setenv(memory.JEMALLOC_ENV, "dirty_decay_ms:5000")
    memory.configure_allocators()
    assert os.environ[memory.JEMALLOC_ENV] == "dirty_decay_ms:5000"


def test_pyarrow_buffers_are_released_when_pyarrow_is_loaded(monkeypatch):
    released = []
    pool = type("Pool", (), {"release_unused": lambda self: released.append(1)})()
    monkeypatch.setitem(memory.sys.modules, "pyarrow", type("Arrow", (), {"default_memory_pool": lambda: pool}))
    monkeypatch.setattr(memory, "_libc", lambda: None)
    memory.release_memory(0)
    assert released == [1]
