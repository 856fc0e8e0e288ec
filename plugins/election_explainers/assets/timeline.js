// Election explainers: timeline filters (progressive enhancement).
// Without JavaScript the whole timeline shows; with it, readers filter by
// country and by kind. Runs again on Material's instant navigation.
(function () {
  "use strict";

  function setUp() {
    var form = document.querySelector("[data-ee-timeline-filters]");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    var items = Array.prototype.slice.call(document.querySelectorAll(".ee-timeline__item"));
    var years = Array.prototype.slice.call(document.querySelectorAll(".ee-timeline-year"));
    var output = form.querySelector("output");
    var params = new URLSearchParams(window.location.search);
    ["country", "kind"].forEach(function (name) {
      if (params.get(name)) form.elements[name].value = params.get(name);
    });

    function apply() {
      var country = form.elements.country.value;
      var kind = form.elements.kind.value;
      var shown = 0;
      items.forEach(function (item) {
        var visible = (!country || item.dataset.country === country) && (!kind || item.dataset.kind === kind);
        item.hidden = !visible;
        if (visible) shown += 1;
      });
      years.forEach(function (year) {
        year.hidden = !year.querySelector(".ee-timeline__item:not([hidden])");
      });
      output.textContent = shown + " of " + items.length + " shown";
      var query = new URLSearchParams();
      if (country) query.set("country", country);
      if (kind) query.set("kind", kind);
      var search = query.toString();
      window.history.replaceState(null, "", search ? "?" + search : window.location.pathname);
    }

    form.addEventListener("change", apply);
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    form.hidden = false;
    apply();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
