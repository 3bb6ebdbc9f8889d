"""A visitor who reads poorly presses "read aloud": the computer's own voice for the page's language
reads the guide. Where the computer has no voice for that language, there is no button, only a short
note — a Tigrinya guide is never read by a Swedish voice. (The computer's voices are stood in for
by a recorder: headless Chromium has none.)"""

from __future__ import annotations

import pytest

from axe import violations
from guide_tools import stub_speech, voice

SLUG = "vidimera"
VOICES = [voice("Alva", "sv-SE", default=True), voice("Maged", "ar-SA"), voice("Daniel", "en-GB"),
          voice("Hoda online", "ar-EG", local=False)]
BUTTON = "[data-mg-read-aloud]"
NOTE = "[data-mg-no-voice]"


def _spoken(page) -> list[dict]:
    return page.evaluate("window.__speech.spoken")


@pytest.mark.parametrize("lang, expected_voice", [("ar", "Maged"), ("sv", "Alva")])
def test_read_aloud_reads_the_guide_in_the_pages_language(page, edition, lang, expected_voice):
    stub_speech(page, VOICES)
    page.goto(edition.url(lang, SLUG))
    button = page.locator(BUTTON)
    button.wait_for(state="visible")
    assert page.locator(NOTE).is_hidden()
    assert button.get_attribute("aria-pressed") == "false"

    button.click()
    assert button.get_attribute("aria-pressed") == "true"
    spoken = _spoken(page)
    assert spoken, "nothing was spoken"
    assert {s["voice"] for s in spoken} == {expected_voice}
    assert {s["lang"] for s in spoken} == {lang}
    title = page.locator("article h1").inner_text().strip()
    first_step = page.locator("h2#steps ~ ol > li").first.inner_text().strip()
    texts = [s["text"] for s in spoken]
    assert texts[0] == title
    assert f"1. {first_step}" in texts, "the steps are read with their numbers"
    # the tools, the QR caption and the "last checked" line are not read
    assert not any(page.locator(".mg-qr__caption").inner_text().split("\n")[0] in t for t in texts)
    # the block being read is marked, so the listener can follow
    page.wait_for_selector("article h1.mg-reading")

    button.click()  # the same button stops
    assert button.get_attribute("aria-pressed") == "false"
    assert page.evaluate("window.__speech.cancelled") >= 1
    assert page.locator(".mg-reading").count() == 0


@pytest.mark.parametrize("lang", ["ti", "so", "fa"])
def test_no_voice_for_the_language_means_no_button_and_a_note(page, edition, lang):
    # A typical library PC: Swedish and English voices only.
    stub_speech(page, [voice("Alva", "sv-SE", default=True), voice("Daniel", "en-GB")])
    page.goto(edition.url(lang, SLUG))
    note = page.locator(NOTE)
    note.wait_for(state="visible")
    assert page.locator(BUTTON).is_hidden()
    assert note.inner_text().strip()
    assert note.evaluate("n => n.closest('[lang]').lang") == lang  # the note is in the page's language
    assert _spoken(page) == []


def test_voices_that_arrive_late_show_the_button(page, edition):
    stub_speech(page, VOICES, late=True)  # as in Chrome: no voices until "voiceschanged"
    page.goto(edition.url("ar", SLUG))
    assert page.locator(BUTTON).is_hidden()
    page.evaluate("window.__speech.arrive()")
    page.locator(BUTTON).wait_for(state="visible")
    assert page.locator(NOTE).is_hidden()


def test_the_library_pc_uses_only_voices_on_the_computer(page, library_url):
    # An online voice cannot speak on the library's offline PCs, so it does not count there.
    stub_speech(page, [voice("Alva", "sv-SE"), voice("Hoda online", "ar-EG", local=False)])
    page.goto(f"{library_url}ar/{SLUG}.html")
    page.locator(NOTE).wait_for(state="visible")
    assert page.locator(BUTTON).is_hidden()


def test_the_web_edition_may_use_an_online_voice(page, web_url):
    stub_speech(page, [voice("Alva", "sv-SE"), voice("Hoda online", "ar-EG", local=False)])
    page.goto(f"{web_url}ar/{SLUG}/")
    page.locator(BUTTON).click()
    assert {s["voice"] for s in _spoken(page)} == {"Hoda online"}


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_a_guide_with_its_tools_passes_axe(page, edition, lang):
    stub_speech(page, VOICES)
    page.goto(edition.url(lang, SLUG))
    page.locator(f"{BUTTON}, {NOTE}").locator("visible=true").first.wait_for()
    assert violations(page) == []
    if page.locator(BUTTON).is_visible():
        page.locator(BUTTON).click()  # pressed, with a block marked as being read
        page.wait_for_selector(".mg-reading")
        assert violations(page) == []
