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

It also writes the search worker the pages use: Material's worker with overrides/search/stemming.js
(inflected words are found) and overrides/search/engine.js (normalisation, typos, ranking of several
words; its tables come from overrides/search/normalise.json) appended.

Each guide's `keywords:` (front matter: the words visitors use for the errand) go into the index of
its page as a field of their own, weighing a quarter of a title word (KEYWORDS_SHARE); Material shows
only title and text, so the keywords are never on the page.
"""

from __future__ import annotations

import glob
import json
import os

from mkdocs.plugins import event_priority

from medborgarguiden.build_languages import default_language

# lunr pipeline per language. Material keeps only the listed functions. Languages with a lunr
# stemmer (sv, en, ar, ru) use it; for the others an English stemmer or trimmer would damage words.
# Arabic and Russian leave out lunr's trimmer: it deletes every word not in that script, and the
# guides keep Swedish names (Migrationsverket, BankID) that visitors search for as written. The
# separator in mkdocs.yml already splits words from punctuation.
PIPELINES = {
    "sv": ["trimmer", "stopWordFilter", "stemmer"],
    "en": ["trimmer", "stopWordFilter", "stemmer"],
    "ar": ["stopWordFilter", "stemmer"],
    "ru": ["stopWordFilter", "stemmer"],
}
# Languages that Material's search worker can load a lunr language file for.
LUNR_LANGUAGES = {"sv", "ar", "ru"}


def _languages(config) -> tuple[str, list[str]]:
    """The default language, and every language this build writes."""
    built = [lang.locale for lang in config.plugins["i18n"].config.languages if lang.build]
    return default_language(config), built


def index_config(lang: str, combined_config: dict) -> dict:
    """The combined index's settings (fields, boosts, separator), with this language's lunr setup,
    the keywords field, and the page language (engine.js: its stop words)."""
    fields = dict(combined_config.get("fields", {}))
    fields[KEYWORDS_FIELD] = {"boost": fields.get("title", {}).get("boost", 1000.0) * KEYWORDS_SHARE}
    return {
        **combined_config,
        "lang": [lang if lang in LUNR_LANGUAGES else "en"],
        "pipeline": PIPELINES.get(lang, []),
        "fields": fields,
        "mg_lang": lang,
    }


KEYWORDS_FIELD = "keywords"
# A keyword weighs less than a word of the title: a guide titled with the word a visitor typed comes
# before one that only lists it among its search words.
KEYWORDS_SHARE = 0.25
# Page URL (as in the combined index: "en/pass/" or "en/pass.html") → that guide's keywords, one string.
_keywords: dict[str, str] = {}


def on_page_context(context, page, config, nav, **kwargs):
    words = page.meta.get("keywords")
    if isinstance(words, list) and words:
        _keywords[page.url] = ", ".join(str(w) for w in words)
    return context


def with_keywords(doc: dict, keywords: dict[str, str]) -> dict:
    """A page's own entry (not its sections) gets its guide's keywords."""
    words = keywords.get(doc["location"]) if "#" not in doc["location"] else None
    return {**doc, KEYWORDS_FIELD: words} if words else doc


# A match in a page's own title should beat a match in another page's section heading: someone
# typing "pass" wants the passport guide first, not a section of another guide that mentions passports.
PAGE_BOOST = 4


def split_index(index: dict, default: str, languages: list[str],
                keywords: dict[str, str] | None = None) -> dict[str, list[dict]]:
    """Group the combined index's documents by language, locations made relative to that language."""
    by_lang: dict[str, list[dict]] = {lang: [] for lang in languages}
    for doc in index["docs"]:
        doc = with_keywords(doc, keywords or {})
        if "#" not in doc["location"]:
            doc = {**doc, "boost": doc.get("boost", 1) * PAGE_BOOST}
        first, _, rest = doc["location"].partition("/")
        if first in by_lang and first != default:
            by_lang[first].append({**doc, "location": rest})
        else:
            by_lang[default].append(doc)
    return by_lang


SEARCH_DIR = os.path.join(os.path.dirname(__file__), os.pardir, "search")
STEMMING_FIX = os.path.join(SEARCH_DIR, "stemming.js")
ENGINE = os.path.join(SEARCH_DIR, "engine.js")
TABLES = os.path.join(SEARCH_DIR, "normalise.json")
WORKER = os.path.join("assets", "javascripts", "workers", "search.js")


def on_files(files, config, **kwargs):
    # The search scripts and tables are build input (put into the worker below), not files to publish.
    inputs = {"search/stemming.js", "search/engine.js", "search/normalise.json"}
    for file in [f for f in files if f.src_uri in inputs]:
        files.remove(file)
    return files


def write_worker(site_dir: str) -> None:
    """Material's worker (its file name carries a hash that changes with Material's version) plus
    the stemming fix, the normalisation tables and the search engine, as one script."""
    workers = glob.glob(os.path.join(site_dir, "assets", "javascripts", "workers", "search.*.min.js"))
    if len(workers) != 1:
        raise RuntimeError(f"expected one Material search worker in {site_dir}, found {workers}")
    with open(workers[0], encoding="utf-8") as f:
        material = f.read()
    parts = [material]
    with open(STEMMING_FIX, encoding="utf-8") as f:
        parts.append(f.read())
    with open(TABLES, encoding="utf-8") as f:
        tables = json.load(f)
    parts.append("self.MG_SEARCH_TABLES = " + json.dumps(tables, ensure_ascii=False, separators=(",", ":")) + ";")
    with open(ENGINE, encoding="utf-8") as f:
        parts.append(f.read())
    with open(os.path.join(site_dir, WORKER), "w", encoding="utf-8") as f:
        f.write("\n".join(parts))


@event_priority(-200)  # after i18n (-100) has merged every language and after the offline plugin
def on_post_build(config, **kwargs):
    i18n = config.plugins.get("i18n")
    if i18n is None or getattr(i18n, "building", False):
        return  # an inner per-language build; the outer build writes the final indexes
    combined_path = os.path.join(config.site_dir, "search", "search_index.json")
    if not os.path.isfile(combined_path):
        return
    write_worker(config.site_dir)
    with open(combined_path, encoding="utf-8") as f:
        combined = json.load(f)
    default, languages = _languages(config)
    offline = any(name.endswith("offline") and plugin.config.enabled
                  for name, plugin in config.plugins.items())
    for lang, docs in split_index(combined, default, languages, _keywords).items():
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
