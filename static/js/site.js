// Small enhancements for every page; everything works without them.
//
// Click-to-load film: the page shows a poster and a button; only after a click is the
// video loaded, from youtube-nocookie.com. Without this script the poster is a plain link.
(function () {
  "use strict";
  var films = document.querySelectorAll("[data-film]");
  Array.prototype.forEach.call(films, function (figure) {
    var id = figure.getAttribute("data-film");
    var link = figure.querySelector(".film-link");
    if (!/^[A-Za-z0-9_-]{11}$/.test(id) || !link) return;
    var button = document.createElement("button");
    button.type = "button";
    button.className = "film-link film-button";
    button.setAttribute("data-enhanced", "");
    button.innerHTML = link.innerHTML;
    button.querySelector(".film-play").lastChild.textContent = " " + figure.getAttribute("data-film-button");
    link.replaceWith(button);
    button.addEventListener("click", function () {
      var frame = document.createElement("iframe");
      frame.src = "https://www.youtube-nocookie.com/embed/" + id + "?autoplay=1";
      frame.title = figure.getAttribute("data-film-title");
      frame.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      frame.allowFullscreen = true;
      frame.className = "film-frame";
      button.replaceWith(frame);
      frame.focus();
    });
  });
})();

// Print buttons (the tips as a handout): only shown when the script runs.
(function () {
  "use strict";
  Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
    button.hidden = false;
    button.setAttribute("data-enhanced", "");
    button.addEventListener("click", function () { window.print(); });
  });
})();

// Opened from disk (file://), a link to a folder ("../tips/") shows the folder instead of
// its page: add "index.html" to such links. Served by a web server, addresses stay clean.
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
    var href = link.getAttribute("href");
    if (/^([a-z][a-z0-9+.-]*:|\/\/|#)/i.test(href)) return; // another address, or this page
    var cut = href.search(/[?#]/);
    var path = cut < 0 ? href : href.slice(0, cut);
    if (path.slice(-1) === "/") link.setAttribute("href", path + "index.html" + href.slice(path.length));
  });
})();

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
