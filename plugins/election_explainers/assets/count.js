// Election explainers: election night (progressive enhancement). A counting election's marks
// (data-ee-count-src) name the small count.json beside its page; every 30 seconds this asks for
// it again (revalidating: an unchanged count is a 304) and puts the newest figures in place: the
// mark's sentence and the count's history table. Once the file says the count is over it stops
// and says so. Without JavaScript the page shows the figures it was built with.
(function () {
  "use strict";

  var EVERY_MS = 30000;
  var watched = {}; // count.json's absolute URL -> {etag, timer}

  function textOf(el) {
    return el.hasAttribute("data-ee-count-text") ? [el] : Array.prototype.slice.call(el.querySelectorAll("[data-ee-count-text]"));
  }

  function cell(tag, text, attrs) {
    var el = document.createElement(tag);
    el.textContent = text;
    Object.keys(attrs || {}).forEach(function (name) { el.setAttribute(name, attrs[name]); });
    return el;
  }

  function fillHistory(table, data) {
    var head = table.tHead && table.tHead.rows[0];
    if (head) {
      while (head.cells.length > 2) head.deleteCell(2);
      data.columns.forEach(function (name) { head.appendChild(cell("th", name, {scope: "col", class: "ee-num"})); });
    }
    var body = table.tBodies[0];
    if (!body) return;
    while (body.rows.length) body.deleteRow(0);
    data.rows.forEach(function (row) {
      var tr = document.createElement("tr");
      row.cells.forEach(function (text, i) {
        tr.appendChild(i === 0 ? cell("th", text, {scope: "row"}) : cell("td", text, {class: "ee-num"}));
      });
      body.appendChild(tr);
    });
  }

  function show(url, data) {
    Array.prototype.forEach.call(document.querySelectorAll("[data-ee-count-src]"), function (el) {
      if (new URL(el.getAttribute("data-ee-count-src"), document.baseURI).href !== url) return;
      if (el.hasAttribute("data-ee-count-history")) {
        if (data.provisional) fillHistory(el, data);
        return;
      }
      textOf(el).forEach(function (target) {
        // The page's own words (translated with it) when the count is over.
        target.textContent = data.provisional ? data.text : el.getAttribute("data-ee-count-over") || target.textContent;
      });
      el.setAttribute("data-ee-count-updated", data.updated || "");
    });
  }

  function poll(url) {
    var state = watched[url];
    var headers = state.etag ? {"If-None-Match": state.etag} : {};
    fetch(url, {cache: "no-cache", headers: headers})
      .then(function (response) {
        if (response.status === 304) return null;
        if (response.status === 404) { state.stopped = true; return null; }
        if (!response.ok) return null;
        state.etag = response.headers.get("ETag");
        return response.json();
      })
      .then(function (data) {
        if (!data) return;
        show(url, data);
        if (!data.provisional) state.stopped = true;
      })
      .catch(function () { /* offline for a moment: the next round tries again */ })
      .then(function () { if (!state.stopped) state.timer = setTimeout(function () { poll(url); }, EVERY_MS); });
  }

  function setUp() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-ee-count-src]"), function (el) {
      var url = new URL(el.getAttribute("data-ee-count-src"), document.baseURI).href;
      if (watched[url]) return;
      watched[url] = {etag: null, stopped: false, timer: null};
      watched[url].timer = setTimeout(function () { poll(url); }, EVERY_MS);
    });
  }

  function reset() {
    Object.keys(watched).forEach(function (url) { watched[url].stopped = true; clearTimeout(watched[url].timer); });
    watched = {};
    setUp();
  }

  // Material's instant navigation swaps the page without loading this script again.
  if (typeof window.document$ !== "undefined" && window.document$.subscribe) {
    window.document$.subscribe(reset);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
