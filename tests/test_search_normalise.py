"""What a visitor's word is searched as: one table per script (overrides/search/normalise.json), the
same in Python (tests/search_normalise.py) and in the search worker the pages run."""

from __future__ import annotations

import pytest

from search_normalise import fold, normalise, skeleton, stopwords, tables

# (typed, searched as): normalise() — the letters every script's table replaces.
REPLACED = [
    # Arabic-script letter variants: Arabic and Persian keyboards, hamza forms, taa marbuta.
    ("كلاهبرداري", "كلاهبرداري"),
    ("کلاهبرداری", "كلاهبرداري"),       # Persian ک ی = Arabic ك ي
    ("على", "علي"),                     # alef maksura
    ("مدرسة", "مدرسه"),                 # taa marbuta = heh
    ("أحمد", "احمد"), ("إقامة", "اقامه"), ("آدرس", "ادرس"),
    ("مُحَمَّد", "محمد"),                # tashkeel left out
    ("كلاه\u200cبرداری", "كلاهبرداري"),  # Persian with the zero-width non-joiner = without
    ("١١٧٧", "1177"), ("۱۱۷۷", "1177"),  # Arabic-Indic and Persian digits
    # Ethiopic: letters that sound alike, each whole syllable series.
    ("ሀ", "ሀ"), ("ሐ", "ሀ"), ("ኀ", "ሀ"), ("ሑ", "ሁ"), ("ሒ", "ሂ"), ("ሓ", "ሃ"), ("ኆ", "ሆ"), ("ሕ", "ህ"),
    ("ሠ", "ሰ"), ("ሥ", "ስ"), ("ሦ", "ሶ"),
    ("ዐ", "አ"), ("ዑ", "ኡ"), ("ዕ", "እ"), ("ኣ", "አ"), ("ዓ", "አ"),
    ("ፀ", "ጸ"), ("ፅ", "ጽ"), ("ፆ", "ጾ"),
    ("ፓሥፖርት", "ፓስፖርት"),
    # Cyrillic.
    ("ёлка", "елка"), ("Ёж", "еж"), ("счёт", "счет"),
    # Latin letters with diacritics are kept (exact form): folding is a separate, extra form.
    ("Försäkringskassan", "försäkringskassan"),
]

# (typed, folded form indexed beside the exact one).
FOLDED = [
    ("Försäkringskassan", "forsakringskassan"), ("Bostadsförmedlingen", "bostadsformedlingen"),
    ("åäö", "aao"), ("café", "cafe"), ("Übersetzung", "ubersetzung"), ("ñ", "n"), ("forsakringskassan", "forsakringskassan"),
]

# A Swedish name typed in another script has the consonant skeleton of the Latin name.
SOUND_ALIKE = [
    ("Försäkringskassan", "فورسکرینگسکاسان"), ("Försäkringskassan", "فورشيكرينغسكاسان"),
    ("Försäkringskassan", "ፎርሸክሪንግስካሳን"), ("Försäkringskassan", "форсекрінгскассан"),
    ("Kronofogden", "кронофогден"), ("Kronofogden", "کرونوفوگدن"), ("Kronofogden", "ክሮኖፎግደን"),
    ("Arbetsförmedlingen", "арбетсформедлінген"), ("personnummer", "персонумер"),
]


@pytest.mark.parametrize("typed,searched", REPLACED)
def test_each_script_table_replaces_variants(typed, searched):
    assert normalise(typed) == searched


@pytest.mark.parametrize("typed,folded", FOLDED)
def test_latin_diacritics_fold(typed, folded):
    assert fold(typed) == folded


@pytest.mark.parametrize("latin,other", SOUND_ALIKE)
def test_a_name_in_another_script_sounds_like_the_latin_name(latin, other):
    assert skeleton(latin) == skeleton(other) != ""


def test_distinct_words_stay_distinct():
    assert normalise("ሀገር") != normalise("ለገር")
    assert fold("säker") == fold("saker") and normalise("säker") != normalise("saker")
    assert skeleton("kronofogden") != skeleton("migrationsverket")


def test_every_table_maps_single_letters_and_each_language_without_a_lunr_list_has_stop_words():
    for kind in ("replace", "fold", "sounds"):
        for name, table in tables()[kind].items():
            assert all(len(letter) == 1 for letter in table), f"{kind}.{name}: keys must be single letters"
    for lang in ("fa", "so", "ti", "uk"):
        assert stopwords(lang), lang


def test_the_search_worker_normalises_like_python(library_site, page):
    """The worker the pages run (Material's worker with overrides/search/engine.js and the tables)
    gives the same forms as Python for every case above."""
    worker = (library_site / "assets" / "javascripts" / "workers" / "search.js").read_text(encoding="utf-8")
    page.set_content("<!doctype html><title>worker</title>")
    page.add_script_tag(content=worker)
    words = sorted({w for pair in REPLACED + FOLDED + SOUND_ALIKE for w in pair})
    got = page.evaluate("words => words.map(w => [mgSearch.normalise(w), mgSearch.fold(w), mgSearch.skeleton(w)])",
                        words)
    expected = [[normalise(w), fold(w), skeleton(w)] for w in words]
    mismatches = [f"{w}: worker {g}, python {e}" for w, g, e in zip(words, got, expected) if g != e]
    assert not mismatches, "\n".join(mismatches)


# Runs the site's search worker in a page on a handful of made-up pages, the way Material talks to it
# (a message with the index, then one per query), and returns the pages found, best first.
_RUN_WORKER = """async ([docs, queries]) => {
    const answers = [];
    addEventListener('message', e => { if (e.data && e.data.type === 3) answers.push(e.data.data); });
    const config = {lang: ['en'], pipeline: [], mg_lang: 'so', separator: '[\\\\s\\\\-]+',
                    fields: {title: {boost: 1000}, text: {boost: 1}}};
    dispatchEvent(new MessageEvent('message', {data: {type: 0, data: {config, docs, options: {}}}}));
    await new Promise(r => setTimeout(r, 50));
    const found = [];
    for (const q of queries) {
        dispatchEvent(new MessageEvent('message', {data: {type: 2, data: q}}));
        await new Promise(r => setTimeout(r, 20));
        found.push(answers.shift().items.map(group => group[0].location));
    }
    return found;
}"""


def test_exact_words_rank_before_folded_prefix_and_typo_matches(library_site, page):
    worker = (library_site / "assets" / "javascripts" / "workers" / "search.js").read_text(encoding="utf-8")
    page.set_content("<!doctype html><title>worker</title>")
    page.add_script_tag(content=worker)
    docs = [{"location": f"{name}.html", "title": title, "text": ""} for name, title in [
        ("saker", "saker"), ("saeker", "säker"),
        ("prefix", "kommunens"), ("typo", "komunen"),
        ("both", "bostad bidrag"), ("one", "bidrag"), ("other", "bostad"),
    ]]
    queries = ["saker", "säker", "kommunen", "bidrag bostad", "Saker", "komunen"]
    found = dict(zip(queries, page.evaluate(_RUN_WORKER, [docs, queries])))
    assert found["saker"][:2] == ["saker.html", "saeker.html"], "exact first, the word with dots folded after"
    assert found["säker"][0] == "saeker.html"
    assert found["kommunen"][:2] == ["prefix.html", "typo.html"], "a word's beginning before a typo"
    assert found["bidrag bostad"][0] == "both.html", "the page with every word first"
    assert found["Saker"][0] == "saker.html"
    assert found["komunen"][0] == "typo.html"
