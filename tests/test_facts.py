"""Fees, deadlines and account numbers live once in facts.yml: staff who make a mistake there get the
line and the fix; every language shows the value its own way with its digits in the right order;
guides that type a number themselves, translations whose numbers differ from the Swedish and hard
words left unexplained are reported; old facts are listed for checking; and one change in facts.yml
reaches all eight languages in one build."""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from medborgarguiden import content_rules, literals, site
from medborgarguiden.fact_display import fact_html, fact_text, money_pattern
from medborgarguiden.facts import FactsError, check_facts, load_facts, value_forms
from medborgarguiden.freshness import MAX_AGE_DAYS, due_for_check
from medborgarguiden.glossary import Glossary, glossary_warnings
from medborgarguiden.guides import load_guides
from medborgarguiden.registry import RegistryError, load_registry
from medborgarguiden.rtl_numbers import isolate_numbers
from site_pages import DEFAULT, LANGUAGES, RTL, SLUGS, guide
from project import copy_project, mkdocs_build

ROOT = site.ROOT
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
FEE = "pass-avgift"  # used by the Swedish passport guide and all its translations


@pytest.fixture(scope="module")
def registry():
    return load_registry(ROOT / "services.yml")


def facts_file(tmp_path: Path, entries: str) -> Path:
    path = tmp_path / "facts.yml"
    path.write_text("# comment\nfacts:\n" + entries, encoding="utf-8")
    return path


GOOD = """\
  pass-avgift:
    service: polisen-pass
    type: money
    value: 500
    source: https://polisen.se/tjanster-tillstand/pass-och-nationellt-id-kort/
    seen: 2026-11-01
  kronofogden-bankgiro:
    service: kronofogden-start
    type: code
    value: "5045-3158"
    source: https://kronofogden.se/
    seen: 2026-11-01
    check: true
"""


# --- facts.yml -------------------------------------------------------------------------------------

def test_the_projects_facts_are_valid_and_the_passport_guide_uses_its_fee(registry):
    facts = load_facts(ROOT / "facts.yml", registry)
    assert facts[FEE].type == "money" and facts[FEE].source.startswith("https://polisen.se/")
    for lang in LANGUAGES:
        assert f"{{fact:{FEE}}}" in guide(lang, "pass").body, f"docs/{lang}/pass.md"


def test_a_good_file_is_read(tmp_path, registry):
    facts = load_facts(facts_file(tmp_path, GOOD), registry)
    fee, giro = facts["pass-avgift"], facts["kronofogden-bankgiro"]
    assert (fee.value, fee.seen, fee.line, fee.check) == (500, dt.date(2026, 11, 1), 3, False)
    assert (giro.value, giro.type, giro.check) == ("5045-3158", "code", True)


BAD = """\
  pass-avgift:
    service: polisen-pas
    type: money
    value: 500 kr
    source: https://example.com/pass
    seen: 1 maj 2024
  pass-avgift:
    service: polisen-pass
  Bankgiro:
    service: kronofogden-start
    type: code
    value: 50453158
    source: http://kronofogden.se/
    seen: 2099-01-01
    colour: red
"""


def test_every_mistake_is_reported_together_with_its_line_and_fix(tmp_path, registry):
    with pytest.raises(FactsError) as caught:
        load_facts(facts_file(tmp_path, BAD), registry)
    problems = caught.value.problems
    expected = [
        (4, "unknown service 'polisen-pas'. Did you mean 'polisen-pass'?"),
        (6, "'value: 500 kr' is not a number. Write only the number"),
        (7, "URL host 'example.com' is not an official domain"),
        (8, "'seen: 1 maj 2024' is not a date. Write the day as YYYY-MM-DD"),
        (9, "duplicate key 'pass-avgift' in facts (first on line 3)"),
        (11, "fact key 'Bankgiro' may only use a-z, 0-9 and hyphens"),
        (14, "'value: 50453158' is a code, so it is text. Write it in quotes, like value: \"50453158\""),
        (15, "URL 'http://kronofogden.se/' is not https"),
        (16, "'seen: 2099-01-01' is in the future"),
        (17, "unknown field 'colour' in fact 'Bankgiro'"),
    ]
    for line, message in expected:
        assert [p for p in problems if p.startswith(f"facts.yml:{line}: ") and message in p], (line, problems)
    assert all(re.match(r"facts\.yml:\d+: .+\. .+", p) for p in problems), problems
    assert [int(p.split(":")[1]) for p in problems] == sorted(int(p.split(":")[1]) for p in problems)


