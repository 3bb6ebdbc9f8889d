"""Give the templates what a guide page shows around its text: the site's own UI strings in the
page's language (overrides/strings/<lang>.yml), the "last checked" date written the way that
language writes dates, and a link to the Swedish original for pages no person has reviewed."""

from pathlib import Path

import yaml
from babel import Locale
from babel.dates import format_date

_STRINGS_DIR = Path(__file__).resolve().parents[1] / "strings"
_strings: dict[str, dict] = {}


def strings(lang: str) -> dict:
    if lang not in _strings:
        sv = yaml.safe_load((_STRINGS_DIR / "sv.yml").read_text(encoding="utf-8"))
        own_file = _STRINGS_DIR / f"{lang}.yml"
        own = yaml.safe_load(own_file.read_text(encoding="utf-8")) if own_file.is_file() else {}
        _strings[lang] = {**sv, **(own or {})}
    return _strings[lang]


def on_files(files, config, **kwargs):
    """The strings files sit in the theme folder beside the templates that use them; they are build
    input, not something to publish."""
    for file in [f for f in files if f.src_uri.startswith("strings/") and f.src_uri.endswith(".yml")]:
        files.remove(file)
    return files


def on_page_context(context, page, config, nav, **kwargs):
    lang = config.theme["language"]
    context["ui"] = strings(lang)
    meta = page.meta
    checked = meta.get("checked")
    if checked:
        context["checked_text"] = format_date(checked, format="long", locale=lang)
    # A copy of the Swedish text that nobody has translated yet (translation: needed) gets the same
    # notice and link to the Swedish original as a machine translation.
    if meta.get("translation") in ("machine", "needed"):
        original = getattr(page.file, "alternates", {}).get("sv")
        if original is not None:
            context["original_url"] = original.url
    if meta.get("translation") == "needed":
        page.content = swedish_text(page.content, lang)
    return context


# The shared-computer reminder (on_page_content) is in the page's language, even on a page whose
# text is still Swedish.
_REMINDER = '<div class="admonition warning mg-shared-pc"'


def swedish_text(content: str, lang: str) -> str:
    """Mark an untranslated page's text as Swedish, so screen readers read it with a Swedish voice
    and an Arabic or Persian page lays it out left to right."""
    direction = "rtl" if Locale.parse(lang).character_order == "right-to-left" else "ltr"
    content = content.replace(_REMINDER, f'<div lang="{lang}" dir="{direction}" class="admonition warning mg-shared-pc"')
    return f'<div lang="sv" dir="ltr">{content}</div>'


def on_page_content(html, page, config, files, **kwargs):
    """Before the steps of a guide that sends people to an e-service with a login, remind them how
    to leave a shared computer safely."""
    if not page.meta.get("eservice"):
        return html
    ui = strings(config.theme["language"])
    reminder = (
        '<div class="admonition warning mg-shared-pc" role="note">'
        f'<p class="admonition-title">{ui["shared_pc_title"]}</p>'
        f'<p>{ui["shared_pc_text"]}</p></div>'
    )
    return html.replace('<h2 id="steps"', reminder + '<h2 id="steps"', 1)
