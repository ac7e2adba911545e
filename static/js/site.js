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