def test_a_missing_field_and_broken_yaml_give_one_line_each(tmp_path, registry):
    path = facts_file(tmp_path, "  pass-avgift:\n    service: polisen-pass\n    type: money\n")
    assert [p for p in check_facts(path, registry)[1] if "missing 'value'" in p] == [
        "facts.yml:3: fact 'pass-avgift' is missing 'value'. Add 'value:' under the key."]
    path.write_text("facts:\n  pass-avgift: [\n", encoding="utf-8")
    problems = check_facts(path, registry)[1]
    assert len(problems) == 1 and problems[0].startswith("facts.yml:") and "not valid YAML" in problems[0]
    assert check_facts(tmp_path / "nothing.yml", registry)[1] == [
        "nothing.yml:1: the fact registry is missing. Restore facts.yml from git."]


# --- phones in services.yml ------------------------------------------------------------------------

PHONE = """\
allowed_domains:
  - polisen.se
services:
  polisen-start:
    organisation: Polisen
    name: Polisen
    url: https://polisen.se/
    url_status: domain_root
    check: true
    phone: "114 14"
{extra}"""


@pytest.mark.parametrize("extra,line,message", [
    ("", 10, "service 'polisen-start' has a phone number but no 'phone_seen'. Add 'phone_seen: YYYY-MM-DD'"),
    ("    phone_seen: 28/11/2026\n", 11, "'phone_seen: 28/11/2026' is not a date"),
    ("    phone_seen: 2026-11-28\n    phone_source: https://example.com/\n", 12, "is not an official domain"),
])
def test_every_phone_says_when_a_person_saw_it(tmp_path, extra, line, message):
    path = tmp_path / "services.yml"
    path.write_text(PHONE.format(extra=extra), encoding="utf-8")
    with pytest.raises(RegistryError) as caught:
        load_registry(path)
    assert [p for p in caught.value.problems if p.startswith(f"services.yml:{line}: ") and message in p], \
        caught.value.problems


def test_a_phone_is_checked_on_its_own_page_or_the_services(tmp_path):
    path = tmp_path / "services.yml"
    path.write_text(PHONE.format(extra="    phone_seen: 2026-11-28\n"), encoding="utf-8")
    service = load_registry(path).services["polisen-start"]
    assert service.phone_seen == dt.date(2026, 11, 28) and service.phone_page == "https://polisen.se/"
    for service in load_registry(ROOT / "services.yml").services.values():
        assert not service.phone or service.phone_seen, service.key


# --- how a value is written ------------------------------------------------------------------------

def test_value_forms_are_the_ways_a_swedish_page_writes_it(tmp_path, registry):
    facts = load_facts(facts_file(tmp_path, GOOD), registry)
    forms = value_forms(facts["pass-avgift"])
    assert {"500 kr", "500\u00a0kr", "500 kronor", "500:-"} <= set(forms) and forms[0] == "500 kr"
    big = value_forms(dataclasses.replace(facts["pass-avgift"], value=1914))
    assert big[0] == "1 914 kr" and {"1\u00a0914 kr", "1\u202f914 kr", "1914 kronor"} <= set(big)
    assert value_forms(facts["kronofogden-bankgiro"]) == ["5045-3158"]


