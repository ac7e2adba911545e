// On a page with the film (templates/_film.html); everything works without it.
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
