/* directive-graph views: search that forgives diacritics, and the filters (type, issuer, year, relation).
 * "ket luan 34", "Kết luận 34" and "34-kl/tw" find the same document: the query and every node's
 * number, type (vi and en), title, issuer and province are folded (no marks, đ -> d, lower case). */
"use strict";

(function () {
  var el = dg.el, append = dg.append, cat = dg.cat;
  var columns = { kind: cat.col("kind"), code: cat.col("code"), label: cat.col("label"), title: cat.col("title"),
    issuer: cat.col("issuer"), issuerEn: cat.col("issuer_en"), province: cat.col("province"), place: cat.col("place"),
    date: cat.col("date"), after: cat.col("after") };
  var index = null; /* folded text per row, built on the first search */

  function compact(s) { return s.replace(/[^a-z0-9]/g, ""); }
  function words(i) {
    var kindWords = columns.kind[i] === "a" ? dg.status(columns.code[i]) : dg.type(columns.code[i]);
    return [kindWords[0], kindWords[1]].join(" ");
  }
  function buildIndex() {
    index = [];
    for (var i = 0; i < cat.n; i++) {
      var label = dg.fold(columns.label[i]);
      index.push({
        label: label,
        compact: compact(label),
        serial: (/^(\d+)/.exec(label) || ["", ""])[1],
        kind: dg.fold(words(i)),
        rest: dg.fold([columns.title[i], columns.issuer[i], columns.issuerEn[i], columns.province[i], columns.place[i]].join(" "))
      });
    }
  }
  /* Every word of the query must occur; a number equal to the serial, and words in the label or the
   * type, weigh more. Returns rows, best first. */
  dg.search = function (query, limit) {
    if (!index) { buildIndex(); }
    var tokens = dg.fold(query).split(/[\s,;]+/).filter(Boolean);
    if (!tokens.length) { return []; }
    var hits = [];
    for (var i = 0; i < cat.n; i++) {
      var entry = index[i], score = 0, ok = true;
      for (var t = 0; t < tokens.length && ok; t++) {
        var token = tokens[t];
        if (token === entry.serial) { score += 12; }
        else if (entry.label.indexOf(token) >= 0) { score += entry.label.indexOf(token) === 0 ? 8 : 6; }
        else if (compact(token) && entry.compact.indexOf(compact(token)) >= 0) { score += 5; }
        else if ((" " + entry.kind + " ").indexOf(" " + token) >= 0) { score += 3; }
        else if (entry.rest.indexOf(token) >= 0) { score += 1; }
        else { ok = false; }
      }
      if (ok && dg.matches(i)) { hits.push([score, i]); }
    }
    hits.sort(function (a, b) {
      return b[0] - a[0] || (columns.kind[a[1]] === "d" ? -1 : 1) - (columns.kind[b[1]] === "d" ? -1 : 1) ||
        columns.label[a[1]].localeCompare(columns.label[b[1]]);
    });
    return hits.slice(0, limit || 12).map(function (h) { return h[1]; });
  };

  /* ---- the search box and its list of results ---- */
  var form = document.getElementById("dg-search");
  var input = document.getElementById("dg-search-input");
  var list = document.getElementById("dg-results");
  var results = [];
  function choose(i) {
    list.hidden = true;
    dg.focus(cat.id(i));
  }
  function showResults() {
    results = dg.search(input.value, 12);
    list.replaceChildren();
    results.forEach(function (i, k) {
      var li = el("li", k === 0 ? "dg-result dg-active" : "dg-result");
      li.setAttribute("role", "option");
      li.setAttribute("data-node", cat.id(i));
      var date = dg.dateVi(columns.date[i]);
      var about = [dg.clip(columns.title[i], 70), date].filter(Boolean).join(" · ");
      append(li, el("strong", null, columns.label[i]), el("span", "dg-muted", about ? " " + about : ""));
      li.addEventListener("mousedown", function (event) { event.preventDefault(); choose(i); });
      append(list, li);
    });
    if (!results.length && input.value.trim()) { append(list, el("li", "dg-empty", "Không thấy (nothing found)")); }
    list.hidden = !input.value.trim();
  }
  var active = 0;
  function highlight(k) {
    var items = list.querySelectorAll(".dg-result");
    if (!items.length) { return; }
    active = (k + items.length) % items.length;
    Array.prototype.forEach.call(items, function (li, n) { li.classList.toggle("dg-active", n === active); });
  }
  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (list.hidden) { showResults(); }
      highlight(active + (event.key === "ArrowDown" ? 1 : -1));
    } else if (event.key === "Escape") { list.hidden = true; }
  });
  input.addEventListener("input", function () { active = 0; showResults(); });
  input.addEventListener("blur", function () { list.hidden = true; });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var k = list.hidden ? 0 : active;
    showResults();
    if (results.length) { choose(results[Math.min(k, results.length - 1)]); }
  });

  /* ---- filters ---- */
  function options(select, values) {
    values.forEach(function (v) {
      var option = el("option", null, v[1]);
      option.value = v[0];
      append(select, option);
    });
  }
  function distinct(values) {
    var seen = {};
    values.forEach(function (v) { if (v) { seen[v] = true; } });
    return Object.keys(seen);
  }
  function buildFilters() {
    var L = dg.catalog.legend, S = dg.styles;
    var type = document.getElementById("dg-f-type");
    options(type, L.types.map(function (c) { return ["d:" + c, (c || "—") + " · " + S.types[c][0] + " (" + S.types[c][1] + ")"]; }));
    options(type, L.statuses.map(function (k) { return ["a:" + k, "Nhiệm vụ: " + S.statuses[k][0] + " (task: " + S.statuses[k][1] + ")"]; }));
    var issuers = distinct(cat.col("issuer").filter(function (_, i) { return columns.kind[i] === "d"; }));
    issuers.sort(function (a, b) { return dg.fold(a).localeCompare(dg.fold(b)); });
    options(document.getElementById("dg-f-issuer"), issuers.map(function (v) { return [v, dg.clip(v, 60)]; }));
    var years = distinct(Array.from({ length: cat.n }, function (_, i) { return cat.year(i); })).sort().reverse();
    options(document.getElementById("dg-f-year"), years.map(function (y) { return [y, y]; }));
    options(document.getElementById("dg-f-relation"), L.relations.map(function (k) { return [k, S.relations[k][0] + " (" + S.relations[k][1] + ")"]; }));
    ["type", "issuer", "year", "relation"].forEach(function (key) {
      var select = document.getElementById("dg-f-" + key);
      select.addEventListener("change", function () { dg.setFilter(key, select.value); });
    });
    document.getElementById("dg-f-clear").addEventListener("click", function () {
      ["type", "issuer", "year", "relation"].forEach(function (key) {
        document.getElementById("dg-f-" + key).value = "";
        dg.filter[key] = "";
      });
      dg.setFilter("type", "");
    });
  }
  buildFilters();
  /* Fold the catalog while the page is idle, so that the first search answers at once. */
  (window.requestIdleCallback || function (cb) { return setTimeout(cb, 300); })(function () { if (!index) { buildIndex(); } });
})();
