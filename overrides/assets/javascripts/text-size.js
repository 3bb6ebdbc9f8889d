/* Text size buttons (overrides/partials/mg-text-size.html).
   The choice is a step from -1 (smaller) to 3 (largest), 0 being the site's normal size. It is
   kept in localStorage under one key, "mg-text-size" – the only thing the site itself stores –
   so it lasts from page to page, also when the site is opened from disk. The normal size is not
   stored: choosing "A" removes the key. The inline script in the head
   (partials/mg-before-paint.html) applies the stored step before the page is drawn. */
(function () {
  "use strict";
  var KEY = "mg-text-size";
  var MIN = -1, MAX = 3;
  var root = document.documentElement;

  function current() {
    var step = parseInt(root.getAttribute("data-mg-text-size") || "0", 10);
    return isNaN(step) ? 0 : Math.min(MAX, Math.max(MIN, step));
  }

  // The size shown is the one the page really has: the factor desk.css gives the step now set
  // on <html> (--mg-text-scale; not set at the normal size).
  function percent() {
    var scale = parseFloat(getComputedStyle(root).getPropertyValue("--mg-text-scale")) || 1;
    var lang = root.lang || "sv";
    try {
      // Latin digits, as in the site's dates and times.
      return new Intl.NumberFormat(lang + "-u-nu-latn", { style: "percent" }).format(scale);
    } catch (e) {
      return Math.round(scale * 100) + " %";
    }
  }

  function show(control, step, announce) {
    control.querySelector("[data-mg-step='-1']").disabled = step <= MIN;
    control.querySelector("[data-mg-step='1']").disabled = step >= MAX;
    var status = control.querySelector(".mg-text-size__status");
    // The status is a live region: change it only when the visitor pressed a button.
    if (announce || !status.textContent) status.textContent = percent();
  }

  function apply(step) {
    if (step === 0) root.removeAttribute("data-mg-text-size");
    else root.setAttribute("data-mg-text-size", String(step));
    try {
      if (step === 0) localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, String(step));
    } catch (e) { /* storage turned off: the size still changes on this page */ }
  }

  var controls = document.querySelectorAll(".mg-text-size");
  Array.prototype.forEach.call(controls, function (control) {
    control.addEventListener("click", function (event) {
      var button = event.target.closest("[data-mg-step]");
      if (!button || button.disabled) return;
      var change = parseInt(button.getAttribute("data-mg-step"), 10);
      var step = change === 0 ? 0 : Math.min(MAX, Math.max(MIN, current() + change));
      apply(step);
      Array.prototype.forEach.call(controls, function (c) { show(c, step, c === control); });
    });
    show(control, current(), false);
    control.hidden = false;
  });
})();
