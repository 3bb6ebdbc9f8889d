/* The "print" button on a guide (overrides/partials/mg-guide-tools.html). It needs JavaScript, so
   it starts hidden and is shown here. What paper shows is decided in stylesheets/print.css. */
(function () {
  "use strict";
  document.querySelectorAll("[data-mg-print]").forEach(function (button) {
    button.addEventListener("click", function () { window.print(); });
    button.hidden = false;
  });
})();
