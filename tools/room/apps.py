"""The workshop's apps: ``make workshop`` serves ``_workshop/apps/``, never the book's notebooks.

Each chapter notebook (``book/<topic>.ipynb``, in the book's order from
:data:`exercises.CHAPTERS`) and every notebook of the ``tools/room/`` folder (the
facilitator's dashboard) is copied into ``_workshop/apps/`` (ignored by git and by the book
build), written afresh on every start:

* outputs are cleared: the committed ones are the static site's, and each app makes its own
  live (``LEADING_PRODUCTS_RENDER=live``);
* the chapter's MyST becomes plain Markdown a participant can read: labels ``(name)=`` are
  dropped, ``:::{admonition}`` blocks become boxes, citations become "(Reinertsen 2009)" from
  ``book/references.bib`` and glossary terms their text (both from ``tools/lab/workcopy.py``),
  cross-references ``{ref}`` become the title of the section they point at, and any other role
  keeps its text;
* every app gets a hidden first code cell (``tools/room/kernel.py``) that hands the kernel
  altair's offline chart script, made once here, instead of each kernel building it again
  (about 100 MB and 2 s a kernel); a chapter app's first cell also shows a place for the
  participant's display name, filled by a hidden last cell once the page's request (and its
  ``?name=``) has reached the preheated kernel.

Voilà's page template (``leading-products``, from ``tools/room/template/``, extending
Voilà's ``lab`` template) is written next to the apps with the list of apps for the landing
page, where a participant types a display name once.

Usage: ``python tools/room/apps.py [--target DIR] [--saving]``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(ROOT / "tools" / "lab"))
import workcopy  # noqa: E402  (tools/lab/workcopy.py: citations and terms for Lab, reused here)

BOOK = ROOT / "book"
WORKSHOP = ROOT / "tools" / "room"  # the facilitator's notebooks (the dashboard)
TARGET = ROOT / "_workshop"
HERE = Path(__file__).resolve().parent
TEMPLATE = "leading-products"
#: The module both hidden cells import; copied next to the apps (the kernels' working folder).
HELPER = "lp_workshop"
#: altair's offline JupyterChart script, made once per start (see ``tools/room/kernel.py``).
CHART_BUNDLE = "jupyterchart-offline.json"

_LABEL = re.compile(r"^\(([\w-]+)\)=\s*$")
_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*$")
_FENCE = re.compile(r"^(:{3,}|`{3,})\{([\w-]+)\}\s*(.*?)\s*$")
_OPTION = re.compile(r"^:[\w-]+:")
_REF = re.compile(r"\{(?:ref|doc|numref)\}`([^`<]+?)(?:\s*<([^>`]+)>)?`")
_ROLE = re.compile(r"\{[\w:-]+\}`([^`<]+?)(?:\s*<[^>`]+>)?`")
_KINDS = {"note", "tip", "warning", "important", "caution", "attention", "hint", "seealso", "danger", "error"}


def section_titles(sources: list[Path]) -> dict[str, str]:
    """Each MyST label ``(name)=`` of the chapters, as the heading that follows it."""
    titles = {}
    for source in sources:
        notebook = json.loads(source.read_text(encoding="utf-8"))
        for cell in notebook["cells"]:
            if cell["cell_type"] != "markdown":
                continue
            label = None
            for line in "".join(cell["source"]).splitlines():
                if match := _LABEL.match(line):
                    label = match.group(1)
                elif label and (heading := _HEADING.match(line)):
                    titles[label] = heading.group(1)
                    label = None
                elif line.strip():
                    label = None
    return titles


def _refs(text: str, titles: dict[str, str]) -> str:
    def replace(match):
        given, target = match.group(1).strip(), match.group(2)
        if target:  # {ref}`the text <label>`: the text is what the reader sees
            return given
        return titles.get(given, given.replace("-", " ").replace("_", " "))
    return _REF.sub(replace, text)


def _admonitions(text: str) -> str:
    """``:::{admonition} Title`` (or ``{note}``, ``{tip}``...) blocks -> an HTML box with Markdown inside."""
    out: list[str] = []
    stack: list[str] = []  # the fence of each open block
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        if match := _FENCE.match(line):
            fence, name, title = match.groups()
            i += 1
            kind = "note" if name == "admonition" else name
            while i < len(lines) and _OPTION.match(lines[i]):  # :class: tip and the like
                option = lines[i].split(":", 2)
                if option[1] == "class" and option[2].strip() in _KINDS:
                    kind = option[2].strip()
                i += 1
            if name != "admonition" and not title:
                title = name.capitalize()
            kind = kind if kind in _KINDS else "note"
            stack.append(fence)
            out += [f'<div class="lp-admonition lp-admonition-{kind}" role="note">', ""]
            if title:
                out += [f'<p class="lp-admonition-title">{html.escape(title)}</p>', ""]
            continue
        if stack and line.strip() == stack[-1]:
            stack.pop()
            out += ["", "</div>", ""]
            i += 1
            continue
        out.append(line)
        i += 1
    out += ["", "</div>"] * len(stack)  # an unclosed block still closes its box
    return "\n".join(out)


def plain_markdown(text: str, works: dict[str, tuple[str, str]], titles: dict[str, str]) -> str:
    """A MyST Markdown cell as plain Markdown (and a little HTML) that Voilà renders cleanly."""
    text = "\n".join(line for line in text.splitlines() if not _LABEL.match(line))
    text = workcopy.plain_terms(workcopy.readable_citations(text, works))
    text = _ROLE.sub(lambda match: match.group(1).strip(), _refs(text, titles))
    return _admonitions(text)


def _cell(source: str, hidden_id: str) -> dict:
    return {"cell_type": "code", "execution_count": None, "id": hidden_id,
            "metadata": {"tags": ["lp-workshop"]}, "outputs": [], "source": source}


def _chart_bundle(path: Path) -> None:
    """Write altair's offline JupyterChart script (what ``enable_offline`` builds in every kernel)."""
    import altair as alt

    alt.JupyterChart.enable_offline(True)
    path.write_text(json.dumps({"altair": alt.__version__, "esm": alt.JupyterChart._esm}), encoding="utf-8")


