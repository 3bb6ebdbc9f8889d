"""Helpers for the tests of the guide tools (print, read aloud, side by side): reading what a printed
PDF says, decoding the QR code from a screenshot, and a recording stand-in for the browser's speech.
(axe in the page: tests/axe.py.)"""

from __future__ import annotations

import json
import os
import re
import struct
import unicodedata
import zlib

import yaml
import zxingcpp

from medborgarguiden import side_by_side as sbs
from medborgarguiden import site
from medborgarguiden.handout import web_url

# ---------------------------------------------------------------------------------------------------
# Where a guide lives


def ui(lang: str) -> dict:
    """The site's own UI texts in a language (overrides/strings/<lang>.yml)."""
    return yaml.safe_load((site.ROOT / "overrides" / "strings" / f"{lang}.yml").read_text(encoding="utf-8"))


def expected_web_url(lang: str, slug: str) -> str:
    """The guide's address on the web edition, as the build makes it (SITE_URL overrides mkdocs.yml)."""
    site_url = os.environ.get("SITE_URL") or site.read_config()["site_url"]
    return web_url(site_url, lang, slug, site.default_language())


def side_by_side_url(edition, lang: str, slug: str) -> str:
    """The guide's side-by-side page in an edition, where the build puts it."""
    return edition.base + sbs.page_url(lang, slug, site.default_language(), edition.directory_urls)


# ---------------------------------------------------------------------------------------------------
# Text as a PDF gives it back

_MARKS = re.compile(r"[\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")  # Arabic vowel marks and tatweel
_WORD = re.compile(r"\w+")


def _plain(text: str) -> str:
    return _MARKS.sub("", unicodedata.normalize("NFKC", text)).lower()


def _word_key(word: str) -> str:
    # PDF text of Arabic comes back in presentation forms and sometimes with the letters of a word in
    # visual order; the sorted letters of the plain word are the same either way.
    return "".join(sorted(word))


def words(text: str) -> set[str]:
    return {_word_key(w) for w in _WORD.findall(_plain(text))}


def missing_words(expected: str, pdf_text: str) -> list[str]:
    """The words of `expected` that the PDF's text does not have."""
    found = words(pdf_text)
    return [w for w in _WORD.findall(_plain(expected)) if _word_key(w) not in found]


def printed_as_lines(items: list[str], pdf_text: str) -> list[str]:
    """The items (menu entries, button labels …) that stand on a line of their own in the PDF's
    text, as screen furniture would (word order aside, see _word_key)."""
    lines = {frozenset(words(line)) for line in pdf_text.splitlines()}
    return [item for item in items if words(item) and frozenset(words(item)) in lines]


# ---------------------------------------------------------------------------------------------------
# QR code from a screenshot (PNG decoded here: the tests need no image library)


def png_to_gray(data: bytes) -> tuple[bytes, int, int]:
    """Decodes an 8-bit, non-interlaced PNG (as Chromium writes screenshots) to grey pixels."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour, _, _, interlace = struct.unpack(">IIBBBBB", chunk)
            if depth != 8 or interlace or colour not in (0, 2, 6):
                raise ValueError(f"unsupported PNG (depth {depth}, colour {colour}, interlace {interlace})")
            channels = {0: 1, 2: 3, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + length
    raw, stride = zlib.decompress(idat), width * channels
    rows, previous = [], bytearray(stride)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + ((left + up) >> 1)) & 0xFF
            elif kind == 4:
                corner = previous[i - channels] if i >= channels else 0
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 0xFF
        rows.append(bytes(line[0::channels]) if channels == 1 else
                    bytes((r * 299 + g * 587 + b * 114) // 1000
                          for r, g, b in zip(line[0::channels], line[1::channels], line[2::channels])))
        previous = line
    return b"".join(rows), width, height


def decode_qr(png: bytes) -> list[str]:
    gray, width, height = png_to_gray(png)
    image = memoryview(gray).cast("B", (height, width))
    return [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]


# ---------------------------------------------------------------------------------------------------
# The browser's speech, replaced by a recorder (headless Chromium has no voices of its own)

_SPEECH_STUB = """
(() => {
  const voices = %(voices)s;
  const state = { voices: %(late)s ? [] : voices.slice(), spoken: [], cancelled: 0, listeners: [] };
  window.__speech = state;
  class Utterance {
    constructor(text) { this.text = text; this.lang = ""; this.voice = null; }
  }
  const synth = {
    speaking: false, pending: false, paused: false, onvoiceschanged: null,
    getVoices: () => state.voices.slice(),
    speak: (u) => {
      state.spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.name : null });
      if (state.spoken.length === 1 && u.onstart) setTimeout(() => u.onstart({}), 0);
    },
    cancel: () => { state.cancelled += 1; },
    pause() {}, resume() {},
    addEventListener: (type, listener) => { if (type === "voiceschanged") state.listeners.push(listener); },
    removeEventListener() {},
  };
  state.arrive = () => {
    state.voices = voices.slice();
    state.listeners.forEach((listener) => listener(new Event("voiceschanged")));
    if (synth.onvoiceschanged) synth.onvoiceschanged(new Event("voiceschanged"));
  };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  window.print = () => { window.__printed = (window.__printed || 0) + 1; };
})();
"""


def voice(name: str, lang: str, local: bool = True, default: bool = False) -> dict:
    return {"name": name, "lang": lang, "localService": local, "default": default, "voiceURI": name}


def stub_speech(page, voices: list[dict], late: bool = False) -> None:
    """Before the page's scripts run: the computer has these voices (late: they arrive only when the
    test calls window.__speech.arrive(), as Chrome's do), speaking is recorded in window.__speech,
    and window.print only counts calls."""
    page.add_init_script(_SPEECH_STUB % {"voices": json.dumps(voices), "late": json.dumps(late)})
