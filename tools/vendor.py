"""Copy the pinned browser scripts from node_modules into the site's static folder.

The versions are pinned in package.json and locked, with integrity hashes, in
package-lock.json; `npm ci` fetches exactly those from the npm registry. This script copies
the files the pages need into ``_build/static/vendor/``, which Sphinx publishes as
``_static/vendor/``. Nothing third-party is committed.

The folder is not ``_static/`` at the book root on purpose: Jupyter Book adds every
``.js``/``.css`` file of that folder to every page, and these weigh megabytes.

What each page loads from here:

* charts: ``vega`` and ``vega-embed`` (see ``exercises/kit/display.py``), fetched when the
  first chart nears the screen. Not ``vega-lite``: every chart is compiled to Vega when the
  notebooks are executed, so no page ships or runs the Vega-Lite compiler (issue #25).

MathJax is not copied: ``tools/math_svg.py`` draws every formula as SVG with it when the book is
built, so no page loads it (issue #25). Its version is still checked here (:data:`BUILD_ONLY`).

Remote CSS ``@import url(http...)`` rules are removed from the copied bundles, so that a version
that adds one cannot make a page call another host.

Source-map comments (``//# sourceMappingURL=...``) are removed from the copied scripts: the maps
are not shipped, and a browser whose developer tools are open would ask for each one and log a
missing file.

No page holds widget state (every exercise's static face is a chart or a quiz, see
``exercises/kit/live.py``), so the Jupyter widget manager is not shipped; a page that held some
would ask a CDN for it, and ``tests/test_site.py`` would fail.

``tests/test_site.py`` proves the result in a browser. Run from the repository root:
``python tools/vendor.py``.
"""

from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
NODE = ROOT / "node_modules"
OUT = ROOT / "_build" / "static" / "vendor"

# (package, file inside the package, path on the site under vendor/)
FILES = [
    ("vega", "build/vega.min.js", "vega.min.js"),
    ("vega-embed", "build/vega-embed.min.js", "vega-embed.min.js"),
]
# (package, folder inside the package, folder on the site under vendor/): copied whole.
FOLDERS: list[tuple[str, str, str]] = []
#: Packages the build runs but no page loads, checked against package-lock.json all the same.
BUILD_ONLY = {"mathjax"}
# A CSS import of a stylesheet on another host, as it appears in a bundle's CSS strings.
REMOTE_IMPORT = re.compile(r"""@import\s+url\(\s*\\?['"]?(?:https?:)?//[^)]*\)\s*;?""")
# A source-map comment on a line of its own (JavaScript ``//#`` or CSS ``/*# ... */``), as bundles end.
SOURCE_MAP = re.compile(r"""^[ \t]*(?://[#@][ \t]*sourceMappingURL=[^\r\n]*|/\*[#@][ \t]*sourceMappingURL=[^*]*\*/)[ \t]*\r?\n?""",
                        re.MULTILINE)


def strip_remote_imports(path: Path) -> int:
    """Remove every remote ``@import url(...)`` from ``path``; return how many were removed."""
    text = path.read_text(encoding="utf-8")
    text, count = REMOTE_IMPORT.subn("", text)
    if count:
        path.write_text(text, encoding="utf-8")
    return count


def strip_source_maps(path: Path) -> int:
    """Remove every source-map comment line from ``path`` (the maps are not shipped); return how many."""
    if b"sourceMappingURL" not in path.read_bytes():
        return 0
    text = path.read_text(encoding="utf-8")
    text, count = SOURCE_MAP.subn("", text)
    if count:
        path.write_text(text, encoding="utf-8")
    return count


def _check_versions(packages: set[str]) -> list[str]:
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    problems = []
    for package in sorted(packages):
        wanted = lock.get(f"node_modules/{package}", {}).get("version")
        manifest = NODE / package / "package.json"
        found = json.loads(manifest.read_text())["version"] if manifest.exists() else None
        if wanted is None:
            problems.append(f"{package} is not in package-lock.json; add it with npm install --save-exact")
        elif found != wanted:
            problems.append(f"{package} is {found or 'not installed'}, package-lock.json pins {wanted}; run npm ci")
    return problems


def main() -> int:
    packages = {p for p, _, _ in FILES} | {p for p, _, _ in FOLDERS} | BUILD_ONLY
    problems = _check_versions(packages)
    if problems:
        for problem in problems:
            print(f"vendor: {problem}", file=sys.stderr)
        return 1
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for package, inside, name in FILES:
        (OUT / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NODE / package / inside, OUT / name)
        if name.endswith((".js", ".css")):
            stripped = strip_remote_imports(OUT / name)
            if stripped:
                print(f"vendor: removed {stripped} remote @import(s) from {name}")
    for package, inside, name in FOLDERS:
        shutil.copytree(NODE / package / inside, OUT / name)
    maps = sum(strip_source_maps(f) for f in OUT.rglob("*") if f.suffix in (".js", ".css"))
    if maps:
        print(f"vendor: removed {maps} source-map comment(s)")
    files = [f for f in OUT.rglob("*") if f.is_file()]
    total = sum(f.stat().st_size for f in files)
    print(f"vendor: {len(files)} files, {total / 1e6:.1f} MB in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