def test_each_language_writes_money_its_own_way_in_digits_0_to_9(registry):
    fee = load_facts(ROOT / "facts.yml", registry)[FEE]
    expensive = dataclasses.replace(fee, value=1914)
    assert fact_text(dataclasses.replace(fee, value=500), "sv") == "500\u00a0kr"
    assert fact_text(expensive, "sv") == "1\u00a0914\u00a0kr"
    assert fact_text(expensive, "en") == "1,914\u00a0kronor"
    assert fact_text(dataclasses.replace(fee, value=3), "ru") == "3\u00a0кроны"
    assert fact_text(dataclasses.replace(fee, value=21), "uk") == "21\u00a0крона"
    for lang in LANGUAGES:
        assert "{amount}" in money_pattern(lang, 500), lang
        text = fact_text(expensive, lang)
        assert re.sub(r"\D", "", text) == "1914" and re.search(r"[0-9]", text), (lang, text)
        if lang != DEFAULT:
            assert not text.endswith("kr"), f"{lang}: the currency word should be the language's own"
    html = fact_html(expensive, "ar")
    assert '<bdi dir="ltr">1,914</bdi>' in html and 'data-fact="pass-avgift"' in html


def test_rtl_isolation_touches_only_the_text():
    page = ('<p title="5045-3158">بنك 5045-3158 و ۴۰۰</p><code>12 34</code><a href="tel:+46771">'
            '<bdi dir="ltr">0771-567 567</bdi></a><script>if (a<1) x="3-4"</script><!-- 5 6 -->رقم 1&nbsp;914')
    assert isolate_numbers(page) == (
        '<p title="5045-3158">بنك <bdi dir="ltr">5045-3158</bdi> و <bdi dir="ltr">۴۰۰</bdi></p><code>12 34</code>'
        '<a href="tel:+46771"><bdi dir="ltr">0771-567 567</bdi></a><script>if (a<1) x="3-4"</script>'
        '<!-- 5 6 -->رقم <bdi dir="ltr">1&nbsp;914</bdi>')


# --- numbers typed into guides ---------------------------------------------------------------------

def test_a_typed_number_names_the_line_and_the_fix():
    body = ("# Pass\n\n1. Betala 400 kronor.\n2. Ring {phone:polisen-start} eller 1177, akut 112.\n"
            "- Det tar tio dagar. Kostar {fact:pass-avgift}. Läs [1177:s sida](service:x-1).\n- Fakturan ۴۰۰.\n")
    assert literals.literal_problems("docs/sv/x.md", "sv", body, 10) == [
        "docs/sv/x.md:12: the number '400' is written in the guide. Put it in facts.yml and write {fact:KEY}.",
        "docs/sv/x.md:15: the number '۴۰۰' is written in the guide. Put it in facts.yml and write {fact:KEY}.",
        "docs/sv/x.md:14: the number 'tio dagar' is written in words in the guide. Put it in facts.yml and "
        "write {fact:KEY} and the unit after it.",
    ]
    assert literals.literal_problems("docs/en/x.md", "en", "It takes two weeks, a month.", 1)[0].startswith(
        "docs/en/x.md:1: the number 'two weeks' is written in words")
    assert set(literals.ALLOWED_NUMBERS) == {"1177", "112"}, "keep the list of names with digits tiny"


def test_a_translation_must_take_the_swedish_facts_and_no_other_numbers(registry):
    facts = load_facts(ROOT / "facts.yml", registry)
    source = "- Passet kostar {fact:pass-avgift}. Ring 1177.\n"
    assert literals.translation_problems("docs/ar/x.md", "- سعر الجواز 500 كرونة. 1177\n", 20,
                                         "docs/sv/x.md", source, facts) == [
        "docs/ar/x.md:20: '500' is typed in, but the Swedish guide takes it from facts.yml. "
        "Write {fact:pass-avgift} as the Swedish guide does.",
        "docs/ar/x.md:20: the Swedish guide writes {fact:pass-avgift} but the translation does not. "
        "Write {fact:pass-avgift} where docs/sv/x.md has it.",
    ]
    problems = literals.translation_problems("docs/fa/x.md", "- {fact:pass-avgift} ۴۵\n", 3, "docs/sv/x.md",
                                             source, facts)
    assert problems == ["docs/fa/x.md:3: the number '۴۵' is not in the Swedish guide. Check the translation "
                        "against docs/sv/x.md and write the same value (with {fact:KEY} where the Swedish has it)."]


