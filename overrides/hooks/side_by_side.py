"""Build, for every guide in a language other than Swedish, a page that shows it next to the Swedish
original section by section (scripts/medborgarguiden/side_by_side.py pairs the sections).

The page is rendered with the guide's own template context in the same per-language build, so it
has the guide's header, language switcher and styles, and is written beside the guide
(<lang>/<slug>-sv/ on the web, <lang>/<slug>-sv.html from disk) so that every relative link the
theme wrote for the guide still works. It is written straight to the site folder, not added as a
page: it is in no navigation, sitemap or search index (search results stay in one language).

Swedish is built first (mkdocs-static-i18n builds the default language, then the others), so the
Swedish bodies are kept here when the Swedish guides are rendered."""

import copy
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.toc import get_toc
from medborgarguiden import side_by_side as sbs
from medborgarguiden.build_languages import default_language, language_names
from medborgarguiden.guides import PASSED
from medborgarguiden.site import ROOT

_env = None
_originals: dict[str, dict] = {}  # slug -> the Swedish guide's url, title and sections


def on_env(env, config, files, **kwargs):
    global _env
    _env = env
    return env


def languages(config) -> tuple[str, dict[str, str]]:
    """The default language and every language's own name."""
    return default_language(config), language_names(config)


def on_files(files, config, **kwargs):
    """A guide named like another guide's side-by-side page would be overwritten by it."""
    lang, (default, _) = config.theme["language"], languages(config)
    slugs = {slug for f in files if (slug := sbs.guide_slug(f.src_uri, lang))}
    for slug in sorted(slugs):
        if f"{slug}-{default}" in slugs:
            raise PluginError(f"docs/{lang}/{slug}-{default}.md: this name is taken by the side-by-side "
                              f"page of docs/{lang}/{slug}.md. Rename the guide.")
    return files


@event_priority(-200)  # after every other hook and plugin has filled in the guide's context
def on_page_context(context, page, config, nav, **kwargs):
    lang, (default, names) = config.theme["language"], languages(config)
    slug = sbs.guide_slug(page.file.src_uri, lang)
    if slug is None:
        return context
    if lang == default:
        title, sections = sbs.split_sections(page.content)
        _originals[slug] = {"url": page.url, "title": title, "sections": sections}
        return context
    original = _originals.get(slug)
    if original is None:
        return context
    url = sbs.page_url(lang, slug, default, config.use_directory_urls)
    context["side_by_side_url"] = url
    _write(context, page, config, (lang, default, names, slug), url, original)
    return context


def _side(lang, names, title, sections, from_url, to_url):
    return {"lang": lang, "dir": sbs.direction(lang), "name": names.get(lang, lang), "title": title,
            "sections": {key: sbs.rebase_links(body, from_url, to_url) for key, body in sections.items()}}


def _write(context, page, config, langs, url, original):
    lang, default, names, slug = langs
    if ROOT.resolve() not in PASSED:  # guide_rules.py stops the build first; never copy unchecked text
        raise PluginError(f"docs/{lang}/{slug}.md: the guides have not passed scripts/validate.py. Fix what it says.")
    title, sections = sbs.split_sections(page.content)
    # A page nobody has translated yet holds the Swedish text, and its column says so.
    text_lang = default if page.meta.get("translation") == "needed" else lang
    visitor = _side(text_lang, names, title, sections, page.url, url)
    swedish = _side(default, names, original["title"], original["sections"], original["url"], url)
    ui = context.get("ui") or {}

    # A copy of the guide page that lives at the side-by-side address, so that the templates' `url`
    # filter makes every link relative to where this page really is.
    view = copy.copy(page)
    view.file = copy.copy(page.file)
    view.file.url = url
    view.content = sbs.combine(visitor, swedish, ui.get("side_by_side_lead", ""))
    view.toc = get_toc([{"level": 1, "id": "mg-sbs-title", "name": page.title, "children": []}])
    view.meta = {**page.meta, "title": f"{page.title} – {ui.get('side_by_side', '')}".strip(" –"),
                 "hide": ["navigation", "toc"]}
    view.canonical_url = None
    view.edit_url = None

    view_context = dict(context)
    view_context["page"] = view
    view_context["side_by_side_page"] = True
    view_context["guide_url"] = page.url
    # The language switcher keeps the visitor in the side-by-side view: another language's switch
    # goes to that language's side-by-side page, Swedish to the Swedish guide (partials/alternate.html).
    alternates = getattr(page.file, "alternates", None) or {}
    view_context["side_by_side_alternates"] = {
        other: sbs.page_url(other, slug, default, config.use_directory_urls)
        for other in alternates if other != default}
    template = _env.get_template(page.meta.get("template", "main.html"))
    output = template.render(view_context)
    dest = Path(config.site_dir) / sbs.dest_path(url)
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_text(output, encoding="utf-8")
