"""List the guides most asked-about errands first: as tiles on each language's start page, and in
the navigation (which would otherwise be alphabetical by file name).

docs/<lang>/index.md holds the marker `<!-- guides -->`; the tiles are made from the guides' front
matter (label, icon, errand), so a new guide appears on the start page without anyone editing it.
Icons are inlined SVG from Material's own icon set: no icon font or CDN."""

import functools
import html

from mkdocs.plugins import event_priority
from mkdocs.structure.pages import Page
from medborgarguiden.build_languages import default_language
from medborgarguiden.guides import ERRANDS, icon_path, load_guides
from medborgarguiden.site import ROOT

MARKER = "<!-- guides -->"


@functools.cache
def guide_tiles(lang: str) -> tuple[tuple[str, str, str], ...]:
    """(slug, inline SVG icon, label HTML-escaped) of each guide, in the errands' order."""
    tiles = []
    for guide in load_guides(lang, ROOT):
        svg_file = icon_path(str(guide.meta.get("icon", "")))
        svg = svg_file.read_text(encoding="utf-8").strip() if svg_file else ""
        label = html.escape(str(guide.meta.get("label") or guide.meta.get("title")))
        tiles.append((guide.slug, svg, label))
    return tuple(tiles)


def tiles_markdown(lang: str) -> str:
    items = [f'- [<span class="mg-tile__icon" aria-hidden="true">{svg}</span>'
             f'<span class="mg-tile__label">{label}</span>]({slug}.md)' for slug, svg, label in guide_tiles(lang)]
    return '<div class="mg-tiles" markdown>\n\n' + "\n".join(items) + "\n\n</div>"


def errand_tiles(config) -> list[dict]:
    """The tiles for templates (the search's "nothing found" view, partials/search.html): each guide's
    address from the site root, icon and label."""
    lang = config.theme["language"]
    prefix = "" if lang == default_language(config) else f"{lang}/"
    ending = "/" if config.use_directory_urls else ".html"
    return [{"url": f"{prefix}{slug}{ending}", "icon": svg, "label": label}
            for slug, svg, label in guide_tiles(lang)]


def on_template_context(context, template_name, config, **kwargs):
    context["errand_tiles"] = errand_tiles(config)
    return context


def on_page_context(context, page, config, nav, **kwargs):
    context["errand_tiles"] = errand_tiles(config)
    return context


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