def test_no_guide_in_any_language_has_a_typed_number_and_one_would_stop_the_build(registry, tmp_path):
    errors, warnings = content_rules.check_content(ROOT, registry)
    typed = [w for w in errors + warnings if "is written in the guide" in w or "written in words" in w]
    assert not typed, "numbers typed into guides: put them in facts.yml:\n" + "\n".join(typed)
    problems = literals.literal_problems("docs/sv/x.md", "sv", "Avgiften är 600 kronor.\n", 12)
    assert problems and problems[0].startswith("docs/sv/x.md:12: the number '600' is written in the guide")
    assert not [p for p in errors + warnings if "docs/" in p and "/pass.md" in p and "'500'" in p]


# --- the glossary ----------------------------------------------------------------------------------

GLOSSARY = Glossary({"sv": ["betyder"], "en": ["means"]},
                    {"betalningsanmärkning": {"sv": ["betalningsanmärkning"], "en": ["payment remark"]}})


@pytest.mark.parametrize("lang,body,warned", [
    ("sv", "# Titel betalningsanmärkning\n\nDu kan få en betalningsanmärkning (en notering om skulden).", False),
    ("sv", "Du kan få en betalningsanmärkning. Det betyder att det syns att du inte betalat.", False),
    ("sv", "Du kan få en betalningsanmärkningar. Det är dåligt.\nSedan betyder det inget.", True),
    ("en", "You can get a payment remark (betalningsanmärkning). It is bad.", True),
    ("en", "You can get a payment remark (betalningsanmärkning, a note that you did not pay).", False),
    ("en", "A note (betalningsanmärkning – a record that you did not pay) may follow.", False),
])
def test_the_first_use_of_a_hard_word_is_explained(lang, body, warned):
    warnings = glossary_warnings(f"docs/{lang}/x.md", lang, body, 10, GLOSSARY)
    assert bool(warnings) == warned, warnings
    if warned:
        assert re.match(rf"docs/{lang}/x\.md:1\d: '[^']+' is used for the first time without an explanation\. "
                        r"Explain it in brackets", warnings[0])


# --- freshness -------------------------------------------------------------------------------------

def test_old_facts_phones_and_guides_are_listed_oldest_first(registry):
    facts = load_facts(ROOT / "facts.yml", registry)
    sources = load_guides(DEFAULT, ROOT)
    assert due_for_check(facts, registry, sources, today=dt.date(2026, 12, 3)) == []
    later = dt.date(2026, 12, 3) + dt.timedelta(days=MAX_AGE_DAYS + 10)
    due = due_for_check(facts, registry, sources, today=later)
    assert {d.kind for d in due} == {"fact", "phone", "guide"}
    assert [d.seen for d in due] == sorted(d.seen for d in due)
    fee = next(d for d in due if d.key == FEE)
    assert fee.where == f"facts.yml:{facts[FEE].line}" and fee.source == facts[FEE].source
    assert MAX_AGE_DAYS == 183


