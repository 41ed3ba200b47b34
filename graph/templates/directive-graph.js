/* directive-graph HTML view: draws the network and fills the side panel.
 * Data comes from <script type="application/json" id="dg-data"> (written by graph/render.py).
 * Every string from a source text is inserted with textContent, never innerHTML. */
"use strict";

var network = null; /* the vis.Network, global like in a pyvis page */

(function () {
  var data = JSON.parse(document.getElementById("dg-data").textContent);
  var info = data.info;
  var outgoing = {};
  var incoming = {};
  var relationById = {};
  var vocab = {};

  data.relations.forEach(function (r) {
    (outgoing[r.from] = outgoing[r.from] || []).push(r);
    (incoming[r.to] = incoming[r.to] || []).push(r);
    relationById[r.id] = r;
  });
  ["types", "levels", "statuses", "relations"].forEach(function (group) {
    vocab[group] = {};
    data.legend[group].forEach(function (row) { vocab[group][row[0]] = row; });
  });

  /* ---- DOM helpers: text only ---- */
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }
  function append(parent) {
    for (var i = 1; i < arguments.length; i++) {
      if (arguments[i]) { parent.appendChild(arguments[i]); }
    }
    return parent;
  }
  function isSafeHref(href) {
    return typeof href === "string" && href !== "" && !/^\s*(javascript|data|vbscript):/i.test(href);
  }
  function link(href, text) {
    if (!isSafeHref(href)) { return el("span", null, text); }
    var a = el("a", null, text);
    a.setAttribute("href", href);
    if (/^https?:/i.test(href)) { a.setAttribute("rel", "noopener noreferrer"); }
    a.setAttribute("target", "_blank");
    return a;
  }
  function dateVi(iso) {
    if (!iso) { return ""; }
    return /^\d{4}/.test(iso) ? iso.split("-").reverse().join("/") : iso;
  }
  var relationOrder = data.legend.relations.map(function (row) { return row[0]; });
  function rank(relation) { var i = relationOrder.indexOf(relation); return i < 0 ? relationOrder.length : i; }
  function labelOf(id) { return (info[id] && info[id].label) || id; }

  /* ---- panel: one document or task ---- */
  function row(dl, term, value) {
    if (value === "" || value === null || value === undefined) { return; }
    append(dl, el("dt", null, term), typeof value === "string" ? el("dd", null, value) : append(el("dd"), value));
  }
  function nodeButton(id) {
    var b = el("button", "dg-node-link", labelOf(id));
    b.type = "button";
    b.title = (info[id] && info[id].title) || labelOf(id);
    b.addEventListener("click", function () { focusNode(id); });
    return b;
  }
  function badge(relation) {
    var v = vocab.relations[relation];
    var b = el("span", "dg-badge", v ? v[1] : relation);
    b.style.background = v ? v[3] : "#6b7280";
    if (v) { b.title = v[2]; }
    return b;
  }
  function evidenceBlock(fact) {
    var box = el("div", "dg-evidence");
    if (fact.quote) {
      var q = el("blockquote", "dg-quote");
      if (fact.prefix) { append(q, el("span", "dg-context", "…" + fact.prefix)); }
      append(q, el("mark", null, fact.quote));
      if (fact.suffix) { append(q, el("span", "dg-context", fact.suffix + "…")); }
      append(box, q);
    }
    if (fact.source) {
      var where = el("div", "dg-source", "Nguồn (source): ");
      append(where, link(fact.source, fact.source));
      if (typeof fact.start === "number") {
        append(where, el("span", "dg-context", " · ký tự " + fact.start + "–" + fact.end));
      }
      append(box, where);
    }
    if (fact.citation) { append(box, el("p", "dg-citation", fact.citation)); }
    if (fact.url) { append(box, append(el("div", "dg-source", "Tham chiếu (reference): "), link(fact.url, fact.url))); }
    return box;
  }
  function relationItem(r, otherId) {
    var li = el("li");
    var head = append(el("div", "dg-rel-head"), badge(r.relation), nodeButton(otherId));
    append(head, el("span", "dg-origin", r.origin === "curated" ? "đối chiếu thủ công · curated" : "trích từ văn bản · extracted"));
    append(li, head);
    if (!r.evidence.length) { append(li, el("p", "dg-empty", "Chưa có trích dẫn (no evidence recorded)")); }
    r.evidence.forEach(function (fact) { append(li, evidenceBlock(fact)); });
    return li;
  }
  function relationSection(box, heading, english, list, otherEnd) {
    append(box, append(el("h3", null, heading + " "), el("span", "dg-en", english)));
    if (!list || !list.length) { append(box, el("p", "dg-empty", "Không có (none)")); return; }
    var ul = el("ul", "dg-rel");
    list.slice().sort(function (a, b) {
      return rank(a.relation) - rank(b.relation) || labelOf(a[otherEnd]).localeCompare(labelOf(b[otherEnd]));
    }).forEach(function (r) { append(ul, relationItem(r, r[otherEnd])); });
    append(box, ul);
  }
  function documentFacts(box, d) {
    var type = vocab.types[d.type_code || "—"];
    var level = vocab.levels[d.level];
    append(box, el("h2", null, d.label), el("p", "dg-kind", [d.type || (type && type[1]), type && "(" + type[2] + ")"].filter(Boolean).join(" ")));
    if (d.citation_only) { append(box, el("p", "dg-note", "Chỉ biết qua trích dẫn trong văn bản khác (known only because other texts cite it).")); }
    var dl = el("dl");
    row(dl, "Số hiệu", d.number);
    row(dl, "Loại", d.type);
    row(dl, "Cơ quan ban hành", d.issuer || "chưa rõ (issuer unknown)");
    row(dl, "Cấp", level ? level[1] + " (" + level[2] + ")" : d.level);
    row(dl, "Ngày", d.date ? dateVi(d.date) : "chưa rõ ngày (date unknown)");
    row(dl, "Trích yếu", d.title);
    row(dl, "Người ký", d.signers.join("; "));
    if (d.source) { row(dl, "Văn bản nguồn", link(d.source, d.source)); }
    append(box, dl);
  }
  function adoptionFacts(box, d) {
    var status = vocab.statuses[d.status];
    append(box, el("h2", null, d.label), el("p", "dg-kind", "Nhiệm vụ, mô hình thí điểm (task / pilot model)"));
    var dl = el("dl");
    row(dl, "Mô hình", d.model);
    row(dl, "Trạng thái", status ? status[1] + " (" + status[2] + ")" : d.status);
    row(dl, "Địa phương", d.locality);
    row(dl, "Thời hạn", d.deadline ? dateVi(d.deadline) : "");
    row(dl, "Giao cho", d.assignee);
    append(box, dl);
    if (d.evidence) { append(box, evidenceBlock({ quote: d.evidence })); }
  }
  function showNode(id) {
    var box = document.getElementById("dg-details");
    var d = info[id];
    box.replaceChildren();
    if (!d) { return; }
    if (d.kind === "adoption") {
      adoptionFacts(box, d);
      relationSection(box, "Quyết định bởi", "(decided by)", incoming[id], "from");
    } else {
      documentFacts(box, d);
      relationSection(box, "Dựa trên", "(relies on)", outgoing[id], "to");
      relationSection(box, "Được dựa vào bởi", "(relied on by)", incoming[id], "from");
    }
  }
  function showEdge(edgeId) {
    var r = relationById[edgeId];
    var box = document.getElementById("dg-details");
    box.replaceChildren();
    if (!r) { return; }
    var head = append(el("h2"), nodeButton(r.from), document.createTextNode(" → "), nodeButton(r.to));
    append(box, head, append(el("p", "dg-kind"), badge(r.relation)));
    var ul = el("ul", "dg-rel");
    append(ul, relationItem(r, r.to));
    append(box, ul);
  }
  function focusNode(id) {
    if (!info[id]) { return; }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 300 } });
    showNode(id);
  }

  /* ---- legend ---- */
  function legendList(box, heading, rows, swatch, text) {
    if (!rows.length) { return; }
    append(box, el("h4", null, heading));
    var ul = el("ul");
    rows.forEach(function (r) {
      var li = el("li");
      append(li, swatch(r), el("span", null, text ? text(r) : r[1] + " — " + r[2]));
      append(ul, li);
    });
    append(box, ul);
  }
  function swatch(className, css) {
    var s = el("span", "dg-swatch " + className);
    Object.keys(css).forEach(function (k) { s.style[k] = css[k]; });
    return s;
  }
  function buildLegend() {
    var box = document.getElementById("dg-legend-body");
    var L = data.legend;
    legendList(box, "Loại văn bản (document type)", L.types, function (r) { return swatch("", { background: r[3] }); },
      function (r) { return (r[0] === "—" ? "" : r[0] + " · ") + r[1] + " — " + r[2]; });
    legendList(box, "Cấp ban hành (issuing level)", L.levels, function (r) {
      return swatch("", { borderColor: r[3], borderWidth: Math.max(1, r[6]) + "px", borderRadius: r[4] === "ellipse" ? "50%" : r[5] / 2 + "px" });
    });
    legendList(box, "Mô hình, nhiệm vụ (task status)", L.statuses, function (r) { return swatch("dg-diamond", { background: r[3] }); });
    legendList(box, "Quan hệ (relation)", L.relations, function (r) { return swatch("dg-line", { borderTopColor: r[3] }); });
    var notes = [];
    if (L.curated) { notes.push([swatch("dg-line dg-dashed", { borderTopColor: "#6b7280" }), "đối chiếu thủ công — curated"]); }
    if (L.citation_only) { notes.push([swatch("", { borderStyle: "dashed" }), "chỉ biết qua trích dẫn — cited only"]); }
    legendList(box, "Nét đứt (dashed)", notes, function (n) { return n[0]; }, function (n) { return n[1]; });
  }

  /* ---- search ---- */
  function fold(s) {
    return String(s).normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d").toLowerCase().replace(/\s+/g, "");
  }
  function buildSearch() {
    var list = document.getElementById("dg-search-list");
    Object.keys(info).sort().forEach(function (id) { append(list, el("option", null, labelOf(id))); });
    document.getElementById("dg-search").addEventListener("submit", function (event) {
      event.preventDefault();
      var wanted = fold(document.getElementById("dg-search-input").value);
      if (!wanted) { return; }
      var ids = Object.keys(info).sort();
      var hit = ids.filter(function (id) { return fold(labelOf(id)) === wanted; })[0] ||
        ids.filter(function (id) { return fold(labelOf(id) + " " + (info[id].title || "")).indexOf(wanted) >= 0; })[0];
      if (hit) { focusNode(hit); }
    });
  }

  /* ---- network ---- */
  var container = document.getElementById("dg-network");
  network = new vis.Network(container, { nodes: new vis.DataSet(data.nodes), edges: new vis.DataSet(data.edges) }, data.options);
  window.network = network;
  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
  });
  network.once("afterDrawing", function () { window.dgReady = true; });
  document.getElementById("dg-fit").addEventListener("click", function () { network.fit({ animation: { duration: 300 } }); });
  document.getElementById("dg-counts").textContent =
    data.nodes.length + " nút (nodes) · " + data.edges.length + " quan hệ (edges)";
  window.directiveGraph = { showNode: showNode, showEdge: showEdge, focusNode: focusNode };
  buildLegend();
  buildSearch();
  network.fit();
})();
