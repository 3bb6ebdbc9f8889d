"""Fill each language's start page with a tile per guide, most asked-about errands first.

docs/<lang>/index.md holds the marker `<!-- guides -->`; the tiles are made from the guides' front
matter (label, icon, errand), so a new guide appears on the start page without anyone editing it.
Icons are inlined SVG from Material's own icon set: no icon font or CDN."""

import html

import _shared  # noqa: F401
from medborgarguiden.guides import icon_path, load_guides
from medborgarguiden.site import ROOT

MARKER = "<!-- guides -->"


def tiles_markdown(lang: str) -> str:
    items = []
    for guide in load_guides(lang, ROOT):
        svg_file = icon_path(str(guide.meta.get("icon", "")))
        svg = svg_file.read_text(encoding="utf-8").strip() if svg_file else ""
        label = html.escape(str(guide.meta.get("label") or guide.meta.get("title")))
        items.append(f'- [<span class="mg-tile__icon" aria-hidden="true">{svg}</span>'
                     f'<span class="mg-tile__label">{label}</span>]({guide.slug}.md)')
    return '<div class="mg-tiles" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def on_page_markdown(markdown, page, config, files, **kwargs):
    if MARKER not in markdown:
        return markdown
    return markdown.replace(MARKER, tiles_markdown(config.theme["language"]))
