/* directive-graph views: locality x pilot model. One row per model, one column per province (first
 * column: decisions for every locality); a cell lists the statuses over time, oldest first, each with
 * the deciding document. Built with textContent only. Large tables grow by ROWS rows at a time. */
"use strict";

(function () {
  var el = dg.el, append = dg.append, cat = dg.cat;
  var matrix = dg.view.matrix;
  var ROWS = 150;
  var shownRows = 0;
  var chips = []; /* [button, task row, decider row] */
  var rowsOf = []; /* [tr, chips of the row] */
  var taskChip = {};
  var root = document.getElementById("dg-matrix");

  function chip(entry) {
    var task = entry[0], status = dg.status(entry[1]), decider = entry[3];
    var wrap = el("span", "dg-step");
    var b = el("button", "dg-chip", status[0]);
    b.type = "button";
    b.style.background = status[2];
    b.title = status[0] + " (" + status[1] + ")" + (entry[2] ? " · " + dg.dateVi(entry[2]) : "") + " — " + cat.label(task);
    b.setAttribute("data-node", cat.id(task));
    b.addEventListener("click", function () { select(b); dg.showNode(cat.id(task)); });
    append(wrap, b);
    if (entry[2]) { append(wrap, el("span", "dg-when", (entry[5] ? "≥ " : "") + dg.dateVi(entry[2]))); }
    if (entry[6]) { append(wrap, el("span", "dg-when", "hạn (due) " + dg.dateVi(entry[6]))); }
    if (entry[4]) { append(wrap, el("span", "dg-place", entry[4])); }
    if (decider >= 0) {
      var d = el("button", "dg-decider", cat.label(decider));
      d.type = "button";
      d.title = "Văn bản quyết định (deciding document): " + cat.label(decider);
      d.setAttribute("data-node", cat.id(decider));
      d.addEventListener("click", function () { dg.showNode(cat.id(decider)); });
      append(wrap, d);
    }
    chips.push([wrap, task, decider]);
    taskChip[task] = b;
    return wrap;
  }
  function select(button) {
    Array.prototype.forEach.call(root.querySelectorAll(".dg-chip.dg-selected"), function (b) { b.classList.remove("dg-selected"); });
    button.classList.add("dg-selected");
  }
  function header() {
    var tr = el("tr");
    append(tr, dg.bi("th", "dg-model-head", "Mô hình", "model"));
    matrix.columns.forEach(function (c) { append(tr, c[1] === c[2] ? el("th", null, c[1]) : dg.bi("th", null, c[1], c[2])); });
    return append(el("thead"), tr);
  }
  function bodyRow(row) {
    var tr = el("tr"), cells = {}, first = chips.length;
    row[1].forEach(function (cell) { cells[cell[0]] = cell[1]; });
    append(tr, el("th", "dg-model", row[0]));
    matrix.columns.forEach(function (c, k) {
      var td = el("td");
      (cells[k] || []).forEach(function (entry, n) {
        if (n) { append(td, el("span", "dg-arrow", "→")); }
        append(td, chip(entry));
      });
      append(tr, td);
    });
    rowsOf.push([tr, chips.slice(first)]);
    return tr;
  }
  var tbody = el("tbody");
  var more = el("button", "dg-more", "");
  more.type = "button";
  function grow() {
    var end = Math.min(matrix.rows.length, shownRows + ROWS);
    for (; shownRows < end; shownRows++) { append(tbody, bodyRow(matrix.rows[shownRows])); }
    more.hidden = shownRows >= matrix.rows.length;
    more.textContent = "Hiện thêm (show more): " + (matrix.rows.length - shownRows);
    applyFilters();
  }
  function visible(entry) {
    return !dg.filtering() || dg.matches(entry[1]) || (entry[2] >= 0 && dg.matches(entry[2]));
  }
  function applyFilters() {
    chips.forEach(function (c) { c[0].hidden = !visible(c); });
    rowsOf.forEach(function (r) { r[0].hidden = dg.filtering() && !r[1].some(visible); });
  }
  dg.onFilter(applyFilters);
  more.addEventListener("click", grow);

  dg.focus = function (id) {
    var i = cat.indexOf(id);
    while (taskChip[i] === undefined && shownRows < matrix.rows.length && cat.col("kind")[i] === "a") { grow(); }
    if (taskChip[i]) {
      select(taskChip[i]);
      taskChip[i].scrollIntoView({ block: "center", inline: "center" });
    }
    dg.showNode(id);
  };

  var tasks = matrix.rows.reduce(function (n, r) { return n + r[1].reduce(function (m, c) { return m + c[1].length; }, 0); }, 0);
  if (!matrix.rows.length) {
    append(root, el("p", "dg-empty", "Chưa có mô hình thí điểm nào trong đồ thị (no pilot models in the graph)."));
  } else {
    append(root, append(el("table", "dg-matrix-table"), header(), tbody), more);
    grow();
  }
  document.getElementById("dg-counts").textContent = tasks + " quyết định · " + matrix.rows.length + " mô hình";
  document.getElementById("dg-counts").title = tasks + " decisions · " + matrix.rows.length + " models";
  document.getElementById("dg-fit").hidden = true;
  var wanted = dg.hashNode();
  if (wanted && cat.indexOf(wanted) >= 0) { dg.focus(wanted); }
  window.dgReadyAt = performance.now();
  window.dgReady = true;
})();
