"""A reproducible release zip of the published package, with SHA256SUMS.

``dist/<name>-<version>.zip`` holds one folder ``<name>-<version>/`` with the descriptor, every data file it
lists (CSV and Parquet), every other file the build left in curated/ (the views script, validation reports, a
workbook) except the DuckDB database, the example queries, the guide and the data dictionary, and README,
CHANGELOG, CITATION, LICENSE and DATA-RIGHTS; plus ``SHA256SUMS`` of those files (``sha256sum -c`` inside the
folder). Next to the zip, ``SHA256SUMS`` lists the zip itself.

The descriptor's version must be one that CHANGELOG.md describes (``## [X.Y.Z] - YYYY-MM-DD``; the build takes
it from the top released section, ``pipeline.base.changelog``), else nothing is written.

Same inputs, same bytes: entries sorted by path, a fixed timestamp (1980-01-01 00:00, the zip epoch), fixed
permissions (0644 regular files), no extra fields, DEFLATE at level 9. Before writing, every data file is
checked against the size and sha256 the descriptor records, so a release never ships files that disagree
with their metadata.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

from pipeline.base.files import descriptor_file_problems
from pipeline.base.paths import REPO_ROOT

ZIP_DATE_TIME = (1980, 1, 1, 0, 0, 0)
FILE_MODE = 0o100644
COMPRESS_LEVEL = 9
SUMS_NAME = "SHA256SUMS"

#: Files at the root of the repository every release carries.
ROOT_FILES = ("README.md", "CHANGELOG.md", "CITATION.cff", "LICENSE", "DATA-RIGHTS.md")
#: Documentation every release carries.
DOC_FILES = ("docs/guide.md", "docs/data-dictionary.md")
#: Files of curated/ never released (the DuckDB file differs between runs and is rebuilt from the Parquet).
EXCLUDED_PREFIXES = ("gazette.duckdb",)


class ReleaseError(Exception):
    """The package cannot be released as it is (a file missing or disagreeing with the descriptor)."""


@dataclass(frozen=True)
class Bundle:
    zip_path: Path
    sums_path: Path
    members: tuple[str, ...]
    sha256: str


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def sums_text(digests: dict[str, str]) -> str:
    """A ``sha256sum``-compatible listing (``<hex>  <path>``), sorted by path."""
    return "".join(f"{digests[path]}  {path}\n" for path in sorted(digests))


def release_name(descriptor: dict) -> str:
    return f"{descriptor['name']}-{descriptor['version']}"


def check_version_described(root: Path, descriptor: dict) -> None:
    """A release ships only a version that CHANGELOG.md describes (a released section ``## [X.Y.Z] - date``)."""
    from pipeline.base.changelog import CHANGELOG_NAME, changelog_path, described
    from pipeline.base.errors import SourceError

    version = str(descriptor.get("version"))
    try:
        ok = described(root, version)
    except SourceError as exc:
        raise ReleaseError(str(exc)) from None
    if not ok:
        shown = CHANGELOG_NAME if changelog_path(root).parent == Path(root) else str(changelog_path(root))
        raise ReleaseError(f"{shown}: expected a released section '## [{version}] - YYYY-MM-DD' describing "
                           f"version {version} of datapackage.json; add it (what changed, `gazette diff OLD NEW`) "
                           "and rebuild, or rebuild so that datapackage.json takes the changelog's version")


def collect_members(root: Path, descriptor: dict) -> dict[str, Path]:
    """Archive path (relative, POSIX) -> file, for everything a release of ``root`` carries."""
    members: dict[str, Path] = {"datapackage.json": root / "datapackage.json"}
    for resource in descriptor.get("resources", []):
        members[resource["path"]] = root / resource["path"]
        if "parquet" in resource:
            members[resource["parquet"]["path"]] = root / resource["parquet"]["path"]
    curated = root / "curated"
    if curated.is_dir():
        for path in sorted(curated.iterdir()):
            if path.is_file() and not path.name.startswith(".") and not path.name.startswith(EXCLUDED_PREFIXES):
                members.setdefault(f"curated/{path.name}", path)
    queries = root / "queries"
    if queries.is_dir():
        for path in sorted(queries.glob("*.sql")):
            members[f"queries/{path.name}"] = path
    for rel in (*DOC_FILES, *ROOT_FILES):
        members[rel] = root / rel
    missing = sorted(rel for rel, path in members.items() if not path.is_file())
    if missing:
        raise ReleaseError("files a release needs are missing: " + ", ".join(missing))
    return dict(sorted(members.items()))


def _zip_info(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=ZIP_DATE_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    info.create_system = 3  # Unix, so external_attr carries the permissions
    info.external_attr = FILE_MODE << 16
    return info


def write_zip(files: dict[str, bytes], zip_path: Path) -> None:
    """Write ``files`` (archive path -> content) as a deterministic zip: sorted, fixed time and permissions."""
    zip_path.parent.mkdir(parents=True, exist_ok=True)
    tmp = zip_path.with_name(zip_path.name + ".tmp")
    with zipfile.ZipFile(tmp, "w") as archive:
        for name in sorted(files):
            archive.writestr(_zip_info(name), files[name], compress_type=zipfile.ZIP_DEFLATED,
                             compresslevel=COMPRESS_LEVEL)
    tmp.replace(zip_path)


def build_bundle(root: Path = REPO_ROOT, out_dir: Path | None = None) -> Bundle:
    """Check and zip the package under ``root`` into ``out_dir`` (default ``<root>/dist``)."""
    descriptor_path = root / "datapackage.json"
    if not descriptor_path.is_file():
        raise ReleaseError(f"{descriptor_path}: no datapackage.json; build the package first")
    descriptor = json.loads(descriptor_path.read_text(encoding="utf-8"))
    problems = descriptor_file_problems(root, descriptor)
    if problems:
        raise ReleaseError("the package disagrees with its descriptor:\n  " + "\n  ".join(problems))
    check_version_described(root, descriptor)
    name = release_name(descriptor)
    members = collect_members(root, descriptor)
    contents = {rel: path.read_bytes() for rel, path in members.items()}
    contents[SUMS_NAME] = sums_text({rel: sha256_bytes(data) for rel, data in contents.items()}).encode("utf-8")
    out_dir = out_dir if out_dir is not None else root / "dist"
    zip_path = out_dir / f"{name}.zip"
    write_zip({f"{name}/{rel}": data for rel, data in contents.items()}, zip_path)
    digest = sha256_bytes(zip_path.read_bytes())
    sums_path = out_dir / SUMS_NAME
    sums_path.write_bytes(sums_text({zip_path.name: digest}).encode("utf-8"))
    return Bundle(zip_path=zip_path, sums_path=sums_path, members=tuple(sorted(contents)), sha256=digest)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: as `gazette --root DIR release`, the global --root must not be overwritten by this default
    parser.add_argument("--root", type=Path, default=argparse.SUPPRESS,
                        help="folder holding datapackage.json and curated/ (default: the repository)")
    parser.add_argument("--out", type=Path, default=None, help="output folder (default: <root>/dist)")


def run(args: argparse.Namespace) -> int:
    """``gazette release``: write the zip and SHA256SUMS, print where; 1 with a message if it cannot."""
    try:
        bundle = build_bundle(Path(getattr(args, "root", REPO_ROOT)), args.out)
    except ReleaseError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{bundle.zip_path} ({len(bundle.members)} files, sha256 {bundle.sha256})")
    print(f"{bundle.sums_path}")
    return 0


def main_bundle(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="gazette release", description=__doc__.splitlines()[0])
    add_arguments(parser)
    return run(parser.parse_args(argv))


if __name__ == "__main__":
    sys.exit(main_bundle())
