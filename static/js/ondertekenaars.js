// Filters the signatory list by province, type and text. Without this script every
// organisation is listed; the script only shows the form and hides what does not match.
(function () {
  "use strict";
  var form = document.querySelector("[data-filter]");
  if (!form) return;
  var items = Array.prototype.slice.call(document.querySelectorAll(".signatory"));
  var count = document.getElementById("filter-count");
  var empty = document.querySelector("[data-empty]");
  function plain(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }
  var texts = items.map(function (li) { return plain(li.textContent); });
  function update() {
    var province = form.elements.province.value;
    var type = form.elements.type.value;
    var query = plain(form.elements.q.value.trim());
    var shown = 0;
    items.forEach(function (li, i) {
      var match = (!province || li.dataset.province === province) &&
        (!type || li.dataset.type === type) &&
        (!query || texts[i].indexOf(query) !== -1);
      li.hidden = !match;
      if (match) shown += 1;
    });
    count.textContent = count.dataset.template
      .replace("{shown}", shown).replace("{total}", items.length);
    if (empty) empty.hidden = shown !== 0;
  }
  form.hidden = false;
  form.setAttribute("data-enhanced", "");
  form.addEventListener("input", update);
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  update();
})();
