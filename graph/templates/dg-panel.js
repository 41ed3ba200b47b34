/* directive-graph views: the side panel (a document, a task, a relation, a group) and the legend.
 * Text only: every value goes through textContent (dg.el); links only when relative or http(s). */
"use strict";

(function () {
  var el = dg.el, append = dg.append;
  var box = document.getElementById("dg-details");
  var shown = 0; /* the latest request wins when shards arrive out of order */

  function row(dl, term, en, value) {
    if (value === "" || value === null || value === undefined) { return; }
    append(dl, dg.bi("dt", null, term, en), typeof value === "string" ? el("dd", null, value) : append(el("dd"), value));
  }
  function nodeButton(id) {
    var b = el("button", "dg-node-link", dg.labelOf(id));
    b.type = "button";
    b.setAttribute("data-node", id);
    b.addEventListener("click", function () { dg.focus(id); });
    return b;
  }
  function badge(relation) {
    var v = dg.relation(relation);
    var b = el("span", "dg-badge", v[0]);
    b.style.background = v[2];
    b.title = v[1];
    return b;
  }
  function evidenceBlock(fact) {
    var ev = el("div", "dg-evidence");
    if (fact.quote) {
      var q = el("blockquote", "dg-quote");
      if (fact.prefix) { append(q, el("span", "dg-context", "…" + fact.prefix)); }
      append(q, el("mark", null, fact.quote));
      if (fact.suffix) { append(q, el("span", "dg-context", fact.suffix + "…")); }
      append(ev, q);
    }
    if (fact.source) {
      var where = dg.bi("div", "dg-source", "Nguồn", "source");
      append(where, document.createTextNode(": "), dg.link(fact.source, fact.source, true));
      if (typeof fact.start === "number") {
        append(where, el("span", "dg-context", " · ký tự (characters) " + fact.start + "–" + fact.end));
      }
      append(ev, where);
    }
    if (fact.citation) { append(ev, el("p", "dg-citation", fact.citation)); }
    if (fact.url) {
      append(ev, append(dg.bi("div", "dg-source", "Tham chiếu", "reference"), document.createTextNode(": "),
        dg.link(fact.url, fact.url, true)));
    }
    return ev;
  }
  function relationItem(r) {
    var li = el("li");
    var origin = r.origin === "curated" ? "đối chiếu thủ công · curated" : "trích từ văn bản · extracted";
    append(li, append(el("div", "dg-rel-head"), badge(r.relation), nodeButton(r.other), el("span", "dg-origin", origin)));
    if (!r.evidence.length && r.relation !== "decides") {
      append(li, el("p", "dg-empty", "Chưa có trích dẫn (no evidence recorded)"));
    }
    r.evidence.forEach(function (fact) { append(li, evidenceBlock(fact)); });
    return li;
  }
  function relationSection(heading, english, list) {
    append(box, dg.bi("h3", null, heading, english));
    if (!list || !list.length) { append(box, el("p", "dg-empty", "Không có (none)")); return; }
    var order = Object.keys(dg.styles.relations);
    var ul = el("ul", "dg-rel");
    list.slice().sort(function (a, b) {
      return order.indexOf(a.relation) - order.indexOf(b.relation) || dg.labelOf(a.other).localeCompare(dg.labelOf(b.other));
    }).forEach(function (r) { append(ul, relationItem(r)); });
    append(box, ul);
  }
  function viewLinks(id, d) {
    var p = el("p", "dg-views");
    var chain = dg.chainPage(id);
    var items = [];
    if (dg.view.view !== "overview") { items.push(dg.link(dg.viewHref(dg.view.overview, id), "Tổng quan (overview)")); }
    if (chain && location.pathname.split("/").pop() !== chain[0]) {
      items.push(dg.link(dg.viewHref(chain[0], id), "Chuỗi " + chain[1] + " (chain)"));
    }
    if (d.kind === "document" && dg.view.view !== "timeline") { items.push(dg.link(dg.viewHref("timeline.html", id), "Dòng thời gian (timeline)")); }
    if (d.kind === "adoption" && dg.view.view !== "models") { items.push(dg.link(dg.viewHref("models.html", id), "Địa phương × mô hình (models)")); }
    items.forEach(function (a, i) { if (i) { append(p, document.createTextNode(" · ")); } append(p, a); });
    return items.length ? p : null;
  }
  function documentFacts(id, d) {
    var type = dg.type(d.type_code), level = dg.level(d.level);
    append(box, el("h2", null, d.label), el("p", "dg-kind", (d.type || type[0]) + " (" + type[1] + ")"));
    if (d.citation_only) { append(box, el("p", "dg-note", "Chỉ biết qua trích dẫn trong văn bản khác (known only because other texts cite it).")); }
    var dl = el("dl");
    row(dl, "Số hiệu", "number", d.number);
    row(dl, "Loại", "type", d.type ? d.type + " (" + type[1] + ")" : "");
    row(dl, "Cơ quan ban hành", "issuer", d.issuer ? d.issuer + (d.issuer_en ? " (" + d.issuer_en + ")" : "") : "chưa rõ (unknown)");
    row(dl, "Cấp", "level", level[0] + " (" + level[1] + ")");
    row(dl, "Tỉnh", "province", d.province);
    var date = d.date ? dg.dateVi(d.date) : d.after ? "không trước " + dg.dateVi(d.after) + " (not before)" : "chưa rõ ngày (date unknown)";
    row(dl, "Ngày", "date", date);
    row(dl, "Trích yếu", "title", d.title);
    row(dl, "Người ký", "signed by", d.signers.join("; "));
    if (d.source) { row(dl, "Văn bản nguồn", "source text", dg.link(d.source, d.source, true)); }
    append(box, dl, viewLinks(id, d));
  }
  function taskFacts(id, d) {
    var status = dg.status(d.status);
    append(box, el("h2", null, d.label), el("p", "dg-kind", "Nhiệm vụ, mô hình thí điểm (task / pilot model)"));
    var dl = el("dl");
    row(dl, "Mô hình", "model", d.model);
    row(dl, "Trạng thái", "status", status[0] + " (" + status[1] + ")");
    row(dl, "Địa phương", "locality", d.locality || d.province);
    row(dl, "Từ ngày", "since", dg.dateVi(d.since));
    row(dl, "Thời hạn", "deadline", dg.dateVi(d.deadline));
    row(dl, "Giao cho", "assigned to", d.assignee);
    append(box, dl);
    if (d.evidence) { append(box, evidenceBlock({ quote: d.evidence })); }
    append(box, viewLinks(id, d));
  }
  function start() {
    shown += 1;
    box.replaceChildren();
    box.parentNode.scrollTop = 0;
    return shown;
  }
  dg.showNode = function (id) {
    var ticket = start();
    append(box, el("p", "dg-hint", "Đang tải… (loading)"));
    dg.facts(id, function (facts) {
      if (ticket !== shown) { return; }
      box.replaceChildren();
      if (!facts) { append(box, el("p", "dg-empty", id)); return; }
      if (facts.info.kind === "adoption") {
        taskFacts(id, facts.info);
        relationSection("Quyết định bởi", "decided by", facts["in"]);
      } else {
        documentFacts(id, facts.info);
        var decides = facts.out.filter(function (r) { return r.relation === "decides"; });
        relationSection("Thực hiện, dựa trên", "implements, relies on", facts.out.filter(function (r) { return r.relation !== "decides"; }));
        relationSection("Được thực hiện bởi", "implemented, relied on by", facts["in"]);
        if (decides.length) { relationSection("Nhiệm vụ, mô hình đặt ra", "tasks, pilot models it decides", decides); }
      }
      box.setAttribute("data-node", id);
    });
  };
  dg.showEdge = function (from, to) {
    var ticket = start();
    dg.facts(from, function (facts) {
      if (ticket !== shown || !facts) { return; }
      var r = facts.out.filter(function (x) { return x.other === to; })[0];
      if (!r) { return; }
      append(box, append(el("h2"), nodeButton(from), document.createTextNode(" → "), nodeButton(to)));
      append(box, append(el("p", "dg-kind"), badge(r.relation)));
      append(box, append(el("ul", "dg-rel"), relationItem(r)));
    });
  };
  dg.showGroup = function (title, lines) {
    start();
    append(box, el("h2", null, title));
    lines.forEach(function (line) { append(box, el("p", "dg-kind", line)); });
  };

  /* ---- legend ---- */
  function swatch(className, css) {
    var s = el("span", "dg-swatch " + className);
    Object.keys(css).forEach(function (k) { s.style[k] = css[k]; });
    return s;
  }
  function legendList(target, heading, keys, swatchOf, textOf) {
    if (!keys.length) { return; }
    append(target, el("h4", null, heading));
    var ul = el("ul");
    keys.forEach(function (k) { append(ul, append(el("li"), swatchOf(k), el("span", null, textOf(k)))); });
    append(target, ul);
  }
  function buildLegend() {
    var target = document.getElementById("dg-legend-body");
    var L = dg.catalog.legend, S = dg.styles;
    legendList(target, "Loại văn bản (document type)", L.types, function (c) { return swatch("", { background: S.types[c][2] }); },
      function (c) { return (c ? c + " · " : "") + S.types[c][0] + " — " + S.types[c][1]; });
    legendList(target, "Cấp ban hành (issuing level)", L.levels, function (k) {
      var v = S.levels[k];
      return swatch("", { borderColor: v[2], borderWidth: Math.max(1, v[5]) + "px", borderRadius: v[3] === "ellipse" ? "50%" : v[4] / 2 + "px" });
    }, function (k) { return S.levels[k][0] + " — " + S.levels[k][1]; });
    legendList(target, "Trạng thái mô hình (model status)", L.statuses, function (k) { return swatch("dg-diamond", { background: S.statuses[k][2] }); },
      function (k) { return S.statuses[k][0] + " — " + S.statuses[k][1]; });
    legendList(target, "Quan hệ (relation)", L.relations, function (k) { return swatch("dg-line", { borderTopColor: S.relations[k][2] }); },
      function (k) { return S.relations[k][0] + " — " + S.relations[k][1]; });
    var notes = [];
    if (L.curated) { notes.push(["dg-line dg-dashed", { borderTopColor: "#6b7280" }, "đối chiếu thủ công — curated"]); }
    if (L.citation_only) { notes.push(["", { borderStyle: "dashed" }, "chỉ biết qua trích dẫn — cited only"]); }
    legendList(target, "Nét đứt (dashed)", notes, function (n) { return swatch(n[0], n[1]); }, function (n) { return n[2]; });
  }
  buildLegend();
})();
