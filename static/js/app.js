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

/* h15d: an impossible date typed into a date field reaches the server as "",
   so the page says which: "that day does not exist", not "enter a date". */
(function () {
  "use strict";
  document.querySelectorAll("input[data-bad-date-for]").forEach(function (flag) {
    var input = document.getElementById(flag.getAttribute("data-bad-date-for"));
    var form = flag.form;
    if (!input || !form) { return; }
    form.addEventListener("submit", function () {
      flag.value = input.validity && input.validity.badInput ? "1" : "";
    });
  });
})();
