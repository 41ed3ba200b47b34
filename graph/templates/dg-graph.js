/* directive-graph views: the graph views (overview, chain, timeline) drawn by vis-network.
 * Positions come from graph/render.py; physics stays off. A view is a tree of scenes: a leaf scene
 * holds documents and tasks, a group scene holds groups (level and year, province, month) that open
 * their own scene on a click. */
"use strict";

var network = null; /* the vis.Network, global like in a pyvis page */

(function () {
  var view = dg.view, cat = dg.cat, S = dg.styles;
  var col = { id: cat.col("id"), kind: cat.col("kind"), label: cat.col("label"), code: cat.col("code"),
    level: cat.col("level"), issuer: cat.col("issuer"), date: cat.col("date"), after: cat.col("after"),
    title: cat.col("title"), cited: cat.col("cited") };
  var scenes = view.scenes;
  var rootRow = typeof view.root === "number" ? view.root : -1;
  var where = {}; /* catalog row -> the leaf scene that draws it */
  Object.keys(scenes).forEach(function (sid) {
    scenes[sid].nodes.forEach(function (n) { where[n[0]] = sid; });
  });
  var current = null, groupsById = {}, extent = null;
  var nodes = new vis.DataSet(), edges = new vis.DataSet();
  var container = document.getElementById("dg-network");
  network = new vis.Network(container, { nodes: nodes, edges: edges }, S.vis_options);
  window.network = network;

  /* ---- vis nodes and edges from catalog rows ---- */
  function dateText(i) {
    if (col.date[i]) { return dg.dateVi(col.date[i]); }
    return col.after[i] ? "≥ " + dg.dateVi(col.after[i]) : "chưa rõ ngày";
  }
  function tooltip(i) {
    var kind = col.kind[i] === "a" ? dg.status(col.code[i]) : dg.type(col.code[i]);
    return [col.label[i], kind[0] + " (" + kind[1] + ")" + (col.issuer[i] ? " · " + col.issuer[i] : ""),
      col.date[i] ? dg.dateVi(col.date[i]) : col.after[i] ? "không trước (not before) " + dg.dateVi(col.after[i]) : "chưa rõ ngày (date unknown)",
      dg.clip(col.title[i], 140)].filter(Boolean).join("\n");
  }
  function documentNode(i, x, y) {
    var level = dg.level(col.level[i]), fill = dg.type(col.code[i])[2], root = i === rootRow;
    return {
      id: col.id[i], x: x, y: y, label: col.label[i] + "\n" + dateText(i), shape: level[3], title: tooltip(i),
      color: { background: fill, border: root ? "#b45309" : level[2], highlight: { background: fill, border: "#f59e0b" },
        hover: { background: fill, border: "#f59e0b" } },
      borderWidth: level[5] + (root ? 3 : 0), borderWidthSelected: level[5] + 3,
      shapeProperties: { borderRadius: level[4], borderDashes: col.cited[i] ? [5, 4] : false },
      widthConstraint: { maximum: 170 }, font: root ? { size: 16, bold: true } : undefined
    };
  }
  function taskNode(i, x, y) {
    var colour = dg.status(col.code[i])[2];
    return {
      id: col.id[i], x: x, y: y, label: dg.clip(col.label[i], 60), shape: "diamond", size: 13, title: tooltip(i),
      color: { background: colour, border: "#374151", highlight: { background: colour, border: "#f59e0b" } },
      borderWidth: 1, font: { size: 12 }, widthConstraint: { maximum: 190 }
    };
  }
  function groupNode(g, matched) {
    var band = Object.keys(S.levels)[g[7]];
    var border = band ? S.levels[band][2] : "#374151";
    var count = matched === g[5] ? String(g[5]) : matched + " / " + g[5];
    return {
      id: g[0], x: g[1], y: g[2], label: g[9] + "\n" + count + " nút", shape: "box", hidden: matched === 0,
      title: g[3] + " (" + g[4] + "): " + count + " nút (nodes) — nhấn để mở (click to open)", margin: 10, borderWidth: 2,
      color: { background: "#f9fafb", border: border, highlight: { background: "#fef3c7", border: "#f59e0b" } },
      font: { size: 15 + Math.min(10, Math.round(Math.log(g[5] + 1) * 1.5)) }
    };
  }
  function edgeOf(e, k, positions) {
    var rel = dg.relation(e[2]);
    if (e[3] === "agg") {
      return { id: "e" + k, from: e[0], to: e[1], label: String(e[4]), width: Math.min(8, 1 + Math.log2(e[4])),
        color: { color: rel[2], highlight: rel[2], hover: rel[2] }, title: e[4] + " quan hệ (relations), chủ yếu (mostly) " + rel[0] };
    }
    var from = col.id[e[0]], to = col.id[e[1]];
    var edge = { id: "e" + k, from: from, to: to, label: rel[0], dashes: e[3] === "curated" ? [7, 5] : false,
      color: { color: rel[2], highlight: rel[2], hover: rel[2] },
      title: col.label[e[0]] + " → " + col.label[e[1]] + "\n" + rel[0] + " (" + rel[1] + ")\n" +
        (e[3] === "curated" ? "đối chiếu thủ công (curated)" : "trích từ văn bản (extracted)") };
    var a = positions[e[0]], b = positions[e[1]];
    if (a && b && a[1] === b[1]) { /* same row: bow over the nodes in between */
      edge.smooth = { type: a[0] > b[0] ? "curvedCCW" : "curvedCW", roundness: Math.min(0.5, 0.2 * Math.abs(a[0] - b[0]) / 210) };
    }
    return edge;
  }

  /* ---- scenes ---- */
  function matchedCount(g) {
    if (!dg.filtering()) { return g[5]; }
    return g[8].filter(dg.matches).length;
  }
  function showScene(sid) {
    var scene = scenes[sid];
    current = sid;
    groupsById = {};
    var positions = {}, visNodes = [], xs = [], ys = [];
    scene.nodes.forEach(function (n) {
      positions[n[0]] = [n[1], n[2]];
      var node = col.kind[n[0]] === "a" ? taskNode(n[0], n[1], n[2]) : documentNode(n[0], n[1], n[2]);
      node.hidden = !dg.matches(n[0]);
      visNodes.push(node); xs.push(n[1]); ys.push(n[2]);
    });
    scene.groups.forEach(function (g) {
      groupsById[g[0]] = g;
      visNodes.push(groupNode(g, matchedCount(g))); xs.push(g[1]); ys.push(g[2]);
    });
    extent = { x0: Math.min.apply(null, xs.concat([0])), x1: Math.max.apply(null, xs.concat([0])),
      y0: Math.min.apply(null, ys.concat([0])), y1: Math.max.apply(null, ys.concat([0])) };
    var big = visNodes.length > 300;
    network.setOptions({ interaction: { hideEdgesOnDrag: big, hideEdgesOnZoom: big } });
    nodes.clear(); edges.clear();
    nodes.add(visNodes);
    edges.add(scene.edges.map(function (e, k) { return edgeOf(e, k, positions); }));
    fit(false);
    crumbs();
    counts();
    network.once("afterDrawing", function () {
      window.dgScene = sid;
      if (!window.dgReady) { window.dgReadyAt = performance.now(); }
      window.dgReady = true;
    });
    network.redraw();
  }
  /* Fit the nodes and what is drawn behind them (lane names on the left, years on top). */
  function fit(animate) {
    var scene = scenes[current];
    var x0 = extent.x0 - (scene.lanes.length ? 270 : 110), x1 = extent.x1 + 110;
    var y0 = extent.y0 - (scene.ticks.length || scene.lanes.length ? 120 : 60), y1 = extent.y1 + 60;
    scene.ticks.forEach(function (t) { x0 = Math.min(x0, t[0] - 20); x1 = Math.max(x1, t[0] + 320); });
    var w = container.clientWidth || 800, h = container.clientHeight || 600;
    var scale = Math.min(1.2, w / (x1 - x0), h / (y1 - y0));
    network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale,
      animation: animate ? { duration: 300 } : false });
  }
  function crumbs() {
    var bar = document.getElementById("dg-crumbs");
    var path = [];
    for (var sid = current; sid; sid = scenes[sid].parent) { path.unshift(sid); }
    bar.replaceChildren();
    if (path.length < 2) { return; }
    path.forEach(function (sid, k) {
      if (k) { dg.append(bar, dg.el("span", "dg-muted", " › ")); }
      var b = dg.el("button", "dg-crumb", scenes[sid].title[0] || "Tất cả (all)");
      b.type = "button";
      b.disabled = sid === current;
      b.addEventListener("click", function () { showScene(sid); });
      dg.append(bar, b);
    });
  }
  function counts() {
    var scene = scenes[current], box = document.getElementById("dg-counts");
    var shown = scene.nodes.length ? scene.nodes.length + " nút" : scene.groups.length + " nhóm";
    box.textContent = shown + " · " + scene.edges.length + " cạnh";
    box.title = (scene.nodes.length ? scene.nodes.length + " nodes" : scene.groups.length + " groups") + " · " +
      scene.edges.length + " edges";
  }
  dg.onFilter(function () {
    var scene = scenes[current];
    nodes.update(scene.nodes.map(function (n) { return { id: col.id[n[0]], hidden: !dg.matches(n[0]) }; }));
    nodes.update(scene.groups.map(function (g) { return groupNode(g, matchedCount(g)); }));
  });

  /* ---- lanes and ticks behind the nodes ---- */
  network.on("beforeDrawing", function (ctx) {
    var scene = scenes[current];
    if (!scene || !extent) { return; }
    var left = extent.x0 - 260, right = extent.x1 + 160;
    scene.ticks.forEach(function (t) { left = Math.min(left, t[0] - 20); right = Math.max(right, t[0] + 200); });
    ctx.save();
    ctx.font = "600 22px system-ui, 'DejaVu Sans', sans-serif";
    scene.lanes.forEach(function (lane, k) {
      ctx.fillStyle = k % 2 ? "rgba(243,244,246,0.7)" : "rgba(254,249,240,0.8)";
      ctx.fillRect(left, lane[0] - 70, right - left, lane[1] - lane[0] + 118);
      ctx.fillStyle = "#7f1d1d";
      ctx.fillText(lane[2], left + 12, lane[0] - 44);
      ctx.fillStyle = "#6b7280";
      ctx.fillText(lane[3], left + 12 + ctx.measureText(lane[2] + "  ").width, lane[0] - 44);
    });
    ctx.strokeStyle = "#d1d5db";
    ctx.fillStyle = "#374151";
    scene.ticks.forEach(function (t) {
      ctx.beginPath(); ctx.moveTo(t[0], extent.y0 - 110); ctx.lineTo(t[0], extent.y1 + 60); ctx.stroke();
      ctx.fillText(t[1], t[0] + 6, extent.y0 - 90);
    });
    ctx.restore();
  });

  /* ---- interaction ---- */
  network.on("click", function (params) {
    if (params.nodes.length) {
      var id = params.nodes[0], g = groupsById[id];
      if (g) { showScene(g[6]); } else { dg.showNode(id); }
    } else if (params.edges.length) {
      var e = edges.get(params.edges[0]);
      if (groupsById[e.from]) {
        dg.showGroup(groupsById[e.from][3] + " → " + groupsById[e.to][3], [e.title]);
      } else { dg.showEdge(e.from, e.to); }
    }
  });
  dg.focus = function (id) {
    var i = cat.indexOf(id), sid = where[i];
    if (sid === undefined) { dg.showNode(id); return; }
    if (sid !== current) { showScene(sid); }
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 0.9), animation: { duration: 300 } });
    dg.showNode(id);
  };
  document.getElementById("dg-fit").addEventListener("click", function () { fit(true); });
  window.directiveGraph = { showScene: showScene, scenes: scenes, where: where, focus: dg.focus };

  showScene(view.home);
  var wanted = dg.hashNode();
  if (wanted && cat.indexOf(wanted) >= 0) { dg.focus(wanted); }
})();
