"""Content fingerprints that decide what a rebuild must redo (content hashes, never modification times).

- ``issue_fingerprint``: an issue is reparsed only when its raw bytes, its sidecar, the reference files or
  the code of the parse step change. That code is found from the imports of the parse step's entry
  modules (``PARSE_STEP``), followed through every ``pipeline`` module they import, at module level or inside
  a function (like OWID's ``checksum_input``), so no hand-kept list can miss a module; ``CODE_EPOCH`` forces
  every issue to be reparsed when bumped;
- ``package_fingerprint``: the package is republished only when an issue fingerprint, any code of the
  ``pipeline`` package, or the expectation suites change.

What is recorded is the fingerprint of what a build read: the parse step hashes its inputs
(``input_digests``) before reading them and again after parsing, and refuses to record an issue whose
files changed in between (``changed_inputs`` names them); the package records the fingerprints its issues
were parsed with, carried through the run, never a hash of the files taken after publishing.
"""

from __future__ import annotations

import ast
import hashlib
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping

from pipeline.base.changelog import release_version
from pipeline.base.paths import REPO_ROOT, ProjectPaths

PACKAGE_DIR = REPO_ROOT / "pipeline"
#: Bump to make every issue stale (e.g. after a change of behaviour outside the package, such as a library).
CODE_EPOCH = 2
#: The modules the parse step (``orchestration.parse_step.parse_and_store``) calls; their imports are followed to
#: find the parse step's code.
PARSE_STEP = ("pipeline.parse.issue", "pipeline.raw.snapshot", "pipeline.raw.references", "pipeline.checks.issue_rows",
              "pipeline.derive.per_issue", "pipeline.schema.frames", "pipeline.orchestration.parts",
              "pipeline.orchestration.fingerprint")


def _hash_files(files: Iterable[Path], root: Path) -> str:
    from pipeline.raw.snapshot import read_raw  # the one reader of raw files: errors name the file

    digest = hashlib.sha256()
    for path in sorted(files):
        rel = path.relative_to(root).as_posix()
        digest.update(rel.encode())
        digest.update(b"\0")
        digest.update(read_raw(path, rel))
        digest.update(b"\0")
    return digest.hexdigest()


def module_file(module: str, package_dir: Path) -> Path | None:
    """The source file of a ``pipeline`` module (a package's ``__init__.py``), None when there is none."""
    base = package_dir.joinpath(*module.split(".")[1:])
    for candidate in (base.with_suffix(".py"), base / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


def _imported_modules(path: Path, module: str) -> set[str]:
    """Every ``pipeline`` module a file imports, anywhere in it (``from pipeline.x import y`` may name a module y)."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_bytes(), filename=str(path))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return {m for m in found if m == "pipeline" or m.startswith("pipeline.")}


def code_files(roots: tuple[str, ...] = PARSE_STEP, package_dir: Path | None = None) -> tuple[Path, ...]:
    """The source files of ``roots`` and of every ``pipeline`` module they import, transitively, with the
    ``__init__.py`` of every package on the way (importing a module runs them)."""
    seen: set[str] = set()
    todo = list(roots)
    files: set[Path] = set()
    while todo:
        module = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        path = module_file(module, package_dir or PACKAGE_DIR)
        if path is None:
            continue  # a name imported from a module, not a module
        files.add(path)
        parts = module.split(".")
        todo += [".".join(parts[:i]) for i in range(1, len(parts))]
        todo += sorted(_imported_modules(path, module) - seen)
    return tuple(sorted(files))


def code_fingerprint(roots: tuple[str, ...] = PARSE_STEP, package_dir: Path | None = None) -> str:
    """The parse step's code (``CODE_EPOCH`` and the content of every file ``code_files`` finds)."""
    package_dir = package_dir or PACKAGE_DIR
    return _code_fingerprint(roots, package_dir, _stat_signature(package_dir))


def _stat_signature(package_dir: Path) -> tuple:
    """Only a cache key within one process (a build hashes the same files once, not once per issue)."""
    return tuple((str(p), p.stat().st_mtime_ns, p.stat().st_size) for p in sorted(package_dir.rglob("*.py")))


@lru_cache(maxsize=8)
def _code_fingerprint(roots: tuple[str, ...], package_dir: Path, _signature: tuple) -> str:
    files = code_files(roots, package_dir)
    return hashlib.sha256(f"epoch={CODE_EPOCH}|{_hash_files(files, package_dir)}".encode()).hexdigest()


def package_code_fingerprint(package_dir: Path | None = None) -> str:
    """Every Python file of the ``pipeline`` package."""
    package_dir = package_dir or PACKAGE_DIR
    return _hash_files(sorted(package_dir.rglob("*.py")), package_dir)


def current_fingerprints(paths: ProjectPaths) -> dict[str, str]:
    """Today's fingerprint of every issue file in raw/gazette."""
    from pipeline.raw.snapshot import discover

    return issue_fingerprints(paths, [p.stem for p in discover(paths)])


def issue_fingerprint(paths: ProjectPaths, issue_id: str) -> str:
    return issue_fingerprints(paths, [issue_id])[issue_id]


def issue_files(paths: ProjectPaths, issue_id: str) -> list[Path]:
    """The raw files of one issue: its text and its sidecar (those that exist)."""
    files = [paths.raw_gazette / f"{issue_id}.txt", paths.raw_gazette / f"{issue_id}.meta.json"]
    return [f for f in files if f.exists()]


def issue_fingerprints(paths: ProjectPaths, issue_ids: Iterable[str]) -> dict[str, str]:
    """The fingerprint of each issue; the references and the code are hashed once for all of them."""
    return fingerprints_of(input_digests(paths, issue_ids), issue_ids)


def input_digests(paths: ProjectPaths, issue_ids: Iterable[str]) -> dict[str, str]:
    """sha256 of every input file of ``issue_ids`` (their raw files and every reference file), by relative path,
    and of the parse step's code (key ``code``): what ``fingerprints_of`` turns into issue fingerprints."""
    files = [p for p in paths.raw_reference.iterdir() if p.is_file()]
    files += [f for issue_id in issue_ids for f in issue_files(paths, issue_id)]
    digests = {paths.relative(f): _hash_files([f], paths.root) for f in files}
    return {**digests, "code": code_fingerprint()}


def fingerprints_of(digests: Mapping[str, str], issue_ids: Iterable[str]) -> dict[str, str]:
    """Issue fingerprints from ``input_digests``: the issue's own files, every reference file, the code."""
    shared = [f"{k}={v}" for k, v in sorted(digests.items()) if k.startswith("raw/reference/")]
    out = {}
    for issue_id in issue_ids:
        names = (f"raw/gazette/{issue_id}.meta.json", f"raw/gazette/{issue_id}.txt")
        own = [f"{k}={digests[k]}" for k in names if k in digests]
        out[issue_id] = hashlib.sha256("|".join([*own, *shared, digests["code"]]).encode()).hexdigest()
    return out


def changed_inputs(before: Mapping[str, str], after: Mapping[str, str]) -> list[str]:
    """The inputs whose content differs between two ``input_digests`` (added and removed files included)."""
    return sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))


def package_fingerprint(paths: ProjectPaths, issue_fingerprints: Mapping[str, str]) -> str:
    parts = [f"{k}={v}" for k, v in sorted(issue_fingerprints.items())]
    parts.append(package_code_fingerprint())
    parts.append(_hash_files(sorted(paths.expectations.glob("*.json")), paths.root))
    parts.append(f"version={release_version(paths.root)}")  # a new CHANGELOG release republishes
    return hashlib.sha256("|".join(parts).encode()).hexdigest()
