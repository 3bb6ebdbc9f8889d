"""A visitor asks for a guide on paper: staff press "print" and get a clean A4 handout in the guide's
language, with a QR code that opens the same guide on the web edition at home."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from guide_tools import decode_qr, expected_web_url, missing_words, printed_as_lines, stub_speech, ui
from medborgarguiden.handout import short_url, web_url
from site_pages import RTL

SLUG = "vidimera"  # a checklist, three groups of numbered steps and links to authorities
LANGS = ["sv", "ar", "ti"]
A4 = (595.3, 841.9)  # points


def _screen_facts(page) -> dict:
    """What the page shows on screen that a handout must or must not have."""
    return page.evaluate("""() => {
        const article = document.querySelector('article');
        const text = (e) => e.textContent.replace(/\\s+/g, ' ').trim();
        const articleText = text(article);
        return {
            title: text(article.querySelector('h1')),
            firstStep: text(article.querySelector('h2#steps ~ ol > li')),
            firstNeed: text(article.querySelector('h2#need ~ ul > li')),
            siteName: text(document.querySelector('.md-header__topic .md-ellipsis')),
            placeholder: document.querySelector('input[data-md-component=search-query]').placeholder,
            // menu entries for other pages, which the guide's own text does not mention
            navItems: [...document.querySelectorAll('.md-nav--primary .md-nav__link')].map(text)
                .filter((t) => t && !articleText.includes(t)),
            buttons: [...document.querySelectorAll('.mg-tools__button, .md-top')].map(text).filter(Boolean),
            lang: document.documentElement.lang,
            dir: getComputedStyle(document.body).direction,
        };
    }""")


def _print_pdf(page) -> tuple[PdfReader, str]:
    page.emulate_media(media="print")
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    return reader, "\n".join(p.extract_text() for p in reader.pages)


@pytest.mark.parametrize("lang", LANGS)
def test_a_guide_prints_as_a_clean_a4_handout(page, edition, lang):
    stub_speech(page, [])
    page.goto(edition.url(lang, SLUG))
    facts = _screen_facts(page)
    reader, text = _print_pdf(page)

    assert 1 <= len(reader.pages) <= 3, f"{len(reader.pages)} pages"
    for pdf_page in reader.pages:
        width, height = (float(v) for v in pdf_page.mediabox[2:])
        assert abs(width - A4[0]) < 2 and abs(height - A4[1]) < 2, (width, height)
    assert not missing_words(facts["title"], text), "the title is not on the handout"
    assert not missing_words(facts["firstStep"], text), "the first step is not on the handout"
    assert not missing_words(facts["firstNeed"], text), "the checklist is not on the handout"
    # the QR code's address, written out for typing
    assert short_url(expected_web_url(lang, SLUG)).replace("/", "") in text.replace("\n", "").replace("/", "")
    # no screen furniture: header, search, menu, buttons
    assert facts["navItems"], "the test found no menu entries to look for"
    furniture = [facts["siteName"], facts["placeholder"], *facts["navItems"], *facts["buttons"]]
    printed = printed_as_lines(furniture, text)
    assert not printed, f"printed on the handout: {printed}"

    # the page keeps its language and direction on paper
    assert facts["lang"] == lang
    assert facts["dir"] == ("rtl" if lang in RTL else "ltr")
    assert page.evaluate("getComputedStyle(document.querySelector('article')).direction") == facts["dir"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_handouts_qr_code_opens_the_guide_on_the_web(browser, edition, lang):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(edition.url(lang, SLUG))
        code = page.locator(".mg-qr__code")
        assert not code.is_visible(), "the QR code shows on screen; it belongs on paper only"
        page.emulate_media(media="print")
        assert code.is_visible()
        assert decode_qr(code.screenshot()) == [expected_web_url(lang, SLUG)]
        # a screen reader gets the caption, not the picture
        assert page.locator(".mg-qr__image").get_attribute("aria-hidden") == "true"
        caption = page.locator(".mg-qr__caption").inner_text().replace("\n", "")
        assert short_url(expected_web_url(lang, SLUG)) in caption
    finally:
        context.close()


def test_the_print_button_prints_and_is_not_printed(page, edition):
    stub_speech(page, [])
    for lang in LANGS:
        page.goto(edition.url(lang, SLUG))
        button = page.get_by_role("button", name=ui(lang)["print"], exact=True)
        assert button.is_visible()
        assert button.evaluate("b => b.tagName") == "BUTTON"
        button.click()
        assert page.evaluate("window.__printed") == 1
        page.emulate_media(media="print")
        assert not button.is_visible()
        assert not page.locator(".mg-tools").is_visible()
        page.emulate_media(media="screen")


def test_ticked_boxes_print_empty_and_steps_keep_their_numbers(page, edition):
    page.goto(edition.url("sv", SLUG))
    box = page.locator("h2#need ~ ul input[type=checkbox]").first
    box.check()  # ticked on screen by the visitor …
    page.emulate_media(media="print")
    layout = page.evaluate("""() => {
        const item = document.querySelector('h2#need ~ ul > li');
        const before = getComputedStyle(item, '::before');
        const steps = document.querySelector('h2#steps ~ ol');
        return {
            input: getComputedStyle(item.querySelector('input')).display,
            boxBorder: before.borderTopStyle, boxWidth: parseFloat(before.width), boxContent: before.content,
            numbers: getComputedStyle(steps).listStyleType,
            stepSize: parseFloat(getComputedStyle(steps.querySelector('li')).fontSize),
            textSize: parseFloat(getComputedStyle(document.querySelector('article h1 + p')).fontSize),
        };
    }""")
    # … prints as an empty box to tick with a pen
    assert layout["input"] == "none"
    assert layout["boxBorder"] == "solid" and layout["boxWidth"] > 8 and layout["boxContent"] == '""'
    assert layout["numbers"] == "decimal"
    assert layout["stepSize"] >= 18  # 13.5 pt: large type
    assert layout["textSize"] >= 16


def test_the_qr_address_is_the_web_guide_for_both_editions():
    assert web_url("https://example.org/mg", "ar", "pass", "sv") == "https://example.org/mg/ar/pass/"
    assert web_url("https://example.org/mg/", "sv", "pass", "sv") == "https://example.org/mg/pass/"
    assert short_url("https://example.org/mg/pass/") == "example.org/mg/pass/"

