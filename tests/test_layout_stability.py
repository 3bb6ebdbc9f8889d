"""A reader on a phone starts reading, or reaches for a link, as soon as the text shows. Nothing the
page adds afterwards (text size buttons, print button, read-aloud button or its "no voice" note)
may push the text away under their eyes or finger. The browser's own layout-shift records are the
measure (the same ones behind Lighthouse's "cumulative layout shift")."""

from __future__ import annotations

import pytest

from guide_tools import stub_speech, voice

# Records every layout shift from the first paint on, with what moved.
RECORD_SHIFTS = """
window.__shifts = [];
new PerformanceObserver(list => {
  for (const entry of list.getEntries()) {
    window.__shifts.push({
      value: entry.value,
      moved: (entry.sources || []).map(s => s.node && s.node.nodeType === 1
        ? s.node.tagName.toLowerCase() + (s.node.className ? '.' + s.node.className : '') : 'text'),
    });
  }
}).observe({type: 'layout-shift', buffered: true});
"""

# A shift this small is a pixel of rounding; anything a person would notice is far above it.
NOTICEABLE = 0.005


def _shifts_after_load(phone, url: str) -> list[dict]:
    phone.add_init_script(RECORD_SHIFTS)
    phone.goto(url)
    # The read-aloud line settles when the voices are known, or after 2 s when none come.
    phone.locator(".mg-tools__voice[data-mg-voice], .mg-tiles").first.wait_for(state="attached")
    phone.wait_for_function("document.querySelector('.mg-text-size:not([hidden])')")
    phone.wait_for_timeout(300)
    return [s for s in phone.evaluate("window.__shifts") if s["value"] >= NOTICEABLE]


@pytest.mark.parametrize("lang, slug", [("sv", None), ("ar", None), ("sv", "bankkonto"),
                                        ("ar", "bankkonto"), ("ti", "bankkonto"), ("so", "cv")])
def test_the_text_stays_put_while_the_page_finishes(phone, edition, lang, slug):
    # No voice at all for the language: the longest wait, and the note instead of the button.
    stub_speech(phone, [voice("Daniel", "en-GB")], late=True)
    shifts = _shifts_after_load(phone, edition.url(lang, slug))
    assert not shifts, f"{edition.url(lang, slug)}: the text moved after it was drawn: {shifts}"
    if slug:
        assert phone.locator("[data-mg-no-voice]").is_visible()
        assert phone.locator("[data-mg-print]").is_visible()


def test_the_read_aloud_button_takes_the_place_kept_for_it(phone, edition):
    stub_speech(phone, [voice("Maged", "ar-SA")], late=True)
    phone.add_init_script(RECORD_SHIFTS)
    phone.goto(edition.url("ar", "bankkonto"))
    phone.wait_for_function("document.querySelector('.mg-text-size:not([hidden])')")
    heading_before = phone.locator("h1").bounding_box()
    phone.evaluate("window.__speech.arrive()")  # the computer's voices arrive late, as in Chrome
    phone.locator("[data-mg-read-aloud]").wait_for(state="visible")
    assert phone.locator("h1").bounding_box() == heading_before
    shifts = [s for s in phone.evaluate("window.__shifts") if s["value"] >= NOTICEABLE]
    assert not shifts, f"the text moved when the button appeared: {shifts}"


@pytest.mark.parametrize("lang", ["sv", "ar", "ti"])
def test_a_guide_fits_a_phones_screen(phone, edition, lang):
    """Nothing in a guide is wider than the phone: a checklist line with a fee in it once became a row
    of columns wider than the screen, and an Arabic page could then be scrolled sideways."""
    phone.goto(edition.url(lang, "pass"))
    too_wide = phone.evaluate("""() => {
        const width = document.documentElement.clientWidth;
        return [...document.querySelectorAll('article *')]
            .filter(e => { const r = e.getBoundingClientRect(); return r.width && (r.left < -1 || r.right > width + 1); })
            .map(e => e.tagName.toLowerCase() + '.' + e.className + ': ' + e.textContent.trim().slice(0, 60));
    }""")
    assert not too_wide, f"{edition.url(lang, 'pass')}: wider than the screen: {too_wide[:5]}"
    assert phone.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
