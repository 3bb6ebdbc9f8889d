"""List the guides most asked-about errands first: as tiles on each language's start page, and in
the navigation (which would otherwise be alphabetical by file name).

docs/<lang>/index.md holds the marker `<!-- guides -->`; the tiles are made from the guides' front
matter (label, icon, errand), so a new guide appears on the start page without anyone editing it.
Icons are inlined SVG from Material's own icon set: no icon font or CDN."""

import html

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from medborgarguiden.guides import ERRANDS, icon_path, load_guides
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


def _rank(item, config) -> tuple:
    """Start page first, then guides by errand, then sections (staff, about) and other pages."""
    if not isinstance(item, Page):
        return (2, 0, "")
    if item.is_index:
        return (0, 0, "")
    if item.markdown is None:  # front matter is read when a page is built; the order is needed now
        item.read_source(config)
    errand = item.meta.get("errand")
    if errand in ERRANDS:
        return (1, ERRANDS.index(errand), str(item.meta.get("title", "")))
    return (2, 0, str(item.title or ""))


@event_priority(-150)  # after mkdocs-static-i18n (-100) has built this language's navigation
def on_nav(nav, config, files, **kwargs):
    nav.items.sort(key=lambda item: _rank(item, config))
    return nav
