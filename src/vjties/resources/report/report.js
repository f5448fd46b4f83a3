/* vjties report: renders the dataset embedded in this page.
 * Every string from the dataset goes into the page through textContent or setAttribute on
 * plain attributes (class, title, aria-*): never innerHTML, never a URL, so markup in a
 * dataset shows as text. Offsets count code points, as Python does, so texts are sliced
 * with Array.from. Rendering is lazy: a tab is built when first opened, a table shows one
 * page of rows, and article texts are laid out only when a row's evidence is opened.
 */
(function () {
  "use strict";

  var DATA = JSON.parse(document.getElementById("vjties-data").textContent);
  var LAZY = {};

  /* The article texts and passages are parsed the first time evidence is opened. */
  function block(name) {
    if (!(name in LAZY)) LAZY[name] = JSON.parse(document.getElementById("vjties-" + name).textContent);
    return LAZY[name];
  }
  var SVG_NS = "http://www.w3.org/2000/svg";
  var PAGE_ROWS = 100;
  var DOCS_AT_ONCE = 8;
  var KINDS = DATA.map.kinds;
  var EV = DATA.evidence;
  var TABLES = {};
  DATA.tables.forEach(function (t) { TABLES[t.key] = t; });

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function svg(tag, attrs, text) {
    var node = document.createElementNS(SVG_NS, tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) node.textContent = String(text);
    return node;
  }

  function kindClass(kind) {
    return "k-" + (KINDS.indexOf(kind) >= 0 ? kind : "other");
  }

  function plural(n, word, words) {
    return n.toLocaleString("en") + " " + (n === 1 ? word : words || word + "s");
  }

  /* ---------- header ---------- */

  function renderHeader() {
    var c = DATA.counts;
    document.getElementById("summary").textContent = [
      plural(c.documents, "document"), plural(c.localities, "locality", "localities"),
      plural(c.partnerships, "tie"), plural(c.figures, "figure"), plural(c.events, "event"),
      plural(c.officials, "official"), plural(c.organizations, "organization")
    ].join(" · ");
    var given = DATA.texts_given;
    var note = document.getElementById("text-note");
    if (given === DATA.documents.length) {
      note.textContent = "Evidence is shown in the full text of its article.";
    } else if (given === 0) {
      note.textContent = "Article texts were not given, so evidence is shown with the passage " +
        "of its article that the dataset's own evidence covers. To see it in the full text, " +
        "give the articles: vjties report DATASET ARTICLES... -o report.html";
    } else {
      note.textContent = "Article text given for " + given + " of " + DATA.documents.length +
        " documents; the others show the passage the dataset's own evidence covers.";
    }
  }

  /* ---------- tabs ---------- */

  var panes = {};

  function addTab(key, title, render) {
    var button = el("button", "", title);
    button.type = "button";
    button.setAttribute("role", "tab");
    button.setAttribute("data-tab", key);
    var pane = el("section", "pane");
    pane.id = "pane-" + key;
    pane.hidden = true;
    document.getElementById("tabs").appendChild(button);
    document.getElementById("panes").appendChild(pane);
    panes[key] = { button: button, pane: pane, render: render, built: false };
    button.addEventListener("click", function () { showTab(key); });
  }

  function showTab(key) {
    Object.keys(panes).forEach(function (k) {
      var p = panes[k];
      p.button.setAttribute("aria-selected", k === key ? "true" : "false");
      p.pane.hidden = k !== key;
    });
    var p = panes[key];
    if (!p.built) {
      p.built = true;
      p.render(p.pane);
    }
  }

  /* ---------- map ---------- */

  function tiePath(p, q, bend) {
    var x1 = p[4], y1 = p[5], x2 = q[4], y2 = q[5];
    var dx = x2 - x1, dy = y2 - y1, length = Math.sqrt(dx * dx + dy * dy);
    if (length < 1) {
      return "M" + x1 + " " + y1 + "c" + (14 + bend) + " -" + (22 + bend) + " " + (28 + bend) + " 0 0 0";
    }
    var curve = 0.08 * length + bend;
    var cx = (x1 + x2) / 2 - (dy / length) * curve, cy = (y1 + y2) / 2 + (dx / length) * curve;
    return "M" + x1 + " " + y1 + "Q" + cx.toFixed(1) + " " + cy.toFixed(1) + " " + x2 + " " + y2;
  }

  function renderMap(pane) {
    var m = DATA.map, places = m.places;
    var margin = places.some(function (p) { return p[6] === "none"; });
    var width = m.width + (margin ? m.margin : 0);
    var wrap = el("div", "map-wrap");
    var root = svg("svg", { viewBox: "0 0 " + width + " " + m.height, "class": "map",
      role: "img", "aria-label": "Map of the ties between Vietnamese and Japanese localities" });
    root.appendChild(svg("path", { d: m.background, "class": "dots" }));
    if (margin) {
      root.appendChild(svg("line", { x1: m.width + 8, y1: 8, x2: m.width + 8, y2: m.height - 8,
        "class": "margin-line" }));
      root.appendChild(svg("text", { x: m.width + 16, y: 24, "class": "margin-head" },
        "No coordinates yet"));
    }
    var parties = {}, seen = {};
    m.ties.forEach(function (t) { parties[t[0]] = true; parties[t[1]] = true; });
    var tieLayer = svg("g", { "class": "ties" });
    m.ties.forEach(function (t, i) {
      var pair = Math.min(t[0], t[1]) + "-" + Math.max(t[0], t[1]);
      var nth = seen[pair] = (seen[pair] || 0) + 1;
      var d = tiePath(places[t[0]], places[t[1]], (nth - 1) * 14);
      var group = svg("g", { "class": "tie-group" });
      var row = TABLES.ties.rows[t[5]];
      group.appendChild(svg("title", {}, row[0] + " ~ " + row[2] + ": " + t[2] + ", " + t[3] +
        " (" + plural(t[4], "document") + ")"));
      group.appendChild(svg("path", { d: d, "class": "tie-hit" }));
      group.appendChild(svg("path", { d: d, "data-tie": i, "class": "tie " + kindClass(t[2]) +
        (t[3] === "proposed" ? " proposed" : ""), "stroke-width": (1.3 + 1.7 * Math.log2(1 + t[4])).toFixed(2) }));
      group.addEventListener("click", function () { selectTie(root, i); openRecord(TABLES.ties, t[5]); });
      tieLayer.appendChild(group);
    });
    root.appendChild(tieLayer);
    places.forEach(function (p, i) {
      var unplaced = p[6] === "none";
      var dot = svg("circle", { cx: p[4], cy: p[5], r: parties[i] ? 3.6 : 2.2,
        "class": "place" + (unplaced ? " unplaced" : "") });
      dot.appendChild(svg("title", {}, p[1] + " (" + [p[2], p[3]].filter(Boolean).join(" ") + ")" +
        (unplaced ? ": no coordinates" : p[6] === "own" ? "" : ": at its " + p[6] + " point")));
      root.appendChild(dot);
      if (parties[i] || unplaced) {
        root.appendChild(svg("text", { x: p[4] + 6, y: p[5] + 3.5, "class": "place-label" }, p[1]));
      }
    });
    wrap.appendChild(root);
    var legend = el("div", "legend");
    KINDS.concat(["other"]).forEach(function (k) { legend.appendChild(el("span", "k-" + k, k.replace(/_/g, " "))); });
    legend.appendChild(el("span", "", "dashed: proposed · thicker: more documents · click a tie for its evidence"));
    wrap.appendChild(legend);
    if (m.unplaced.length) {
      wrap.appendChild(el("p", "note", plural(m.unplaced.length, "place") + " of the dataset have no " +
        "coordinates in the gazetteer; those that are parties to a tie stand in the column at the " +
        "right, with their ties drawn to it: " + m.unplaced.join(", ")));
    }
    pane.appendChild(wrap);
  }

  function selectTie(root, index) {
    Array.prototype.forEach.call(root.querySelectorAll("path.tie.selected"), function (p) {
      p.classList.remove("selected");
    });
    var path = root.querySelector('path.tie[data-tie="' + index + '"]');
    if (path) path.classList.add("selected");
  }

  /* ---------- tables ---------- */

  function compare(a, b, type) {
    if (a === null || a === undefined || a === "") return (b === null || b === undefined || b === "") ? 0 : 1;
    if (b === null || b === undefined || b === "") return -1;
    if (type === "number") return a - b;
    var x = String(a).toLowerCase(), y = String(b).toLowerCase();
    return x < y ? -1 : x > y ? 1 : 0;
  }

  function renderTable(pane, table) {
    var state = { order: table.rows.map(function (_, i) { return i; }), page: 0, sort: -1, dir: 1, hay: null };
    var shown = state.order;
    var toolbar = el("div", "toolbar");
    var filter = el("input");
    filter.type = "search";
    filter.placeholder = "Filter " + table.title.toLowerCase() + "…";
    filter.setAttribute("aria-label", "Filter rows");
    var count = el("span", "count");
    var pager = el("span", "pager");
    var prev = el("button", "", "‹ previous"), next = el("button", "", "next ›"), where = el("span");
    prev.type = next.type = "button";
    pager.appendChild(prev); pager.appendChild(where); pager.appendChild(next);
    toolbar.appendChild(filter); toolbar.appendChild(count); toolbar.appendChild(pager);
    var grid = el("table", "data");
    var head = el("thead"), headRow = el("tr"), body = el("tbody");
    table.columns.forEach(function (column, c) {
      var th = el("th", "", column[0]);
      th.setAttribute("aria-sort", "none");
      th.addEventListener("click", function () { sortBy(c, th); });
      headRow.appendChild(th);
    });
    head.appendChild(headRow); grid.appendChild(head); grid.appendChild(body);
    pane.appendChild(toolbar); pane.appendChild(grid);

    function sortBy(c, th) {
      state.dir = state.sort === c ? -state.dir : 1;
      state.sort = c;
      var type = table.columns[c][1];
      state.order.sort(function (i, j) {
        return compare(table.rows[i][c], table.rows[j][c], type) * state.dir || i - j;
      });
      Array.prototype.forEach.call(headRow.children, function (h) { h.setAttribute("aria-sort", "none"); });
      th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      applyFilter();
    }

    function applyFilter() {
      var needle = filter.value.trim().toLowerCase();
      if (needle && !state.hay) {
        state.hay = table.rows.map(function (row) { return row.join(" \u0001").toLowerCase(); });
      }
      shown = needle ? state.order.filter(function (i) { return state.hay[i].indexOf(needle) >= 0; }) : state.order;
      state.page = 0;
      draw();
    }

    function draw() {
      var pages = Math.max(1, Math.ceil(shown.length / PAGE_ROWS));
      state.page = Math.min(state.page, pages - 1);
      count.textContent = shown.length === table.rows.length ? plural(shown.length, "row")
        : shown.length.toLocaleString("en") + " of " + plural(table.rows.length, "row");
      where.textContent = " page " + (state.page + 1) + " of " + pages + " ";
      prev.disabled = state.page === 0;
      next.disabled = state.page >= pages - 1;
      var rows = document.createDocumentFragment();
      shown.slice(state.page * PAGE_ROWS, (state.page + 1) * PAGE_ROWS).forEach(function (i) {
        var tr = el("tr");
        tr.tabIndex = 0;
        tr.setAttribute("data-row", i);
        table.rows[i].forEach(function (value, c) {
          var number = table.columns[c][1] === "number" && typeof value === "number";
          tr.appendChild(el("td", number ? "num" : "", value === null ? "" : number ? value.toLocaleString("en") : value));
        });
        rows.appendChild(tr);
      });
      body.textContent = "";
      body.appendChild(rows);
    }

    body.addEventListener("click", function (event) {
      var tr = event.target.closest("tr");
      if (tr) openRecord(table, Number(tr.getAttribute("data-row")), tr);
    });
    body.addEventListener("keydown", function (event) {
      var tr = event.target.closest("tr");
      if (tr && event.key === "Enter") openRecord(table, Number(tr.getAttribute("data-row")), tr);
    });
    var timer = null;
    filter.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(applyFilter, 150);
    });
    prev.addEventListener("click", function () { state.page -= 1; draw(); });
    next.addEventListener("click", function () { state.page += 1; draw(); });
    draw();
  }

  /* ---------- evidence drawer ---------- */

  function openRecord(table, row, tr) {
    var drawer = document.getElementById("drawer");
    Array.prototype.forEach.call(document.querySelectorAll("tr.selected"), function (r) { r.classList.remove("selected"); });
    if (tr) tr.classList.add("selected");
    document.getElementById("drawer-title").textContent = table.type + " " + table.ids[row];
    var fields = document.getElementById("drawer-fields");
    fields.textContent = "";
    var list = el("dl");
    table.columns.forEach(function (column, c) {
      var value = table.rows[row][c];
      if (value === null || value === "") return;
      list.appendChild(el("dt", "", column[0]));
      list.appendChild(el("dd", "", value));
    });
    fields.appendChild(list);
    var body = document.getElementById("drawer-body");
    body.textContent = "";
    showEvidence(body, table.type === "document" ? piecesOfDocument(row) : table.evidence[row]);
    drawer.hidden = false;
    document.body.classList.add("drawer-open");
    drawer.scrollTop = 0;
    scrollToMarks(body);
  }

  function piecesOfDocument(doc) {
    var found = [];
    for (var i = 0; i < EV.doc.length; i++) if (EV.doc[i] === doc) found.push(i);
    return found;
  }

  function piece(i) {
    return [EV.doc[i], EV.start[i], EV.end[i], EV.text[i], EV.label[i]];
  }

  function showEvidence(body, pieces) {
    if (!pieces.length) {
      body.appendChild(el("p", "note", "No evidence recorded."));
      return;
    }
    var groups = [], byDoc = {};
    pieces.forEach(function (i) {
      var doc = EV.doc[i];
      if (!(doc in byDoc)) { byDoc[doc] = []; groups.push(doc); }
      byDoc[doc].push(piece(i));
    });
    body.appendChild(el("p", "note", plural(pieces.length, "piece") + " of evidence in " +
      plural(groups.length, "document") + "."));
    var next = 0;
    var more = el("button", "more");
    more.type = "button";
    function showMore() {
      var added = document.createElement("div");
      groups.slice(next, next + DOCS_AT_ONCE).forEach(function (doc) {
        added.appendChild(renderDocument(doc, byDoc[doc]));
      });
      body.insertBefore(added, more);
      if (next > 0) scrollToMarks(added);
      next += DOCS_AT_ONCE;
      more.hidden = next >= groups.length;
      more.textContent = "Show " + Math.min(DOCS_AT_ONCE, groups.length - next) + " more of " +
        (groups.length - next) + " documents";
    }
    more.addEventListener("click", showMore);
    body.appendChild(more);
    showMore();
  }

  /* Scrolls each article box so that its first mark is in view (needs the drawer shown). */
  function scrollToMarks(body) {
    Array.prototype.forEach.call(body.querySelectorAll(".doc-text"), function (box) {
      var mark = box.querySelector("mark");
      if (!mark) return;
      var offset = mark.getBoundingClientRect().top - box.getBoundingClientRect().top;
      box.scrollTop = Math.max(0, box.scrollTop + offset - 40);
    });
  }

  function renderDocument(doc, pieces) {
    var box = el("div", "doc");
    var head = el("div", "doc-head");
    var meta = DATA.documents[doc] || ["(unknown document)", null, null, null, null];
    head.appendChild(el("strong", "", meta[1] || meta[0]));
    var about = [meta[1] ? meta[0] : null, meta[2], meta[3]].filter(Boolean);
    if (about.length) head.appendChild(el("span", "meta", " · " + about.join(" · ")));
    box.appendChild(head);
    var text = el("div", "doc-text");
    var spans = pieces.map(function (p) { return [p[1], p[2], p[4], p[3]]; });
    var full = doc >= 0 ? block("texts")[doc] : null;
    if (full !== null && full !== undefined) {
      appendMarked(text, full, 0, spans);
    } else {
      appendPassages(text, doc >= 0 ? block("passages")[doc] || [] : [], spans);
    }
    box.appendChild(text);
    return box;
  }

  function appendPassages(container, passages, spans) {
    var used = {};
    passages.forEach(function (passage) {
      var start = passage[0], end = start + Array.from(passage[1]).length;
      var inside = spans.filter(function (s) { return s[0] >= start && s[1] <= end; });
      if (!inside.length) return;
      inside.forEach(function (s) { used[s.join("\u0001")] = true; });
      if (container.childNodes.length) container.appendChild(document.createTextNode("\n"));
      container.appendChild(el("span", "gap", "… "));
      appendMarked(container, passage[1], start, inside);
      container.appendChild(el("span", "gap", " …"));
    });
    spans.forEach(function (s) {
      if (used[s.join("\u0001")]) return;
      if (container.childNodes.length) container.appendChild(document.createTextNode("\n"));
      container.appendChild(el("span", "gap", "… "));
      appendMarked(container, s[3] || "", s[0], [s]);
      container.appendChild(el("span", "gap", " …"));
    });
  }

  /* Marks the spans ([start, end, label] in code points from `offset`) in `text`, displaCy
   * style; a span inside another is nested, one crossing another's end is cut there. */
  function appendMarked(container, text, offset, spans) {
    var cps = Array.from(text), seen = {};
    var list = spans.map(function (s) {
      return [Math.max(s[0] - offset, 0), Math.min(s[1] - offset, cps.length), s[2]];
    }).filter(function (s) {
      var key = s.join(",");
      if (s[0] >= s[1] || seen[key]) return false;
      seen[key] = true;
      return true;
    }).sort(function (a, b) { return a[0] - b[0] || b[1] - a[1] || a[2] - b[2]; });
    emit(container, 0, cps.length, list);

    function emit(parent, from, to, items) {
      var pos = from, i = 0;
      while (i < items.length) {
        var s = items[i++];
        var start = Math.max(s[0], pos), end = Math.min(s[1], to);
        var inner = [];
        while (i < items.length && items[i][0] < end) inner.push(items[i++]);
        if (end <= start) continue;
        if (start > pos) parent.appendChild(document.createTextNode(cps.slice(pos, start).join("")));
        var mark = el("mark", "ent l" + (s[2] % 8));
        emit(mark, start, end, inner);
        mark.appendChild(el("span", "ent-label", DATA.labels[s[2]]));
        parent.appendChild(mark);
        pos = end;
      }
      if (pos < to) parent.appendChild(document.createTextNode(cps.slice(pos, to).join("")));
    }
  }

  function closeDrawer() {
    document.getElementById("drawer").hidden = true;
    document.body.classList.remove("drawer-open");
  }
  document.getElementById("drawer-close").addEventListener("click", closeDrawer);
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeDrawer();
  });

  /* ---------- start ---------- */

  renderHeader();
  addTab("map", "Map", renderMap);
  DATA.tables.forEach(function (table) {
    addTab(table.key, table.title + " (" + table.rows.length.toLocaleString("en") + ")", function (pane) {
      renderTable(pane, table);
    });
  });
  showTab("map");
  document.documentElement.setAttribute("data-ready", "true");
  if (window.performance && performance.mark) performance.mark("vjties-ready");
})();
