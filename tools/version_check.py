#!/usr/bin/env python3
"""The release metadata agrees with itself: one version (Cargo's
[workspace.package]) in Cargo, in the workspace's own dependencies, in the
Python package (maturin reads Cargo's) and in the Kotlin POM, with a section
of CHANGELOG.md; the licence files of every package are the root's.

Run by `make version-check` (part of `make test`). Prints what differs and
exits 1, or prints the version."""

from __future__ import annotations

import re
import sys
import tomllib
from pathlib import Path
from xml.etree import ElementTree

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["core", "store", "cli", "arrow", "bindings-python", "bindings-kotlin"]
LICENCES = ["LICENSE-MIT", "LICENSE-APACHE"]


def main() -> int:
    problems: list[str] = []
    cargo = tomllib.loads((ROOT / "Cargo.toml").read_text())
    version = cargo["workspace"]["package"]["version"]
    for name, dep in cargo["workspace"]["dependencies"].items():
        if isinstance(dep, dict) and "path" in dep and dep.get("version") != version:
            problems.append(f"Cargo.toml: the workspace dependency {name} has version {dep.get('version')}, not {version}")
    for package in PACKAGES + ["fuzz", "bindings-kotlin/uniffi-bindgen"]:
        manifest = tomllib.loads((ROOT / package / "Cargo.toml").read_text())["package"]
        if manifest.get("version") != {"workspace": True}:
            problems.append(f"{package}/Cargo.toml: the version is not the workspace's (version.workspace = true)")
    pyproject = tomllib.loads((ROOT / "bindings-python/pyproject.toml").read_text())["project"]
    if "version" in pyproject or "version" not in pyproject.get("dynamic", []):
        problems.append("bindings-python/pyproject.toml: the version must be dynamic (read from Cargo by maturin)")
    pom = ElementTree.parse(ROOT / "bindings-kotlin/pom.xml").getroot()
    pom_version = pom.findtext("{http://maven.apache.org/POM/4.0.0}version")
    if pom_version != version:
        problems.append(f"bindings-kotlin/pom.xml: version {pom_version}, not {version}")
    changelog = (ROOT / "CHANGELOG.md").read_text()
    if not re.search(rf"^## \[{re.escape(version)}\]", changelog, re.M):
        problems.append(f"CHANGELOG.md: no section `## [{version}]`")
    for licence in LICENCES:
        text = (ROOT / licence).read_bytes()
        for package in PACKAGES:
            copy = ROOT / package / licence
            if not copy.exists() or copy.read_bytes() != text:
                problems.append(f"{package}/{licence}: missing or not the root's")
    for problem in problems:
        print(problem, file=sys.stderr)
    if not problems:
        print(version)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
