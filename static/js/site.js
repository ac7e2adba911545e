// Small enhancements for every page; everything works without them. What only some pages
// need is in its own file (film.js, share.js), linked by the templates that use it.

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
