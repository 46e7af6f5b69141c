/* Comfort only: everything works without this file. */
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  function fallbackCopy(area) {
    area.focus();
    area.select();
    area.setSelectionRange(0, area.value.length);
    try { return document.execCommand("copy"); } catch (e) { return false; }
  }

  function done(button) {
    var original = button.textContent;
    button.textContent = button.getAttribute("data-copied") || original;
    setTimeout(function () { button.textContent = original; }, 2000);
  }

  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var area = document.getElementById(button.getAttribute("data-copy"));
    if (!area) { return; }
    button.hidden = false;
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(area.value).then(
          function () { done(button); },
          function () { if (fallbackCopy(area)) { done(button); } }
        );
      } else if (fallbackCopy(area)) {
        done(button);
      }
    });
  });

  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
})();