def test_validate_warns_about_an_old_fact_and_stops_on_an_unknown_one(tmp_path):
    project = copy_project(tmp_path / "project")
    facts = project / "facts.yml"
    facts.write_text(facts.read_text(encoding="utf-8").replace("seen: 2026-12-03", "seen: 2020-01-02"),
                     encoding="utf-8")
    run = lambda: subprocess.run([sys.executable, "scripts/validate.py"], cwd=project, capture_output=True,
                                 text=True)
    result = run()
    assert result.returncode == 0, result.stdout + result.stderr
    line = next(n for n, text in enumerate(facts.read_text(encoding="utf-8").splitlines(), 1)
                if text.startswith(f"  {FEE}:"))
    assert re.search(rf"^facts\.yml:{line}: warning: the fact '{FEE}' \(500\) was last checked 2020-01-02, \d+ days "
                     r"ago\. Compare it on https://polisen\.se/\S+, correct it if it changed, and write the day "
                     r"you checked in 'seen:'\.$", result.stdout, re.M), result.stdout
    guide_path = project / "docs" / "uk" / "pass.md"
    guide_path.write_text(guide_path.read_text(encoding="utf-8").replace("{fact:pass-avgift}", "{fact:pass-avgft}"),
                          encoding="utf-8")
    result = run()
    assert result.returncode == 1
    assert re.search(r"^docs/uk/pass\.md:\d+: unknown fact 'pass-avgft'\. Did you mean 'pass-avgift'\?",
                     result.stdout, re.M), result.stdout
    assert "Traceback" not in result.stdout + result.stderr


# --- built pages -----------------------------------------------------------------------------------

def _article(built: Path, lang: str, slug: str) -> str:
    page = (built if lang == DEFAULT else built / lang) / slug / "index.html"
    html = page.read_text(encoding="utf-8")
    return html.split("<article", 1)[1].split("</article>", 1)[0]


def _fact_spans(html: str, key: str) -> list[str]:
    return re.findall(rf'<span class="mg-fact" data-fact="{key}">(.*?)</span>', html)


def test_every_language_shows_the_fee_from_facts_yml(web_site):
    expected = {"sv": "500\u00a0kr", "en": "500\u00a0kronor", "ar": "500\u00a0كرونة", "ru": "500\u00a0крон"}
    for lang in LANGUAGES:
        spans = _fact_spans(_article(web_site, lang, "pass"), FEE)
        assert spans and all(s.startswith('<bdi dir="ltr">500</bdi>') for s in spans), (lang, spans)
        if lang in expected:
            assert re.sub(r"<[^>]+>", "", spans[0]) == expected[lang]
    for lang in RTL:
        phones = re.findall(r'<a href="tel:[^"]+">(.*?)</a>', _article(web_site, lang, "pass"))
        assert phones and all(p.startswith('<bdi dir="ltr">') for p in phones), phones


@pytest.mark.slow  # builds a copy of the project
def test_one_change_in_facts_yml_reaches_every_language_in_one_build(tmp_path):
    project = copy_project(tmp_path / "project")
    facts = project / "facts.yml"
    text = facts.read_text(encoding="utf-8")
    assert text.count("value: 500\n") == 1
    facts.write_text(text.replace("value: 500\n", "value: 1914\n").replace("seen: 2026-12-03", "seen: 2020-01-02"),
                     encoding="utf-8")
    out = tmp_path / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    written = {"sv": "1\u00a0914\u00a0kr", "en": "1,914\u00a0kronor", "ru": "1\u00a0914\u00a0крон"}
    for lang in LANGUAGES:
        spans = [re.sub(r"<[^>]+>", "", s) for s in _fact_spans(_article(out, lang, "pass"), FEE)]
        assert spans and all(re.sub(r"\D", "", s) == "1914" for s in spans), (lang, spans)
        if lang in written:
            assert spans[0] == written[lang], (lang, spans)
        side = (out / lang / "pass-sv" / "index.html") if lang != DEFAULT else None
        if side is not None:
            assert "500" not in "".join(_fact_spans(side.read_text(encoding="utf-8"), FEE)), lang
    # The staff status page lists the fee as due for a check, with its source and date.
    status = (out / "personal" / "oversattningar" / "index.html").read_text(encoding="utf-8")
    section = status.split('id="fakta"', 1)[1].split("<h2", 1)[0]
    assert "<code>pass-avgift</code>" in section and 'datetime="2020-01-02"' in section
    assert 'href="https://polisen.se/tjanster-tillstand/pass-och-nationellt-id-kort/"' in section


# --- in Chromium: numbers in Arabic and Persian read in the Swedish order -------------------------

