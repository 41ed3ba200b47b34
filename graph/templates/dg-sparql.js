/* directive-graph: the SPARQL box of `directives serve`. The endpoint answers JSON
 * {columns, rows, truncated} or {error}; every value goes into the table with textContent. */
"use strict";

(function () {
  var form = document.getElementById("dg-sparql-form");
  var box = document.getElementById("dg-sparql-query");
  var status = document.getElementById("dg-sparql-status");
  var out = document.getElementById("dg-sparql-result");
  var named = document.getElementById("dg-sparql-named");

  function el(tag, text) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function table(result) {
    var t = el("table");
    t.className = "dg-results-table";
    var head = el("tr");
    result.columns.forEach(function (c) { head.appendChild(el("th", c)); });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    result.rows.forEach(function (row) {
      var tr = body.appendChild(el("tr"));
      row.forEach(function (value) { tr.appendChild(el("td", value === null ? "" : value)); });
    });
    return t;
  }
  function run(event) {
    if (event) { event.preventDefault(); }
    status.textContent = "Đang chạy… (running)";
    out.replaceChildren();
    var body = new URLSearchParams();
    body.set("query", box.value);
    fetch("sparql", { method: "POST", body: body, headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (result) {
        if (result.error) { status.textContent = "Lỗi (error): " + result.error; return; }
        status.textContent = result.rows.length + " dòng (rows)" + (result.truncated ? ", đã cắt bớt (truncated)" : "");
        out.appendChild(table(result));
      })
      .catch(function (error) { status.textContent = "Lỗi (error): " + error; });
  }
  form.addEventListener("submit", run);
  fetch("queries").then(function (r) { return r.json(); }).then(function (queries) {
    queries.forEach(function (q) {
      var option = el("option", q.name + (q.description ? " — " + q.description : ""));
      option.value = q.text;
      named.appendChild(option);
    });
  }).catch(function () { named.hidden = true; });
  named.addEventListener("change", function () { if (named.value) { box.value = named.value; } });
  window.dgReady = true;
})();