def app_notebook(source: Path, works, titles, participant: bool) -> dict:
    """One app: the notebook with no outputs, plain Markdown, the workshop's first cell and (for a
    chapter) the name cells."""
    notebook = workcopy.working_notebook(source, works, markdown=lambda text: plain_markdown(text, works, titles))
    cells = notebook["cells"]
    first = next((i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells))
    if participant:  # after the title, before the first exercise
        cells.insert(first, _cell(f"from {HELPER} import place\nplace();", "lp-workshop-place"))
        cells.append(_cell(f"from {HELPER} import join\njoin();", "lp-workshop-join"))
    else:
        cells.insert(first, _cell(f"from {HELPER} import place\nplace(name=False);", "lp-workshop-place"))
    return notebook


def title_of(notebook: dict, fallback: str) -> str:
    """The notebook's first Markdown heading (its title), or ``fallback``."""
    for cell in notebook["cells"]:
        if cell["cell_type"] == "markdown":
            for line in "".join(cell["source"]).splitlines():
                if match := _HEADING.match(line):
                    return re.sub(r"[*_`]", "", match.group(1))
    return fallback


def chapter_sources(topics: list[str] | None = None) -> list[Path]:
    """The chapter notebooks in the book's order (``exercises.CHAPTERS``), or only ``topics``."""
    sys.path.insert(0, str(ROOT))
    from exercises import CHAPTERS
    unknown = set(topics or ()) - set(CHAPTERS)
    if unknown:
        raise SystemExit(f"no such chapter: {', '.join(sorted(unknown))} (chapters: {', '.join(CHAPTERS)})")
    return [BOOK / f"{topic}.ipynb" for topic in CHAPTERS
            if (BOOK / f"{topic}.ipynb").is_file() and (topics is None or topic in topics)]


def workshop_sources(folder: Path = WORKSHOP) -> list[Path]:
    """Every notebook of the ``tools/room/`` folder (the facilitator's dashboard)."""
    return sorted(p for p in folder.glob("*.ipynb")) if folder.is_dir() else []


def _template(target: Path, chapters: list[tuple[str, str]], tools: list[tuple[str, str]], saving: bool) -> Path:
    folder = target / "share" / "voila" / "templates" / TEMPLATE
    shutil.copytree(HERE / "template", folder)

    def items(apps):
        return "\n".join(f'    <li><a class="lp-app" href="{{{{ base_url }}}}voila/render/{html.escape(path)}">'
                         f"{html.escape(title)}</a></li>" for path, title in apps)
    listing = ['<h2 id="lp-chapters-heading">Chapters</h2>',
               '<ul class="lp-apps" aria-labelledby="lp-chapters-heading">', items(chapters), "</ul>"]
    if tools:
        listing += ['<h2 id="lp-tools-heading">For the facilitator</h2>',
                    '<ul class="lp-apps" aria-labelledby="lp-tools-heading">', items(tools), "</ul>"]
    (folder / "apps.html").write_text("\n".join(listing) + "\n", encoding="utf-8")
    form = (folder / "name-form.html").read_text(encoding="utf-8") if saving else ""
    (folder / "name.html").write_text(form, encoding="utf-8")
    return folder


def make(target: Path = TARGET, saving: bool = False, workshop: Path | None = WORKSHOP,
         topics: list[str] | None = None) -> dict:
    """Write the apps and the page template into ``target`` (replacing what was there).

    ``topics`` limits the chapters (default: all); ``workshop=None`` leaves out ``workshop/``.

    Returns ``{"apps": folder, "template": folder, "chapters": [(path, title)], "tools": [...]}``.
    """
    if target.exists():
        shutil.rmtree(target)
    apps = target / "apps"
    apps.mkdir(parents=True)
    shutil.copy(HERE / "kernel.py", apps / f"{HELPER}.py")
    _chart_bundle(target / CHART_BUNDLE)
    chapters_src = chapter_sources(topics)
    tools_src = workshop_sources(workshop) if workshop is not None else []
    clash = {p.name for p in chapters_src} & {p.name for p in tools_src}
    if clash:
        raise SystemExit(f"workshop/ has a notebook named like a chapter: {', '.join(sorted(clash))}")
    works, titles = workcopy.bibliography(), section_titles(chapter_sources())
    found: dict[str, list[tuple[str, str]]] = {"chapters": [], "tools": []}
    for kind, sources in (("chapters", chapters_src), ("tools", tools_src)):
        for source in sources:
            notebook = app_notebook(source, works, titles, participant=kind == "chapters")
            (apps / source.name).write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n",
                                            encoding="utf-8")
            found[kind].append((source.name, title_of(notebook, source.stem)))
    folder = _template(target, found["chapters"], found["tools"], saving)
    return {"apps": apps, "template": folder, **found}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=Path, default=TARGET, help="folder to write (default: _workshop/)")
    parser.add_argument("--saving", action="store_true", help="answers are saved: ask for a display name")
    args = parser.parse_args(argv)
    made = make(args.target, args.saving)
    print(f"{len(made['chapters'])} chapter apps and {len(made['tools'])} facilitator apps in {made['apps']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
