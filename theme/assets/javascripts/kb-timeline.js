/* The timeline's filter by topic and country: plain JavaScript, no request, no framework.
   Without JavaScript the form stays hidden and every entry shows. */
(function () {
  "use strict";
  var form = document.querySelector("form.kb-timeline-filter");
  if (!form) return;
  var entries = Array.prototype.slice.call(document.querySelectorAll("li.kb-timeline__entry"));
  var count = form.querySelector("output");
  var template = form.getAttribute("data-count") || "{shown} / {total}";
  function apply() {
    var topic = form.elements.topic.value;
    var country = form.elements.country.value;
    var shown = 0;
    entries.forEach(function (entry) {
      var visible = (!topic || entry.getAttribute("data-topic") === topic) &&
                    (!country || entry.getAttribute("data-country") === country);
      entry.hidden = !visible;
      if (visible) shown += 1;
    });
    /* A year with nothing left to show loses its heading too. */
    Array.prototype.forEach.call(document.querySelectorAll("ul.kb-timeline"), function (list) {
      var empty = !list.querySelector("li.kb-timeline__entry:not([hidden])");
      list.hidden = empty;
      var heading = list.previousElementSibling;
      if (heading && heading.tagName === "H2") heading.hidden = empty;
    });
    count.textContent = template.replace("{shown}", shown).replace("{total}", entries.length);
  }
  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.hidden = false;
  apply();
})();
