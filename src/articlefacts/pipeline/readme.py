"""The parts of README.md and README.vi.md that quote numbers: the lead paragraph and the figure gallery, so
that the front pages can never disagree with the notebooks. Nothing is redrawn or re-derived here.

The lead is the coder's (``lead_en`` / ``lead_vi`` in the article's metadata), every number in it checked
against the facts and derived values (:func:`articlefacts.telling.headlines.check_numbers`); an article without
one gets the sentences that state what its headline and lead report, else its figures' titles. The gallery
reads the captions the notebooks wrote (``data/processed/findings/*.json``). All text goes through
:func:`articlefacts.markdown.escape`.

``python -m articlefacts.pipeline.readme`` rewrites the marked blocks in both files; ``--check`` only reports
whether they are current (the tests use it).
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from articlefacts.errors import ArticleFactsError
from articlefacts.markdown import escape
from articlefacts.outputs import write_text
from articlefacts.paths import FIGURES_DIR, META, PROCESSED_DIR, resolve

READMES = {"en": "README.md", "vi": "README.vi.md"}
NOTEBOOKS = ("01-clean-article", "02-compare-qualifications", "03-rotation-outcomes")


def read_findings(notebook: str, language: str = "en", processed_dir: str = PROCESSED_DIR) -> dict:
    """The findings file a notebook wrote: {notebook, language, findings: [...], lead: [...], figures: {name:
    caption}}."""
    path = resolve(processed_dir) / "findings" / f"{notebook}.{language}.json"
    return json.loads(path.read_text(encoding="utf-8"))


def findings(language: str = "en", processed_dir: str = PROCESSED_DIR) -> str:
    """One bullet per finding sentence of notebooks 02 and 03, escaped for Markdown."""
    return "\n".join(f"- {escape(sentence)}" for notebook in NOTEBOOKS[1:]
                     for sentence in read_findings(notebook, language, processed_dir)["findings"])


def written_lead(language: str, processed_dir: str = PROCESSED_DIR, meta_path: str = META) -> str:
    """The coder's lead (``lead_<language>`` in the metadata), its numbers checked against the processed facts and
    derived values; '' when the metadata has none. Raises ArticleFactsError naming a number that is not the
    article's."""
    from articlefacts.reading.inputs import read_meta
    from articlefacts.reading.schemas import load_table
    from articlefacts.telling.headlines import check_numbers

    meta = read_meta(resolve(meta_path))
    text = meta.get(f"lead_{language}", "")
    if not text:
        return ""
    facts, derived = load_table("facts", processed_dir), load_table("derived", processed_dir)
    return check_numbers(text, facts, derived, meta, f"the field 'lead_{language}' of the metadata")


def lead(language: str = "en", processed_dir: str = PROCESSED_DIR, meta_path: str = META) -> str:
    """The lead paragraph: the coder's (:func:`written_lead`); else what the headline and lead report, where the
    article prints numbers there; else the profile figures' titles and the first rotation finding."""
    text = written_lead(language, processed_dir, meta_path)
    if text:
        return escape(text)
    sentences = []
    for notebook in NOTEBOOKS[1:]:
        found = read_findings(notebook, language, processed_dir)
        titles = [cap["title"] + "." for cap in found["figures"].values()] if notebook == NOTEBOOKS[1] else []
        sentences += found.get("lead") or titles or found["findings"][:1]
    return escape(" ".join(sentences))


def gallery(language: str = "en", processed_dir: str = PROCESSED_DIR, figures_dir: str = FIGURES_DIR) -> str:
    """Every figure of the edition with short alt text (its title and subtitle, which carry its numbers), and
    links to the other edition's PNG and to both SVGs."""
    other = "vi" if language == "en" else "en"
    word = {"en": "Tiếng Việt", "vi": "English"}[language]
    lines = []
    for notebook in NOTEBOOKS[1:]:
        for name, cap in read_findings(notebook, language, processed_dir)["figures"].items():
            alt = escape(" ".join(s.rstrip(".") + "." for s in (cap["title"], cap["subtitle"]) if s))
            lines += [f"![{alt}]({figures_dir}/{language}/{name}.png)", "",
                      f"{word}: [{name}.png]({figures_dir}/{other}/{name}.png) · "
                      f"SVG: [en]({figures_dir}/en/{name}.svg), [vi]({figures_dir}/vi/{name}.svg)", ""]
    return "\n".join(lines).rstrip()


def blocks(language: str = "en", processed_dir: str = PROCESSED_DIR) -> dict[str, str]:
    """Block name → its generated Markdown, for the README of ``language``."""
    return {"lead": lead(language, processed_dir), "findings": findings(language, processed_dir),
            "gallery": gallery(language, processed_dir)}


def render(text: str, blocks: dict[str, str]) -> str:
    """``text`` with each ``<!-- name:start -->…<!-- name:end -->`` block it holds replaced (a block it does not
    hold is left out)."""
    for name, body in blocks.items():
        start, end = f"<!-- {name}:start -->", f"<!-- {name}:end -->"
        if start not in text:
            continue
        head, _, rest = text.partition(start)
        _, _, tail = rest.partition(end)
        note = "<!-- generated by `make readme` from the metadata and data/processed; do not edit -->"
        text = f"{head}{start}\n{note}\n{body}\n{end}{tail}"
    return text


def main(argv: list[str]) -> int:
    """Rewrite the README blocks, or with --check say whether they are current."""
    stale = []
    for language, name in READMES.items():
        path = resolve(name)
        current = path.read_text(encoding="utf-8")
        updated = render(current, blocks(language))
        if updated != current:
            stale.append(name)
            if "--check" not in argv:
                write_text(updated, Path(path))
    if "--check" in argv and stale:
        print(f"{', '.join(stale)} out of date with data/processed\nHow to fix: run `make readme`", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except ArticleFactsError as err:
        sys.exit(f"error: {err.what}\nHow to fix: {err.fix}")
