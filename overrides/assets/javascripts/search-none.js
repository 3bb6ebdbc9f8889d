/* No dead end in search: when a search finds nothing, show the errand tiles and "ask the staff"
 * (overrides/partials/search.html) under Material's "nothing found" line, and hide them again as soon
 * as there are results or the box is empty. Material writes that line from the page's own
 * translations (overrides/main.html: search.result.none is overrides/strings/<lang>.yml's search_none). */
(function () {
  var none = document.querySelector("[data-mg-search-none]");
  var meta = document.querySelector(".md-search-result__meta");
  var config = document.getElementById("__config");
  if (!none || !meta || !config) return;
  var text = JSON.parse(config.textContent).translations["search.result.none"];
  function update() {
    none.hidden = meta.textContent.trim() !== text;
  }
  new MutationObserver(update).observe(meta, { childList: true, characterData: true, subtree: true });
  update();
})();
