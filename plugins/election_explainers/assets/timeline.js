// Election explainers: timeline filters, results-table scroll hints, a name
// for the search dialog and search on pasted text (progressive enhancement). Without JavaScript the whole timeline shows, and a
// narrow screen shows every table's "scroll sideways" hint; with it, readers
// filter the timeline by country and by kind, and a hint shows only beside a
// table that really is wider than its box. Runs again on Material's instant
// navigation.
(function () {
  "use strict";

  function markScrollingTables() {
    Array.prototype.forEach.call(document.querySelectorAll(".ee-results"), function (box) {
      var hint = box.previousElementSibling;
      if (hint && hint.classList.contains("ee-scroll-hint")) {
        hint.classList.toggle("ee-scroll-hint--shown", box.scrollWidth > box.clientWidth + 1);
      }
    });
  }

  // Material's search overlay has role="dialog" but no name (Lighthouse's aria-dialog-name):
  // name it after its search box.
  function nameSearchDialog() {
    var dialog = document.querySelector('.md-search[role="dialog"]:not([aria-label]):not([aria-labelledby])');
    var input = dialog && dialog.querySelector(".md-search__input");
    if (dialog) dialog.setAttribute("aria-label", (input && input.getAttribute("aria-label")) || "Search");
  }

  // Material's search box runs a query on keyup only. A query pasted from the context menu, a
  // word committed by an input method, dictation or autofill change the box with an input event
  // and no key, and found nothing. Send Material the keyup it listens for: it reads the box's
  // value and skips a value it has already searched, so typing still searches once per change.
  // Listening on the document works on every page, instant navigation or not.
  function searchOnInput(event) {
    var box = event.target;
    if (!box || !box.matches || !box.matches('[data-md-component="search-query"]')) return;
    if (event.type === "input" && event.isComposing) return; // the word is not there yet
    box.dispatchEvent(new KeyboardEvent("keyup", { bubbles: true }));
  }
  document.addEventListener("input", searchOnInput, true);
  document.addEventListener("compositionend", searchOnInput, true);

  function setUp() {
    nameSearchDialog();
    markScrollingTables();
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
      // The page's language's words, with {shown} and {total} to fill in.
      output.textContent = (output.dataset.eeShown || "{shown} of {total} shown")
        .replace("{shown}", shown)
        .replace("{total}", items.length);
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

  // Material's script, as the page loads, requests a sitemap.xml beside every
  // <link rel="alternate"> (it expects each language's home there, to steer its language menu).
  // Ours name this page's own versions, which the menu already links to, so every request failed:
  // three per page view. Hide them from that one query and give them back straight after, so
  // search engines and readers' tools still find them (the HTML as served is unchanged).
  var versions = Array.prototype.slice.call(document.querySelectorAll('link[rel="alternate"][hreflang]'));
  if (versions.length && document.readyState === "loading") {
    versions.forEach(function (link) { link.rel = "alternate ee-version"; });
    // Material's own listener was added first (its bundle runs before this script), so it has
    // read the links by the time this one runs.
    document.addEventListener("DOMContentLoaded", function () {
      versions.forEach(function (link) { link.rel = "alternate"; });
    }, { once: true });
  }

  window.addEventListener("resize", markScrollingTables);
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUp);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
