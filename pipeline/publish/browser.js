
/* Data browser of the catalog page (pipeline/publish/browser.py). Vanilla JavaScript, no library, no network.
   Reads the JSON block #gazette-data; every value is shown with textContent, never parsed as markup. */
(function () {
  "use strict";
  var DATA = JSON.parse(document.getElementById("gazette-data").textContent);
  var TABLES = {}, ORDER = [];
  DATA.tables.forEach(function (t) { TABLES[t.name] = t; ORDER.push(t.name); });
  var LIST_MAX = 30;          // a column with at most this many distinct values gets a value list
  var RAW_MAX = 80;           // source lines shown for one row at most
  var LINKED_MAX = 200;       // linked rows listed per relation at most
  var state = {table: null, search: "", filters: {}, page: 0, size: 50, selected: null, view: []};
  var waiting = {};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }
  function show(v) { return v === null || v === undefined ? "" : (typeof v === "boolean" ? (v ? "true" : "false") : String(v)); }
  function colIndex(t, name) { for (var i = 0; i < t.columns.length; i++) if (t.columns[i].name === name) return i; return -1; }

  // ------------------------------------------------------------------ loading (embedded or browser/<table>.js)
  window.gazetteTableLoaded = function (name, rows) {
    TABLES[name].rows = rows;
    (waiting[name] || []).forEach(function (f) { f(); });
    delete waiting[name];
  };
  function withRows(name, done) {
    var t = TABLES[name];
    if (!t) return;
    if (t.rows) { done(); return; }
    if (waiting[name]) { waiting[name].push(done); return; }
    waiting[name] = [done];
    var s = document.createElement("script");
    s.src = t.external;
    s.onerror = function () { $("b-count").textContent = "could not load " + t.external; };
    document.head.appendChild(s);
  }
  function withAll(names, done) {
    var left = names.length;
    if (!left) { done(); return; }
    names.forEach(function (n) { withRows(n, function () { if (--left === 0) done(); }); });
  }

  // ------------------------------------------------------------------ keys and links (from the registry's foreign keys)
  var INDEX = {};
  function lookup(name, fields, values) {
    var t = TABLES[name], key = name + "|" + fields.join(",");
    if (!INDEX[key]) {
      var idx = fields.map(function (f) { return colIndex(t, f); }), map = new Map();
      t.rows.forEach(function (r, i) {
        var k = JSON.stringify(idx.map(function (j) { return r[j]; }));
        if (!map.has(k)) map.set(k, []);
        map.get(k).push(i);
      });
      INDEX[key] = map;
    }
    return INDEX[key].get(JSON.stringify(values)) || [];
  }
  function valuesOf(t, row, fields) { return fields.map(function (f) { return row[colIndex(t, f)]; }); }
  function hasNull(values) { return values.some(function (v) { return v === null || v === undefined; }); }

  function parents(t, row) {   // outgoing: the rows this row points to
    var out = [];
    t.foreign_keys.forEach(function (fk) {
      if (!TABLES[fk.resource] || !TABLES[fk.resource].rows) return;
      var values = valuesOf(t, row, fk.fields);
      if (hasNull(values)) return;
      out.push({fk: fk, table: fk.resource, rows: lookup(fk.resource, fk.reference_fields, values)});
    });
    return out;
  }
  function children(t, row) {  // incoming: rows of any table whose foreign key points to this row
    var out = [];
    ORDER.forEach(function (name) {
      var s = TABLES[name];
      if (!s.rows) return;
      s.foreign_keys.forEach(function (fk) {
        if (fk.resource !== t.name) return;
        var values = valuesOf(t, row, fk.reference_fields);
        if (hasNull(values)) return;
        var rows = lookup(name, fk.fields, values);
        if (rows.length) out.push({fk: fk, table: name, rows: rows});
      });
    });
    return out;
  }
  function through(t, child) { // a linking table's other parents: a unit's tasks via task_units
    var s = TABLES[child.table], out = [];
    var own = new Set(t.foreign_keys.map(function (fk) { return fk.resource; }));  // already listed as parents
    s.foreign_keys.forEach(function (fk) {
      if (fk === child.fk || fk.resource === t.name || fk.resource === s.name || own.has(fk.resource)) return;
      if (!TABLES[fk.resource] || !TABLES[fk.resource].rows) return;
      var seen = new Set(), rows = [];
      child.rows.forEach(function (i) {
        var values = valuesOf(s, s.rows[i], fk.fields);
        if (hasNull(values)) return;
        lookup(fk.resource, fk.reference_fields, values).forEach(function (j) { if (!seen.has(j)) { seen.add(j); rows.push(j); } });
      });
      if (rows.length) out.push({fk: fk, via: s.name, table: fk.resource, rows: rows});
    });
    return out;
  }

  // ------------------------------------------------------------------ back to the raw lines
  function issueOf(t, row, depth) {
    var i = colIndex(t, "issue_id");
    if (t.name === "issues") return row;
    if (i >= 0 && row[i] !== null && TABLES.issues && TABLES.issues.rows) return TABLES.issues.rows[lookup("issues", ["issue_id"], [row[i]])[0]];
    var d = colIndex(t, "document_id");
    if (d >= 0 && row[d] !== null && TABLES.documents && TABLES.documents.rows) {
      var doc = lookup("documents", ["document_id"], [row[d]]);
      if (doc.length) return issueOf(TABLES.documents, TABLES.documents.rows[doc[0]], depth + 1);
    }
    if (depth > 3) return null;
    var ps = parents(t, row);
    for (var k = 0; k < ps.length; k++) {
      if (!ps[k].rows.length || ps[k].table === t.name) continue;
      var found = issueOf(TABLES[ps[k].table], TABLES[ps[k].table].rows[ps[k].rows[0]], depth + 1);
      if (found) return found;
    }
    return null;
  }
  function rawBlock(t, row) {
    var box = el("div", null, "b-raw");
    var li = colIndex(t, "line"), ls = colIndex(t, "line_start"), le = colIndex(t, "line_end");
    var first = li >= 0 ? row[li] : (ls >= 0 ? row[ls] : null);
    var last = li >= 0 ? row[li] : (le >= 0 ? row[le] : first);
    box.appendChild(el("h4", "原文 Raw source lines"));
    if (first === null || first === undefined) {
      box.appendChild(el("p", "This row names no raw line (a reference or derived row; see its source column or linked rows).", "note"));
      return box;
    }
    var issue = issueOf(t, row, 0), issues = TABLES.issues;
    var path = issue ? issue[colIndex(issues, "source_path")] : null;
    var lines = path ? DATA.sources[path] : null;
    if (!lines) {
      box.appendChild(el("p", "Lines " + first + "–" + last + " of " + (path || "the issue's raw file") +
        " (raw text not embedded in this page).", "note"));
      return box;
    }
    box.appendChild(el("p", path + ", line" + (first === last ? " " + first : "s " + first + "–" + last), "note"));
    var pre = el("pre", null, "b-lines"), end = Math.min(last, first + RAW_MAX - 1);
    for (var n = first; n <= end; n++) {
      var line = el("span", null, "b-line");
      line.appendChild(el("span", n, "b-ln"));
      line.appendChild(document.createTextNode(lines[n - 1] === undefined ? "" : lines[n - 1]));
      pre.appendChild(line);
    }
    box.appendChild(pre);
    if (end < last) box.appendChild(el("p", "… " + (last - end) + " more lines in the raw file.", "note"));
    return box;
  }

  // ------------------------------------------------------------------ filtering
  function isRange(c) { return c.type === "integer" || c.type === "number" || c.type === "date"; }
  function matches(t, row, text) {
    if (text) {
      var hit = false;
      for (var i = 0; i < row.length && !hit; i++) hit = show(row[i]).toLowerCase().indexOf(text) >= 0;
      if (!hit) return false;
    }
    for (var name in state.filters) {
      var f = state.filters[name], v = row[colIndex(t, name)];
      if (f.kind === "list" && f.value !== "") {
        if (f.value === "\u0000null" ? v !== null : show(v) !== f.value) return false;
      } else if (f.kind === "range") {
        if ((f.min !== "" || f.max !== "") && (v === null)) return false;
        var num = t.columns[colIndex(t, name)].type !== "date";
        var x = num ? Number(v) : show(v);
        if (f.min !== "" && x < (num ? Number(f.min) : f.min)) return false;
        if (f.max !== "" && x > (num ? Number(f.max) : f.max)) return false;
      } else if (f.kind === "text" && f.value !== "") {
        if (show(v).toLowerCase().indexOf(f.value.toLowerCase()) < 0) return false;
      }
    }
    return true;
  }
  function filterSummary() {  // every active column filter, also of columns scrolled out of view
    var parts = [];
    Object.keys(state.filters).forEach(function (name) {
      var f = state.filters[name];
      if (f.kind === "list" && f.value !== "") parts.push(name + " = " + (f.value === "\u0000null" ? "(null)" : f.value));
      else if (f.kind === "range" && (f.min !== "" || f.max !== ""))
        parts.push((f.min !== "" ? f.min + " ≤ " : "") + name + (f.max !== "" ? " ≤ " + f.max : ""));
      else if (f.kind === "text" && f.value !== "") parts.push(name + " contains \u201c" + f.value + "\u201d");
    });
    var box = $("b-active");
    box.textContent = parts.length ? "筛选 Filtered by: " + parts.join("; ") : "";
    box.hidden = !parts.length;
  }
  function refresh() {
    filterSummary();
    var t = TABLES[state.table], text = state.search.trim().toLowerCase();
    state.view = [];
    t.rows.forEach(function (r, i) { if (matches(t, r, text)) state.view.push(i); });
    var pages = Math.max(1, Math.ceil(state.view.length / state.size));
    if (state.page >= pages) state.page = pages - 1;
    drawBody();
  }

  // ------------------------------------------------------------------ drawing
  function drawHead() {
    var t = TABLES[state.table], head = $("b-grid").tHead;
    head.textContent = "";
    var names = el("tr"), filters = el("tr", null, "b-filters");
    t.columns.forEach(function (c, i) {
      var th = el("th", c.name);
      th.title = c.type + ": " + c.description;
      names.appendChild(th);
      var cell = el("th"), distinct = new Set();
      if (!isRange(c)) for (var k = 0; k < t.rows.length && distinct.size <= LIST_MAX; k++) distinct.add(t.rows[k][i]);
      if (isRange(c)) {
        var lo = el("input"), hi = el("input");
        [lo, hi].forEach(function (inp, j) {
          inp.type = c.type === "date" ? "date" : "number";
          if (c.type === "number") inp.step = "any";
          inp.placeholder = j ? "max" : "min";
          inp.setAttribute("aria-label", c.name + (j ? " at most" : " at least"));
          inp.addEventListener("input", function () {
            state.filters[c.name] = {kind: "range", min: lo.value, max: hi.value}; state.page = 0; refresh();
          });
          cell.appendChild(inp);
        });
        cell.className = "b-range";
      } else if (distinct.size <= LIST_MAX) {
        var sel = el("select");
        sel.setAttribute("aria-label", "filter " + c.name);
        sel.appendChild(el("option", "(all)")).value = "";
        var values = Array.from(distinct).filter(function (v) { return v !== null; }).map(show).sort();
        values.forEach(function (v) { sel.appendChild(el("option", v)).value = v; });
        if (distinct.has(null)) sel.appendChild(el("option", "(null)")).value = "\u0000null";
        sel.addEventListener("change", function () {
          state.filters[c.name] = {kind: "list", value: sel.value}; state.page = 0; refresh();
        });
        cell.appendChild(sel);
      } else {
        var inp = el("input");
        inp.type = "search"; inp.placeholder = "contains";
        inp.setAttribute("aria-label", "filter " + c.name);
        inp.addEventListener("input", function () {
          state.filters[c.name] = {kind: "text", value: inp.value}; state.page = 0; refresh();
        });
        cell.appendChild(inp);
      }
      cell.dataset.column = c.name;
      filters.appendChild(cell);
    });
    head.appendChild(names);
    head.appendChild(filters);
  }
  function drawBody() {
    var t = TABLES[state.table], body = $("b-grid").tBodies[0];
    body.textContent = "";
    var start = state.page * state.size, slice = state.view.slice(start, start + state.size);
    slice.forEach(function (i) {
      var tr = el("tr");
      tr.dataset.row = i;
      tr.tabIndex = 0;
      if (i === state.selected) tr.className = "selected";
      t.rows[i].forEach(function (v, j) {
        var td = el("td", show(v), isRange(t.columns[j]) && t.columns[j].type !== "date" ? "num" : "");
        if (v === null) td.className += " null";
        if (show(v).length > 40) td.title = show(v);
        tr.appendChild(td);
      });
      tr.addEventListener("click", function () { select(state.table, i, false); });
      tr.addEventListener("keydown", function (e) { if (e.key === "Enter") select(state.table, i, false); });
      body.appendChild(tr);
    });
    var pages = Math.max(1, Math.ceil(state.view.length / state.size));
    $("b-count").textContent = state.view.length + " of " + t.rows.length + " rows 行";
    $("b-page").textContent = "page " + (state.page + 1) + " / " + pages;
    $("b-prev").disabled = state.page === 0;
    $("b-next").disabled = state.page >= pages - 1;
  }
  function rowLabel(t, row) {
    return t.name + " " + t.primary_key.map(function (k) { return show(row[colIndex(t, k)]); }).join(" · ");
  }
  var DESCRIBING = ["title", "name_zh", "name_as_written", "role", "value_text", "message"];
  function describe(t, row) {  // what a linked row is: its own names, and the name of each row it points to
    var parts = t.columns.map(function (c, j) { return DESCRIBING.indexOf(c.name) >= 0 ? show(row[j]) : null; });
    parents(t, row).forEach(function (p) {  // task_units -> units: the unit's name, not only its id
      var s = TABLES[p.table], n = colIndex(s, "name_zh");
      if (s !== t && n >= 0 && p.rows.length === 1) parts.push(show(s.rows[p.rows[0]][n]));
    });
    return parts.filter(function (x, k) { return x && parts.indexOf(x) === k; }).join(" · ");
  }
  function linkedList(title, name, rows) {
    var t = TABLES[name], box = el("div", null, "b-linked");
    box.appendChild(el("h5", title + " (" + rows.length + ")"));
    var ul = el("ul");
    rows.slice(0, LINKED_MAX).forEach(function (i) {
      var row = t.rows[i], li = el("li"), a = el("a", rowLabel(t, row));
      a.href = "#browse";
      a.addEventListener("click", function (e) { e.preventDefault(); select(name, i, true); });
      li.appendChild(a);
      var text = describe(t, row);
      if (text) li.appendChild(el("span", " " + (text.length > 120 ? text.slice(0, 119) + "…" : text), "note"));
      ul.appendChild(li);
    });
    box.appendChild(ul);
    if (rows.length > LINKED_MAX) box.appendChild(el("p", "… and " + (rows.length - LINKED_MAX) + " more", "note"));
    return box;
  }
  function drawDetail() {
    var box = $("b-detail"), t = TABLES[state.table];
    box.textContent = "";
    if (state.selected === null) { box.hidden = true; return; }
    var row = t.rows[state.selected];
    box.hidden = false;
    box.appendChild(el("h3", rowLabel(t, row)));
    var kv = el("table", null, "b-kv"), kvBody = el("tbody");
    t.columns.forEach(function (c, j) {
      var tr = el("tr");
      tr.appendChild(el("th", c.name));
      tr.appendChild(el("td", show(row[j]), row[j] === null ? "null" : ""));
      kvBody.appendChild(tr);
    });
    kv.appendChild(kvBody);
    box.appendChild(kv);
    box.appendChild(rawBlock(t, row));
    var links = el("div", null, "b-links");
    links.appendChild(el("h4", "关联行 Linked rows (declared foreign keys)"));
    var any = false;
    parents(t, row).forEach(function (p) {
      if (!p.rows.length) return;
      any = true;
      links.appendChild(linkedList("→ " + p.table + " (" + p.fk.fields.join(", ") + ")", p.table, p.rows));
    });
    children(t, row).forEach(function (c) {
      any = true;
      links.appendChild(linkedList("← " + c.table + " (" + c.fk.fields.join(", ") + ")", c.table, c.rows));
      through(t, c).forEach(function (v) {
        links.appendChild(linkedList("⇢ " + v.table + " via " + v.via + " (" + v.fk.fields.join(", ") + ")", v.table, v.rows));
      });
    });
    if (!any) links.appendChild(el("p", "No rows are linked to this one.", "note"));
    box.appendChild(links);
  }
  function needed(name) {   // the table, every table linked to it and those linked to them, and issues/documents
    var out = new Set([name, "issues", "documents"]);
    for (var round = 0; round < 2; round++) {
      Array.from(out).forEach(function (n) {
        if (!TABLES[n]) return;
        TABLES[n].foreign_keys.forEach(function (fk) { out.add(fk.resource); });
        ORDER.forEach(function (m) { TABLES[m].foreign_keys.forEach(function (fk) { if (fk.resource === n) out.add(m); }); });
      });
    }
    return Array.from(out).filter(function (n) { return TABLES[n]; });
  }
  function open(name, done) {
    withAll(needed(name), function () {
      if (state.table !== name) {
        state.table = name; state.filters = {}; state.search = ""; state.page = 0; state.selected = null;
        $("b-table").value = name; $("b-search").value = "";
        drawHead();
      }
      refresh();
      drawDetail();
      if (done) done();
    });
  }
  function select(name, i, reveal) {
    open(name, function () {
      state.selected = i;
      if (reveal) {
        if (state.view.indexOf(i) < 0) { state.filters = {}; state.search = ""; $("b-search").value = ""; drawHead(); refresh(); }
        state.page = Math.floor(state.view.indexOf(i) / state.size);
      }
      drawBody();
      drawDetail();
      $("b-detail").scrollIntoView({block: "nearest"});
    });
  }

  // ------------------------------------------------------------------ wiring
  ORDER.forEach(function (n) {
    var t = TABLES[n];
    $("b-table").appendChild(el("option", n + " (" + t.rows_total + ")")).value = n;
  });
  $("b-table").addEventListener("change", function () { open(this.value); });
  $("b-search").addEventListener("input", function () { state.search = this.value; state.page = 0; refresh(); });
  $("b-clear").addEventListener("click", function () {
    state.filters = {}; state.search = ""; $("b-search").value = ""; state.page = 0; drawHead(); refresh();
  });
  $("b-prev").addEventListener("click", function () { if (state.page > 0) { state.page--; drawBody(); } });
  $("b-next").addEventListener("click", function () { state.page++; refresh(); });
  $("b-size").addEventListener("change", function () { state.size = Number(this.value); state.page = 0; refresh(); });
  Array.prototype.forEach.call(document.querySelectorAll("a[data-browse]"), function (a) {
    a.addEventListener("click", function () { open(a.dataset.browse); });
  });
  open(ORDER.indexOf("tasks") >= 0 ? "tasks" : ORDER[0]);
})();