# For every run of digits (with the hyphens and spaces between them) in the guide's text: the
# characters' positions on screen, left to right, must follow the order they are written in. The
# library's own box (.mg-library) is left out: its opening hours are ranges ("1:00–3:00 م") that
# Babel writes for right-to-left reading, from 1:00 on the right.
VISUAL_ORDER = r"""(root) => {
  const runs = [];
  // No filter callback: the DOM cannot call back into a page whose scripts are switched off.
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const pattern = /\d+(?:[ \u00a0\u202f\-\u2010\u2011\u2013.,:\/]\d+)*/g;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (node.parentElement.closest(".mg-library")) continue;
    if (!node.parentElement.getClientRects().length) continue;  // hidden
    for (const match of node.data.matchAll(pattern)) {
      const chars = [];
      for (let i = match.index; i < match.index + match[0].length; i++) {
        const range = document.createRange();
        range.setStart(node, i); range.setEnd(node, i + 1);
        const rect = range.getClientRects()[0];
        if (rect && rect.width > 0) chars.push({ch: node.data[i], x: rect.left + rect.width / 2, y: rect.top, h: rect.height});
      }
      // One screen line after the other (a number may wrap), left to right within a line.
      const byTop = chars.slice().sort((a, b) => a.y - b.y);
      let line = 0, top = byTop.length ? byTop[0].y : 0;
      for (const c of byTop) { if (c.y - top > c.h / 2) { line += 1; top = c.y; } c.line = line; }
      const shown = byTop.sort((a, b) => (a.line - b.line) || (a.x - b.x)).map(c => c.ch).join("");
      const written = chars.map(c => c.ch).join("");
      runs.push({written, shown});
    }
  }
  return runs;
}"""


def reversed_runs(page) -> list[dict]:
    runs = page.evaluate(VISUAL_ORDER, page.locator("article").element_handle())
    return [r for r in runs if r["written"].strip() and r["shown"] != r["written"]]


def test_the_order_check_catches_a_reversed_bankgiro_number(plain_page):
    """Without isolation, Chromium shows 5045-3158 in Arabic text as 3158-5045: the check must see it
    (with scripts off, as the guides are checked)."""
    page = plain_page
    page.set_content('<html dir="rtl" lang="ar"><body><article><p>ادفع إلى bankgiro رقم 5045-3158 اليوم. '
                     'هاتف 0771-567 567</p><p>رقم <bdi dir="ltr">5045-3158</bdi></p></article></body></html>')
    assert [r["written"] for r in reversed_runs(page)] == ["5045-3158", "0771-567 567"]


@pytest.mark.parametrize("lang", sorted(RTL))
def test_numbers_in_rtl_guides_read_in_the_swedish_order(web_url, plain_page, lang):
    # The order is made by the built HTML and the styles alone: no script is needed to see it.
    page = plain_page
    checked = 0
    for slug in SLUGS:
        page.goto(f"{web_url}{lang}/{slug}/")
        runs = page.evaluate(VISUAL_ORDER, page.locator("article").element_handle())
        reversed_ = [r for r in runs if r["written"].strip() and r["shown"] != r["written"]]
        assert reversed_ == [], f"{lang}/{slug}: numbers shown in the wrong order"
        checked += len(runs)
        shown = fact_digits(page)
        if shown:
            page.goto(f"{web_url}{slug}/")
            swedish = fact_digits(page)
            assert {key: swedish.get(key) for key in shown} == shown, f"{lang}/{slug}: not the Swedish values"
    assert checked > 20, "the guides should hold numbers to check"


def fact_digits(page) -> dict[str, str]:
    """Each fact on the page: its digits, in the order they are written (the check above makes sure
    they are shown in that order)."""
    texts = page.eval_on_selector_all("article .mg-fact[data-fact]",
                                      "facts => facts.map(f => [f.dataset.fact, f.innerText])")
    return {key: re.sub(r"\D", "", text) for key, text in texts}
