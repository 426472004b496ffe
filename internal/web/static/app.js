// crosscheck: small enhancements over pages that work without JavaScript.
// Loaded from /static (the Content-Security-Policy allows only the server's
// own scripts; nothing here is inline).
(function () {
  "use strict";

  // Copy buttons: each names the text block it copies (data-copy = id).
  // Without JavaScript the buttons stay hidden and the text is selectable.
  function copyText(el) {
    var text = el.value !== undefined ? el.value : el.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    el.focus();
    if (el.select) { el.select(); }
    var ok = document.execCommand && document.execCommand("copy");
    return ok ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }

  function status(btn, msg) {
    var live = document.querySelector(".copied");
    if (live) { live.textContent = msg; }
    var old = btn.getAttribute("data-label") || btn.textContent;
    btn.setAttribute("data-label", old);
    btn.textContent = msg;
    window.setTimeout(function () { btn.textContent = old; }, 2000);
  }

  function setup(root) {
    root.querySelectorAll("button.copy[data-copy]").forEach(function (btn) {
      if (btn.dataset.ready) { return; }
      btn.dataset.ready = "1";
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var el = document.getElementById(btn.getAttribute("data-copy"));
        if (!el) { return; }
        copyText(el).then(function () { status(btn, "Copied"); },
          function () { if (el.select) { el.select(); } status(btn, "Press Ctrl+C to copy"); });
      });
    });
  }

  document.addEventListener("DOMContentLoaded", function () { setup(document); });
  document.addEventListener("htmx:afterSwap", function (e) { setup(e.target); });
})();
