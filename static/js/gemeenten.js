// /gemeenten/: a search box over the list of municipalities. Without it the whole list
// shows, and the map works as it is.
(function () {
  "use strict";
  var form = document.querySelector("[data-place-filter]");
  if (!form) return;
  var input = form.querySelector("input"), count = form.querySelector("[data-template]");
  var lists = [].slice.call(document.querySelectorAll(".province-list ul"));
  var items = [].slice.call(document.querySelectorAll(".province-list li"));
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f'’]/g, "").toLowerCase();
  }
  var names = items.map(function (li) { return fold(li.textContent); });
  input.addEventListener("input", function () {
    var query = fold(input.value.trim()), shown = 0;
    items.forEach(function (li, i) {
      li.hidden = query && names[i].indexOf(query) < 0;
      if (!li.hidden) shown += 1;
    });
    lists.forEach(function (list) { // a province with none shown: its heading goes too
      list.hidden = list.previousElementSibling.hidden = !list.querySelector("li:not([hidden])");
    });
    count.textContent = query ? count.getAttribute("data-template").replace("{shown}", shown).replace("{total}", items.length) : "";
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.setAttribute("data-enhanced", "");
  form.hidden = false;
})();
