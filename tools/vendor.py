"""Copy the pinned browser scripts from node_modules into the site's static folder.

The versions are pinned in package.json and locked, with integrity hashes, in
package-lock.json; `npm ci` fetches exactly those from the npm registry. This script copies
the few files the pages need into ``_build/static/vendor/``, which Sphinx publishes as
``_static/vendor/``. Nothing third-party is committed.

Run from the repository root: ``python tools/vendor.py``.
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "_build" / "static" / "vendor"

# (package, file inside the package, name on the site)
FILES = [
    ("vega", "build/vega.min.js", "vega.min.js"),
    ("vega-lite", "build/vega-lite.min.js", "vega-lite.min.js"),
    ("vega-embed", "build/vega-embed.min.js", "vega-embed.min.js"),
    ("requirejs", "require.js", "require.js"),
    ("@jupyter-widgets/html-manager", "dist/embed-amd.js", "embed-amd.js"),
]
# The widget manager's icon fonts sit beside embed-amd.js and are loaded relative to it.
FONT_SUFFIXES = (".woff2", ".woff", ".ttf", ".eot", ".svg")


def main() -> int:
    lock = json.loads((ROOT / "package-lock.json").read_text())["packages"]
    if OUT.exists():
        shutil.rmtree(OUT)
    OUT.mkdir(parents=True)
    for package, inside, name in FILES:
        folder = ROOT / "node_modules" / package
        wanted = lock[f"node_modules/{package}"]["version"]
        found = json.loads((folder / "package.json").read_text())["version"] if folder.exists() else None
        if found != wanted:
            print(f"vendor: {package} is {found or 'not installed'}, package-lock.json pins {wanted}; run npm ci",
                  file=sys.stderr)
            return 1
        shutil.copyfile(folder / inside, OUT / name)
    dist = ROOT / "node_modules" / "@jupyter-widgets" / "html-manager" / "dist"
    for font in dist.iterdir():
        if font.suffix in FONT_SUFFIXES:
            shutil.copyfile(font, OUT / font.name)
    total = sum(f.stat().st_size for f in OUT.iterdir())
    print(f"vendor: {len(list(OUT.iterdir()))} files, {total / 1e6:.1f} MB in {OUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
