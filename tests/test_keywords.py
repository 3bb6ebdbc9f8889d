"""Search words (`keywords:` in a guide's front matter): every guide has them in every language, in the
one-line form the search index reads; a staff member who writes them wrong gets one clear message;
new guides and languages start with an empty list that passes."""

from __future__ import annotations

import re

import pytest

from medborgarguiden import guide_files, guides, keywords, site
from site_pages import LANGUAGES, SLUGS, guide
from test_guides import edit, project, validate  # noqa: F401  (project is a fixture)

ROOT = site.ROOT


def front_lines(lang: str, slug: str) -> list[str]:
    text = (ROOT / "docs" / lang / f"{slug}.md").read_text(encoding="utf-8")
    front, _, _ = guides.split_front_matter(text)
    return front.splitlines()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_guide_has_search_words_on_the_last_front_matter_line(lang):
    for slug in SLUGS:
        last = front_lines(lang, slug)[-1]
        assert re.fullmatch(r"keywords: \[.+\]", last), f"{lang}/{slug}: {last!r}"
        words = guide(lang, slug).meta["keywords"]
        assert 12 <= len(words) <= keywords.MAX_ENTRIES, f"{lang}/{slug}: {len(words)} words"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_search_words_add_something_the_title_does_not_say(lang):
    """At least half of a guide's words are not in its title or label (those are indexed anyway)."""
    for slug in SLUGS:
        meta = guide(lang, slug).meta
        shown = keywords.fold(f"{meta['title']} {meta['label']}")
        new = [w for w in meta["keywords"] if keywords.fold(w) not in shown]
        assert len(new) * 2 >= len(meta["keywords"]), f"{lang}/{slug}: {meta['keywords']}"


def test_the_swedish_authority_names_are_there_without_dots_and_in_the_visitors_scripts():
    assert "forsakringskassan" in guide("sv", "forsakringskassan").meta["keywords"]
    assert "forsakringskassan" in guide("en", "forsakringskassan").meta["keywords"]
    assert "кронофогден" in [w.lower() for w in guide("ru", "kronofogden").meta["keywords"]]
    assert any("فورس" in w for w in guide("fa", "forsakringskassan").meta["keywords"])
    assert any("فورس" in w for w in guide("ar", "forsakringskassan").meta["keywords"])


def test_search_words_are_not_shown_on_the_page(web_site):
    for lang, slug, word in (("sv", "forsakringskassan", "forsakrings kassan"), ("ru", "kronofogden", "кронофугден")):
        assert word in guide(lang, slug).meta["keywords"]
        page = web_site / ("" if lang == "sv" else lang) / slug / "index.html"
        assert word not in page.read_text(encoding="utf-8").lower(), f"{lang}/{slug}"


def test_fold_compares_without_case_and_accents_but_keeps_letters_that_differ():
    assert keywords.fold("Försäkringskassan") == keywords.fold("forsakringskassan")
    assert keywords.fold("Ёлка") == keywords.fold("ёлка")
    assert keywords.fold("мой") != keywords.fold("мои")  # й is a letter of its own
    assert keywords.fold("کلاه\u200cبرداری") != keywords.fold("کلاهبرداری")  # both spellings are typed


BAD = {
    "not a list": ("keywords: [a]", "keywords: bostadsbidrag", "'keywords' must be a list. Write it like keywords: ["),
    "duplicate": ("keywords: [a]", "keywords: [Skatteverket, skatteverket]", "'skatteverket' twice"),
    "duplicate without dots": ("keywords: [a]", "keywords: [adressändring, adressandring]", "twice"),
    "yes/no": ("keywords: [a]", "keywords: [no, pass]", "is read as true/false, not as text. Put it in quotes"),
    "colon": ("keywords: [a]", "keywords: [1177: logga in]", "each entry of 'keywords' must be one text"),
    "empty entry": ("keywords: [a]", "keywords: [vard, \"\"]", "'keywords' has an empty text"),
    "too long": ("keywords: [a]", "keywords: [" + "x" * 61 + "]", "at most 60"),
    "too many": ("keywords: [a]", "keywords: [" + ", ".join(f"w{i}" for i in range(41)) + "]", "at most 40"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_wrong_search_words_get_one_message_with_file_line_and_fix(project, case):
    old, bad, message = BAD[case]
    path = project / "docs" / "sv" / "pass.md"
    text = path.read_text(encoding="utf-8")
    current = re.search(r"^keywords:.*$", text, re.M).group(0)
    line = edit(path, current, bad)
    result = validate(project)
    assert result.returncode == 1
    problems = [l for l in result.stdout.splitlines() if l.startswith("docs/") and ": warning: " not in l]
    assert len(problems) == 1, result.stdout
    assert problems[0].startswith(f"docs/sv/pass.md:{line}: "), problems[0]
    assert message in problems[0], problems[0]
    assert "Traceback" not in result.stdout + result.stderr


def test_all_problems_of_one_list_are_reported_together():
    problems: list[str] = []
    keywords.check(["ok", "", "OK", True, "x" * 70], "docs/sv/pass.md:11", problems)
    assert len(problems) == 4
    assert all(p.startswith("docs/sv/pass.md:11: ") for p in problems)


def test_a_guide_without_keywords_or_with_an_empty_list_is_fine(project):
    path = project / "docs" / "en" / "pass.md"
    edit(path, re.search(r"^keywords:.*$", path.read_text(encoding="utf-8"), re.M).group(0), "keywords: []")
    other = project / "docs" / "ar" / "pass.md"
    edit(other, re.search(r"^keywords:.*\n", other.read_text(encoding="utf-8"), re.M).group(0), "")
    result = validate(project)
    assert result.returncode == 0, result.stdout


def test_a_new_guide_starts_with_an_empty_list_and_copies_leave_out_the_swedish_words():
    template = (ROOT / guide_files.TEMPLATE).read_text(encoding="utf-8")
    values = dict(title="Låna en dator", label="Låna dator", description="Så lånar du en dator.",
                  icon=guide_files.DEFAULT_ICON, errand="computers", checked="2026-01-01", translation="source")
    made = guide_files.render(template, values)
    front, _, _ = guides.split_front_matter(made)
    assert front.splitlines()[-1] == "keywords: []"
    assert guide_files.problems_in(made, ROOT / "docs/sv/lana-dator.md", "sv") == []
    swedish = (ROOT / "docs" / "sv" / "pass.md").read_text(encoding="utf-8")
    copy = guide_files.as_needed(swedish)
    front, _, _ = guides.split_front_matter(copy)
    assert front.splitlines()[-2:] == ["translation: needed", "keywords: []"]
    assert guide_files.problems_in(copy, ROOT / "docs/pl/pass.md", "pl") == []
    block = swedish.replace(re.search(r"^keywords:.*$", swedish, re.M).group(0), "keywords:\n  - pass\n  - polisen")
    assert guides.split_front_matter(guide_files.as_needed(block))[0].splitlines()[-1] == "keywords: []"


def test_translations_lists_written_guides_without_search_words(project):
    path = project / "docs" / "so" / "cv.md"
    edit(path, re.search(r"^keywords:.*$", path.read_text(encoding="utf-8"), re.M).group(0), "keywords: []")
    assert keywords.guides_without_keywords(project) == ["so/cv"]
