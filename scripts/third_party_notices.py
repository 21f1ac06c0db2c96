#!/usr/bin/env python3
"""Writes the notices of the code a release links in: the Swift runtime's license and, for each
Swift package whose modules the link lists, its LICENSE and NOTICE files (Apache 2.0 asks
for both to travel with a binary). The packages are read off SwiftPM's link file lists, so
a package the release does not link (the dev server's web framework, say) is not named.

    third_party_notices.py SCRATCH_PATH LINK_FILE_LIST... > THIRD_PARTY_NOTICES.txt
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

NOTICE_NAMES = ("LICENSE", "LICENSE.txt", "LICENSE.md", "NOTICE", "NOTICE.txt")


def linked_modules(link_file_lists: list[Path]) -> dict[str, Path]:
    """The modules whose object files the links list (…/NAME.build/[dir/]file.o): name -> the
    module's build folder."""
    modules = {}
    for listing in link_file_lists:
        for line in listing.read_text().splitlines():
            path = Path(line.strip().strip("'\""))
            folder = next((p for p in path.parents if p.suffix == ".build"), None)
            if folder:
                modules[folder.stem] = folder
    return modules


def package_versions(scratch: Path) -> dict[str, str]:
    state = json.loads((scratch / "workspace-state.json").read_text())
    return {dependency["packageRef"]["identity"]: dependency["state"].get("checkoutState", {}).get("version", "")
            for dependency in state["object"]["dependencies"]}


def package_of(module: str, folder: Path, checkouts: Path) -> str | None:
    """The checkout that holds a module's sources: read off the build's list of them (Swift
    modules), else the package with a Sources/MODULE folder (C modules); None for this
    project's own modules."""
    listed = folder / "sources"
    if listed.is_file():
        for line in listed.read_text().splitlines():
            source = Path(line.strip())
            if checkouts in source.parents:
                return source.relative_to(checkouts).parts[0]
        return None
    owners = [p.name for p in sorted(checkouts.iterdir()) if (p / "Sources" / module).is_dir()]
    return owners[0] if owners else None


def packages_of(modules: dict[str, Path], checkouts: Path) -> dict[str, list[str]]:
    """Package checkout name -> the linked modules whose sources it holds."""
    owners: dict[str, list[str]] = {}
    for module, folder in sorted(modules.items()):
        package = package_of(module, folder, checkouts)
        if package:
            owners.setdefault(package, []).append(module)
    return dict(sorted(owners.items()))


def swift_runtime_license() -> Path:
    swift = shutil.which("swift")
    if not swift:
        sys.exit("third_party_notices.py: no swift on PATH (the runtime's license comes with it)")
    return Path(swift).resolve().parent.parent / "share" / "swift" / "LICENSE.txt"


def section(title: str, files: list[Path]) -> str:
    body = "\n\n".join(f"--- {f.name} ---\n{f.read_text().strip()}" for f in files)
    return f"{'=' * 78}\n{title}\n{'=' * 78}\n\n{body}\n\n"


def main() -> int:
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    scratch = Path(sys.argv[1]).resolve()
    modules = linked_modules([Path(a) for a in sys.argv[2:]])
    versions = package_versions(scratch)
    out = ["libairops links in the code below, under these licenses.\n\n",
           section("The Swift standard library and runtime (linked statically)", [swift_runtime_license()])]
    for package, package_modules in packages_of(modules, scratch / "checkouts").items():
        files = [scratch / "checkouts" / package / n for n in NOTICE_NAMES
                 if (scratch / "checkouts" / package / n).is_file()]
        if not files:
            sys.exit(f"third_party_notices.py: {package} has no license file")
        title = f"{package} {versions.get(package, '')}".strip() + f" (modules: {', '.join(package_modules)})"
        out.append(section(title, files))
    sys.stdout.write("".join(out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
