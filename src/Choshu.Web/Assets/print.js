// Progressive enhancement for paper-like pages (the receipt): shows the 印刷する buttons, which are
// hidden without JavaScript, and prints the page when one is pressed. Nothing else depends on it.
"use strict";
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () { window.print(); });
});
