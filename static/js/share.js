// On a page with share links or copy buttons (templates/_share.html, steun.html);
// everything works without it.
//
// Copy buttons (a page's address, the badge code) and the browser's own share menu
// (navigator.share, where there is one): only shown when the script runs. A copy says so
// in its status line (role=status), which screen readers read out.
(function () {
  "use strict";
  function copied(text) {
    if (navigator.clipboard && window.isSecureContext) return navigator.clipboard.writeText(text);
    return new Promise(function (resolve, reject) {
      var area = document.createElement("textarea");
      area.value = text;
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.appendChild(area);
      area.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      area.remove();
      if (ok) resolve(); else reject(new Error("copy"));
    });
  }
  Array.prototype.forEach.call(document.querySelectorAll("[data-copy], [data-copy-from]"), function (button) {
    var status = document.getElementById(button.getAttribute("data-copy-status"));
    button.hidden = false;
    button.setAttribute("data-enhanced", "");
    button.addEventListener("click", function () {
      var from = document.getElementById(button.getAttribute("data-copy-from") || "");
      var text = from ? from.textContent : button.getAttribute("data-copy");
      function say(message) { if (status) status.textContent = message; }
      say("");
      copied(text).then(
        function () { say(button.getAttribute("data-copy-done")); },
        function () { say(button.getAttribute("data-copy-failed")); }
      );
    });
  });
  if (typeof navigator.share !== "function") return;
  Array.prototype.forEach.call(document.querySelectorAll("[data-share]"), function (button) {
    button.hidden = false;
    button.setAttribute("data-enhanced", "");
    button.addEventListener("click", function () {
      navigator.share({ title: button.getAttribute("data-share-title"), url: button.getAttribute("data-share") })
        .catch(function () {}); // closed without sharing: nothing to say
    });
  });
})();
