"""Split the combined search index into one index per language.

mkdocs-static-i18n writes one search index for all languages, so a search on an Arabic page would
download every language and show results from all of them, and the default lunr trimmer deletes
Cyrillic and Ethiopic words. After the build this hook writes one index per language, with that
language's stemmer where lunr has one and no ASCII-only trimmer where it would delete words:

    search/search_index.json          Swedish (the default language, at the site root)
    <lang>/search/search_index.json   every other language, locations relative to <lang>/

The templates point Material's search at the page's own language by setting the search base
(overrides/main.html, block config). The library edition also gets search_index.js files, which the
offline plugin's file:// loader reads instead of the JSON.
"""

from __future__ import annotations

import json
import os

from mkdocs.plugins import event_priority

# lunr pipeline per language. Material keeps only the listed functions. Languages with a lunr
# stemmer (sv, en, ar, ru) use it; for the others any English stemmer or trimmer would damage words.
PIPELINES = {
    "sv": ["trimmer", "stopWordFilter", "stemmer"],
    "en": ["trimmer", "stopWordFilter", "stemmer"],
    "ar": ["trimmer", "stopWordFilter", "stemmer"],
    "ru": ["trimmer", "stopWordFilter", "stemmer"],
}
# Languages that Material's search worker can load a lunr language file for.
LUNR_LANGUAGES = {"sv", "ar", "ru"}


def _languages(config) -> tuple[str, list[str]]:
    i18n = config.plugins["i18n"].config
    default = next(lang.locale for lang in i18n.languages if lang.default)
    return default, [lang.locale for lang in i18n.languages if lang.build]


def index_config(lang: str, combined_config: dict) -> dict:
    """The combined index's settings (fields, boosts, separator), with this language's lunr setup."""
    return {
        **combined_config,
        "lang": [lang if lang in LUNR_LANGUAGES else "en"],
        "pipeline": PIPELINES.get(lang, []),
    }


def split_index(index: dict, default: str, languages: list[str]) -> dict[str, list[dict]]:
    """Group the combined index's documents by language, locations made relative to that language."""
    by_lang: dict[str, list[dict]] = {lang: [] for lang in languages}
    for doc in index["docs"]:
        first, _, rest = doc["location"].partition("/")
        if first in by_lang and first != default:
            by_lang[first].append({**doc, "location": rest})
        else:
            by_lang[default].append(doc)
    return by_lang


@event_priority(-200)  # after i18n (-100) has merged every language and after the offline plugin
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "building", False):
        return  # an inner per-language build; the outer build writes the final indexes
    combined_path = os.path.join(config.site_dir, "search", "search_index.json")
    if not os.path.isfile(combined_path):
        return
    with open(combined_path, encoding="utf-8") as f:
        combined = json.load(f)
    default, languages = _languages(config)
    offline = "offline" in config.plugins and config.plugins["offline"].config.enabled
    for lang, docs in split_index(combined, default, languages).items():
        folder = config.site_dir if lang == default else os.path.join(config.site_dir, lang)
        data = json.dumps(
            {"config": index_config(lang, combined["config"]), "docs": docs},
            ensure_ascii=False, separators=(",", ":"),
        )
        os.makedirs(os.path.join(folder, "search"), exist_ok=True)
        with open(os.path.join(folder, "search", "search_index.json"), "w", encoding="utf-8") as f:
            f.write(data)
        if offline:
            with open(os.path.join(folder, "search", "search_index.js"), "w", encoding="utf-8") as f:
                f.write(f"var __index = {data}")
