"""Give the templates what a guide page shows around its text: the site's own UI strings in the
page's language (overrides/strings/<lang>.yml), the "last checked" date written the way that
language writes dates, a link to the Swedish original for pages no person has reviewed, and a notice
on translations older than the Swedish guide. A page not translated yet (translation: needed) shows
the Swedish guide as it is now, never the copy made when the guide was started."""

import re
from pathlib import Path

from babel.dates import format_date
from mkdocs.plugins import event_priority

from medborgarguiden import frontmatter
from medborgarguiden.build_languages import default_language
from medborgarguiden.locales import babel_locale, direction
from medborgarguiden.safe_yaml import YamlProblem
from medborgarguiden.site import ROOT
from medborgarguiden.translation_status import collect
from medborgarguiden.ui_strings import strings


def on_files(files, config, **kwargs):
    """The strings files sit in the theme folder beside the templates that use them; they are build
    input, not something to publish."""
    for file in [f for f in files if f.src_uri.startswith("strings/") and f.src_uri.endswith(".yml")]:
        files.remove(file)
    return files


def on_template_context(context, template_name, config, **kwargs):
    """Pages that are not Markdown pages (the 404 page) need the same strings and language facts; the
    404 page also speaks to visitors of every language, each in their own (overrides/404.html)."""
    context["ui"] = strings(config.theme["language"])
    context["default_language"] = default_language(config)
    if template_name == "404.html":
        index = "" if config.use_directory_urls else "index.html"
        context["not_found_languages"] = [
            {"lang": alt["lang"], "dir": direction(alt["lang"]), "home": strings(alt["lang"])["not_found_home"],
             "prefix": ("" if alt["lang"] == context["default_language"] else alt["lang"] + "/") + index}
            for alt in config.extra.get("alternate", [])]
    return context


# Fields a page not translated yet takes from the Swedish guide, with its text.
_FROM_SOURCE = ("title", "label", "description", "services", "eservice")


@event_priority(100)  # before the other hooks read the text (service links, reminders, side by side)
def on_page_markdown(markdown, page, config, files, **kwargs):
    """A page not translated yet gets the Swedish guide's current text, so a guide started from the
    template and written later never shows visitors the template's placeholders in other languages."""
    if page.meta.get("translation") != "needed":
        return markdown
    lang, _, rest = page.file.src_uri.partition("/")
    source = Path(config.docs_dir) / default_language(config) / rest
    if not rest or not source.is_file():
        return markdown
    front = frontmatter.read(source.read_text(encoding="utf-8"))
    if isinstance(front, YamlProblem):
        return markdown  # the check has stopped the build already
    page.meta.update({key: front.meta[key] for key in _FROM_SOURCE if key in front.meta})
    return front.body


_outdated: set[tuple[str, str]] | None = None


def outdated() -> set[tuple[str, str]]:
    """(lang, slug) of every translation older than its Swedish guide; read once per build."""
    global _outdated
    if _outdated is None:
        _outdated = {(r.lang, r.slug) for r in collect(ROOT).records if r.state == "outdated"}
    return _outdated


def on_page_context(context, page, config, nav, **kwargs):
    lang = config.theme["language"]
    context["ui"] = strings(lang)
    context["default_language"] = default_language(config)
    meta = page.meta
    checked = meta.get("checked")
    # The date a person checked the facts belongs to a text; a page not translated yet has none of its own.
    if checked and meta.get("translation") != "needed":
        context["checked_text"] = format_date(checked, format="long", locale=babel_locale(lang))
    slug = page.file.src_uri.removeprefix(f"{lang}/").removesuffix(".md")
    original = getattr(page.file, "alternates", {}).get(default_language(config))
    if meta.get("translation") in ("machine", "reviewed") and (lang, slug) in outdated():
        context["outdated_url"] = original.url if original is not None else ""
    # A copy of the Swedish text that nobody has translated yet (translation: needed) gets the same
    # notice and link to the Swedish original as a machine translation.
    if meta.get("translation") in ("machine", "needed") and original is not None:
        context["original_url"] = original.url
    return context


# "What you need" is a checklist the visitor can tick off. Markdown gives bare, disabled checkboxes
# with no accessible name; wrapping each item's text in a <label> names the box for screen readers
# and makes the whole line clickable.
_TASK_ITEM = re.compile(r'<li class="task-list-item"><input type="checkbox" disabled/?>((?:(?!<[uo]l|</li>).)*)</li>', re.S)


def checklist_with_labels(html: str) -> str:
    # The text in one span: the label is a flex row (box, then text), and loose text runs beside a fact's
    # <span> would each be a column of their own, wider than a phone's screen.
    return _TASK_ITEM.sub(
        r'<li class="task-list-item"><label class="mg-check"><input type="checkbox"><span>\1</span></label></li>', html)


def on_page_content(html, page, config, files, **kwargs):
    return checklist_with_labels(html)
