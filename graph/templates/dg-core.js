/* directive-graph views: the shared core (written by graph/render.py; no network, no CDN).
 * The page's own data is JSON in <script type="application/json" id="dg-view">; the shared data comes
 * from data/*.js files, each one call of dgLoad(name, json). Panel facts are loaded on demand, one shard
 * at a time, through a <script> element (pages open from file://, where fetch is not allowed).
 * Every string from a source text is inserted with textContent, never innerHTML. */
"use strict";

var dg = (function () {
  var dg = {};
  dg.view = JSON.parse(document.getElementById("dg-view").textContent);

  /* ---- DOM helpers: text only ---- */
  dg.el = function (tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  };
  dg.append = function (parent) {
    for (var i = 1; i < arguments.length; i++) {
      if (arguments[i]) { parent.appendChild(arguments[i]); }
    }
    return parent;
  };
  /* "Vietnamese (English)": the English part muted. */
  dg.bi = function (tag, className, vi, en) {
    var node = dg.el(tag, className, vi);
    if (en && en !== vi) { dg.append(node, document.createTextNode(" "), dg.el("span", "dg-en", "(" + en + ")")); }
    return node;
  };
  dg.isSafeHref = function (href) {
    return typeof href === "string" && href !== "" && !/^\s*(javascript|data|vbscript|file):/i.test(href) &&
      !/^\s*\/\//.test(href);
  };
  dg.link = function (href, text, newTab) {
    if (!dg.isSafeHref(href)) { return dg.el("span", null, text); }
    var a = dg.el("a", null, text);
    a.setAttribute("href", href);
    if (/^https?:/i.test(href)) { a.setAttribute("rel", "noopener noreferrer"); }
    if (newTab) { a.setAttribute("target", "_blank"); }
    return a;
  };
  dg.dateVi = function (iso) {
    if (!iso) { return ""; }
    return /^\d{4}/.test(iso) ? iso.split("-").reverse().join("/") : iso;
  };
  dg.clip = function (text, n) { text = String(text || ""); return text.length <= n ? text : text.slice(0, n - 1) + "…"; };
  dg.fold = function (s) {
    return String(s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐ]/g, "d")
      .replace(/\u00d0/g, "d").toLowerCase().replace(/\s+/g, " ").trim();
  };

  /* ---- the catalog: one row per node, in columns ---- */
  var catalog = dgStore.catalog;
  var columns = catalog.columns;
  var rowOf = {};
  columns.id.forEach(function (id, i) { rowOf[id] = i; });
  dg.catalog = catalog;
  dg.cat = {
    n: columns.id.length,
    col: function (name) { return columns[name]; },
    indexOf: function (id) { return Object.prototype.hasOwnProperty.call(rowOf, id) ? rowOf[id] : -1; },
    row: function (i) {
      var out = {};
      Object.keys(columns).forEach(function (name) { out[name] = columns[name][i]; });
      return out;
    },
    id: function (i) { return columns.id[i]; },
    label: function (i) { return columns.label[i]; },
    year: function (i) { var d = columns.date[i] || columns.after[i]; return /^\d{4}/.test(d) ? d.slice(0, 4) : ""; }
  };
  dg.labelOf = function (id) { var i = dg.cat.indexOf(id); return i < 0 ? id : columns.label[i]; };

  /* ---- styles and vocabularies (templates/styles.json) ---- */
  var styles = catalog.styles;
  dg.styles = styles;
  dg.type = function (code) { return styles.types[code] || styles.types[""]; };
  dg.level = function (key) { return styles.levels[key] || styles.levels.unknown; };
  dg.status = function (key) { return styles.statuses[key] || [key || styles.other[0], key || styles.other[1], styles.other[2]]; };
  dg.relation = function (key) { return styles.relations[key] || [key || styles.other[0], key || styles.other[1], styles.other[2]]; };

  /* ---- shared data files, loaded once, on demand ---- */
  var requested = {};
  dg.load = function (name, file, cb) {
    if (dgStore[name] !== undefined) { cb(dgStore[name]); return; }
    (dgWaiting[name] = dgWaiting[name] || []).push(cb);
    if (requested[name]) { return; }
    requested[name] = true;
    var script = document.createElement("script");
    script.src = "data/" + file;
    script.onerror = function () { requested[name] = false; };
    document.body.appendChild(script);
  };
  dg.facts = function (id, cb) {
    var i = dg.cat.indexOf(id);
    if (i < 0) { cb(null); return; }
    var shard = Math.floor(i / catalog.shard);
    var file = "facts-" + ("0000" + shard).slice(-4) + ".js";
    dg.load("facts-" + shard, file, function (facts) { cb(facts[id] || null); });
  };

  /* ---- links between the views ---- */
  dg.chainPage = function (id) {
    var i = dg.cat.indexOf(id);
    var c = i < 0 ? -1 : columns.chain[i];
    return c >= 0 && catalog.chains[c] ? catalog.chains[c] : null;
  };
  dg.viewHref = function (page, id) { return page + "#node=" + encodeURIComponent(id); };
  dg.hashNode = function () {
    var m = /^#node=(.+)$/.exec(window.location.hash);
    if (!m) { return null; }
    try { return decodeURIComponent(m[1]); } catch (e) { return null; }
  };

  /* ---- what the view does when asked to show a node (set by dg-graph.js or dg-models.js) ---- */
  dg.focus = function (id) { if (dg.showNode) { dg.showNode(id); } };

  /* ---- filters: type, issuing body, year, relation (set by dg-search.js) ---- */
  dg.filter = { type: "", issuer: "", year: "", relation: "" };
  var filterListeners = [];
  dg.onFilter = function (cb) { filterListeners.push(cb); };
  dg.setFilter = function (key, value) {
    dg.filter[key] = value;
    filterListeners.forEach(function (cb) { cb(); });
  };
  dg.filtering = function () {
    var f = dg.filter;
    return !!(f.type || f.issuer || f.year || f.relation);
  };
  dg.matches = function (i) {
    var f = dg.filter;
    if (f.type && columns.kind[i] + ":" + columns.code[i] !== f.type) { return false; }
    if (f.issuer && columns.issuer[i] !== f.issuer) { return false; }
    if (f.year && dg.cat.year(i) !== f.year) { return false; }
    if (f.relation && (" " + columns.rels[i] + " ").indexOf(" " + f.relation + " ") < 0) { return false; }
    return true;
  };
  /* ---- served by `directives serve`: the SPARQL box is one more view ---- */
  if (/^https?:$/.test(window.location.protocol)) {
    var nav = document.getElementById("dg-nav");
    var sparql = dg.el("a", null, "SPARQL");
    sparql.setAttribute("href", "sparql.html");
    if (nav) { nav.appendChild(sparql); }
  }
  return dg;
})();
