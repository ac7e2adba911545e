// The preview's own live reload (served only by `build.py serve`, never published).
// It speaks livereload's protocol to the preview server. When a content file changed it
// fetches the new page and swaps it into the open one (no flash, scroll position kept,
// and faster than a full reload); for anything else (styles, templates, scripts,
// settings) it reloads the whole page.
(function () {
  "use strict";
  var swaps = 0;
  function connect() {
    var socket = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/livereload");
    socket.onopen = function () {
      socket.send(JSON.stringify({ command: "hello", protocols: ["http://livereload.com/protocols/official-7"] }));
    };
    socket.onmessage = function (event) {
      var message = JSON.parse(event.data);
      if (message.command === "hello") {
        socket.send(JSON.stringify({ command: "info", plugins: {}, url: location.href }));
        window.__previewConnected = true;
      } else if (message.command === "reload") {
        if (String(message.path || "").indexOf("content/") === 0) swap(); else location.reload();
      }
    };
    socket.onclose = function () { window.__previewConnected = false; setTimeout(connect, 1000); };
  }
  function rerun(script) {
    var fresh = document.createElement("script");
    fresh.src = script.src;
    document.body.appendChild(fresh);
  }
  function swap() {
    fetch(location.href, { cache: "no-store" }).then(function (response) {
      if (!response.ok) throw new Error(String(response.status));
      return response.text();
    }).then(function (html) {
      var page = new DOMParser().parseFromString(html, "text/html");
      document.title = page.title;
      document.body.replaceWith(document.importNode(page.body, true));
      // Scripts do not run when swapped in: run the page's own ones again.
      Array.prototype.forEach.call(document.querySelectorAll("head script[src], body script[src]"), function (script) {
        if (script.src.indexOf("/_preview/") === -1 && script.src.indexOf("livereload") === -1) rerun(script);
      });
      swaps += 1;
      window.__previewSwapped = performance.timeOrigin + performance.now();
      window.__previewSwaps = swaps;
    }).catch(function () { location.reload(); });
  }
  connect();
})();
