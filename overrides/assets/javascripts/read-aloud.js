/* "Read aloud" on a guide: the browser's own speech (speechSynthesis) reads the guide, block by
   block, in the page's language, and marks the block it is reading so the listener can follow.

   Only a voice for the page's own language is ever used: Tigrinya read by a Swedish voice would be
   nonsense. Where the computer has no such voice (common for Somali, Tigrinya and Persian), the
   button stays hidden and a short note says so. Nothing is fetched: the voices are the computer's.
   In the library edition, which runs on PCs without network, only voices on the computer itself
   (localService) count; online voices would fail there (data-mg-local-voices: `extra: online_voices`
   off, mkdocs-library.yml). */
(function () {
  "use strict";
  var tools = document.querySelector(".mg-tools");
  var button = document.querySelector("[data-mg-read-aloud]");
  var note = document.querySelector("[data-mg-no-voice]");
  if (!tools || !button) return;

  var synth = window.speechSynthesis;
  var lang = (document.documentElement.lang || "").toLowerCase();
  var localOnly = tools.hasAttribute("data-mg-local-voices");
  var article = document.querySelector("article.md-content__inner");
  var BLOCKS = "h1, h2, h3, h4, p, li, .admonition-title";
  var SKIP = ".mg-tools, .mg-print-only, .md-content__button, .mg-checked, .mg-notice, .mg-page-actions";
  var voice = null;
  var reading = [];

  function speaks(candidate) {
    var code = (candidate.lang || "").toLowerCase().replace("_", "-");
    return (code === lang || code.indexOf(lang + "-") === 0) && (!localOnly || candidate.localService);
  }

  function findVoice() {
    var voices = synth ? synth.getVoices() : [];
    var matching = voices.filter(speaks);
    // The computer's own voice first (works offline), then the system's default for the language.
    matching.sort(function (a, b) {
      return (b.localService - a.localService) || (b["default"] - a["default"]);
    });
    return { voice: matching[0] || null, known: voices.length > 0 };
  }

  function show(found) {
    voice = found;
    // Known now: the line kept free for the button (guide-tools.css) shows the button or the note.
    button.parentElement.setAttribute("data-mg-voice", found ? "found" : "none");
    button.hidden = !found;
    if (note) note.hidden = !!found;
    if (!found && isPressed()) stop();
  }

  function isPressed() {
    return button.getAttribute("aria-pressed") === "true";
  }

  // The guide's text in reading order: headings, paragraphs and list items, each read once (an
  // item's nested list or paragraphs are read as blocks of their own). Steps keep their numbers.
  function blocks() {
    var out = [];
    article.querySelectorAll(BLOCKS).forEach(function (element) {
      if (element.closest(SKIP)) return;
      var copy = element.cloneNode(true);
      copy.querySelectorAll(BLOCKS + ", input, svg").forEach(function (inner) { inner.remove(); });
      var text = copy.textContent.replace(/\s+/g, " ").trim();
      if (!text) return;
      if (element.tagName === "LI" && element.parentElement.tagName === "OL") {
        text = (Array.prototype.indexOf.call(element.parentElement.children, element) + 1) + ". " + text;
      }
      out.push({ element: element, text: text });
    });
    return out;
  }

  function unmark() {
    reading.forEach(function (block) { block.element.classList.remove("mg-reading"); });
  }

  function stop() {
    reading = [];
    if (synth) synth.cancel();
    document.querySelectorAll(".mg-reading").forEach(function (e) { e.classList.remove("mg-reading"); });
    button.setAttribute("aria-pressed", "false");
  }

  function start() {
    if (!voice) return;
    synth.cancel();
    reading = blocks();
    button.setAttribute("aria-pressed", "true");
    reading.forEach(function (block, index) {
      var utterance = new SpeechSynthesisUtterance(block.text);
      utterance.lang = document.documentElement.lang;
      utterance.voice = voice;
      utterance.onstart = function () {
        unmark();
        block.element.classList.add("mg-reading");
        block.element.scrollIntoView({ block: "nearest" });
      };
      utterance.onend = function () {
        block.element.classList.remove("mg-reading");
        if (index === reading.length - 1) stop();
      };
      utterance.onerror = function (event) {
        if (event.error === "interrupted" || event.error === "canceled") return;
        stop();
        show(null);  // the voice is listed but cannot speak (e.g. an online voice without network)
      };
      synth.speak(utterance);
    });
  }

  button.addEventListener("click", function () {
    if (isPressed()) stop(); else start();
  });
  window.addEventListener("pagehide", stop);

  if (!synth || typeof SpeechSynthesisUtterance === "undefined") {
    show(null);
    return;
  }
  // Voices arrive late in Chrome (getVoices() is empty until "voiceschanged"); some systems never
  // send the event when they have no voices at all, so after a moment the note is shown anyway.
  function update() {
    var result = findVoice();
    if (result.voice || result.known) show(result.voice);
    return result;
  }
  if (!update().known) {
    setTimeout(function () { if (!voice) show(null); }, 2000);
  }
  if (synth.addEventListener) synth.addEventListener("voiceschanged", update);
  else synth.onvoiceschanged = update;
})();
