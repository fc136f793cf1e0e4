// netverify report: the topology (Cytoscape.js), the details of a node,
// the findings and the question box (the solver in WebAssembly).
(function () {
  "use strict";
  var R = JSON.parse(document.getElementById("report-data").textContent);
  var netText = document.getElementById("network-data").textContent;
  var NET = JSON.parse(netText);
  var T = R.topology;
  var $ = function (id) { return document.getElementById(id); };

  // ---- the resources of the snapshot by ID, for the details panel
  var index = {};
  if (NET && NET.snapshot) {
    Object.keys(NET.snapshot).forEach(function (kind) {
      var list = NET.snapshot[kind];
      if (!Array.isArray(list)) return;
      list.forEach(function (r) { if (r && r.id) index[r.id] = { kind: kind, r: r }; });
    });
  }
  var byID = {}, children = {};
  T.nodes.forEach(function (n) {
    byID[n.id] = n;
    if (n.parent) (children[n.parent] = children[n.parent] || []).push(n.id);
  });
  var aliases = T.aliases || {};

  $("sources").textContent = (R.sources || []).join(", ") + (R.version ? "  ·  netverify " + R.version : "");

  // ---- drawing: what is collapsed decides which nodes are drawn
  var collapsed = {};
  var containerKinds = { account: 1, vpc: 1, az: 1, subnet: 1, site: 1 };
  function ancestors(id) {
    var out = [], n = byID[id];
    while (n && n.parent) { out.push(n.parent); n = byID[n.parent]; }
    return out;
  }
  // rep is the drawn node standing for id: its outermost collapsed ancestor, else itself.
  function rep(id) {
    id = aliases[id] || id;
    if (!byID[id]) return null;
    var a = ancestors(id), r = id;
    for (var i = 0; i < a.length; i++) if (collapsed[a[i]]) r = a[i];
    return r;
  }
  function countInside(id) {
    var c = children[id] || [], n = c.length;
    c.forEach(function (k) { n += countInside(k); });
    return n;
  }
  function elements() {
    var els = [];
    T.nodes.forEach(function (n) {
      if (rep(n.id) !== n.id) return;
      var d = { id: n.id, label: n.label, kind: n.kind };
      if (n.parent) d.parent = n.parent;
      var cls = "k-" + n.kind;
      if (collapsed[n.id]) { cls += " collapsed"; d.label = n.label + "\n(+" + countInside(n.id) + ")"; }
      els.push({ group: "nodes", data: d, classes: cls });
    });
    var seen = {};
    T.edges.forEach(function (e, i) {
      var s = rep(e.source), t = rep(e.target);
      if (!s || !t || s === t) return;
      var key = s + "|" + t + "|" + e.kind;
      if (seen[key]) return;
      seen[key] = 1;
      els.push({ group: "edges", data: { id: "e" + i, source: s, target: t, label: e.label || "", kind: e.kind }, classes: "e-" + e.kind });
    });
    return els;
  }

  var colours = { account: "#f2f2f2", vpc: "#e8f4e8", az: "#f8fbff", subnet: "#eaf2fb", site: "#f7efe6",
    instance: "#ff9900", eni: "#ffc266", nat: "#8c4fff", igw: "#8c4fff", eigw: "#8c4fff", endpoint: "#8c4fff",
    tgw: "#8c4fff", vgw: "#8c4fff", "customer-gateway": "#7a5230", "dx-gateway": "#8c4fff",
    "load-balancer": "#8c4fff", lambda: "#ed7100", "rest-api": "#e7157b", "http-api": "#e7157b", "vpc-link": "#e7157b",
    "resolver-endpoint": "#8c4fff", "network-firewall": "#dd344c", internet: "#555", client: "#7a5230", "dns-server": "#7a5230" };
  var cy = cytoscape({
    container: $("cy"), minZoom: 0.05, maxZoom: 4,
    style: [
      { selector: "node", style: { label: "data(label)", "font-size": 10, "text-wrap": "wrap", "text-valign": "bottom", "text-margin-y": 2,
        width: 22, height: 22, "background-color": function (n) { return colours[n.data("kind")] || "#999"; } } },
      { selector: ":parent", style: { "text-valign": "top", "text-halign": "center", "background-opacity": 0.6, "border-width": 1,
        "border-color": "#9aa", padding: 12, shape: "round-rectangle" } },
      { selector: ".k-account:parent", style: { "border-style": "dashed" } },
      { selector: ".k-vpc:parent", style: { "border-color": "#2a9d3f", "border-width": 2 } },
      { selector: ".k-az:parent", style: { "border-style": "dotted" } },
      { selector: ".k-subnet, .k-vpc, .k-az, .k-account, .k-site", style: { shape: "round-rectangle" } },
      { selector: ".collapsed", style: { width: 60, height: 34, "border-width": 2, "border-color": "#2a9d3f", "text-valign": "center", "font-size": 8 } },
      { selector: ".k-internet", style: { shape: "ellipse", width: 34, height: 34 } },
      { selector: "edge", style: { width: 1, "line-color": "#aaa", "curve-style": "bezier", "target-arrow-shape": "none", label: "data(label)", "font-size": 7, color: "#666",
        "text-rotation": "autorotate", "text-background-color": "#fff", "text-background-opacity": 0.7 } },
      { selector: ".e-route", style: { "line-color": "#6c8ebf", "target-arrow-shape": "triangle", "target-arrow-color": "#6c8ebf" } },
      { selector: ".e-peering", style: { "line-color": "#2a9d3f", width: 2, "line-style": "dashed" } },
      { selector: ".e-attachment", style: { "line-color": "#8c4fff" } },
      { selector: ".e-vpn", style: { "line-color": "#7a5230", "line-style": "dashed" } },
      { selector: ".found", style: { "border-width": 4, "border-color": "#ff0066" } },
      { selector: ".fwd", style: { "border-width": 4, "border-color": "#2a9d3f" } },
      { selector: ".ret", style: { "border-width": 4, "border-color": "#3a86ff" } },
      { selector: ".blocked", style: { "border-width": 5, "border-color": "#d62828" } },
      { selector: ".path-edge", style: { width: 3, "line-color": "#2a9d3f", "target-arrow-shape": "triangle", "target-arrow-color": "#2a9d3f", "font-size": 9, color: "#144d21", "z-index": 10 } },
      { selector: ".path-edge.stop", style: { "line-color": "#d62828", "target-arrow-color": "#d62828" } },
      { selector: ":selected", style: { "border-width": 4, "border-color": "#ff9900" } }
    ]
  });
  $("legend").textContent = "blue arrows: routes · green dashed: peering · purple: attachments · brown dashed: VPN · double-click a box to collapse or expand it";

  // pack places every drawn node: the leaves of a box in rows, boxes
  // inside boxes, the top-level boxes and nodes in rows of the page; the
  // same network always gets the same picture (unlike a force layout).
  var CELL_W = 120, CELL_H = 70, PAD = 30;
  function pack() {
    var pos = {};
    function drawnKids(id) { return (children[id] || []).filter(function (k) { return rep(k) === k; }); }
    // box returns the size of id's box and places its contents relative to its top left.
    function box(id) {
      var kids = id === null ? roots : drawnKids(id);
      if (id !== null && (!kids.length || collapsed[id])) return { w: CELL_W, h: CELL_H, items: [] };
      var leaves = [], boxes = [];
      kids.forEach(function (k) { var b = box(k); b.id = k; (drawnKids(k).length && !collapsed[k] ? boxes : leaves).push(b); });
      var items = [], x = 0, y = 0, rowH = 0, width = 0;
      var cols = Math.max(2, Math.ceil(Math.sqrt(leaves.length * 1.6)));
      leaves.forEach(function (b, i) {
        if (i > 0 && i % cols === 0) { x = 0; y += CELL_H; }
        items.push({ id: b.id, x: x, y: y, b: b });
        x += CELL_W;
        width = Math.max(width, x);
      });
      if (leaves.length) { y += CELL_H; }
      var area = 0;
      boxes.forEach(function (b) { area += (b.w + PAD) * (b.h + PAD); });
      var maxW = Math.max(width, Math.sqrt(area) * (id === null ? 1.8 : 1.3));
      x = 0; rowH = 0;
      boxes.forEach(function (b) {
        if (x > 0 && x + b.w > maxW) { x = 0; y += rowH + PAD; rowH = 0; }
        items.push({ id: b.id, x: x, y: y, b: b });
        x += b.w + PAD;
        rowH = Math.max(rowH, b.h);
        width = Math.max(width, x - PAD);
      });
      y += rowH;
      return { w: Math.max(width, CELL_W) + 2 * PAD, h: y + 2 * PAD, items: items };
    }
    function place(b, ox, oy) {
      b.items.forEach(function (it) {
        if (it.b.items.length) place(it.b, ox + it.x + PAD, oy + it.y + PAD);
        else pos[it.id] = { x: ox + it.x + PAD + CELL_W / 2, y: oy + it.y + PAD + CELL_H / 2 };
      });
    }
    var roots = T.nodes.filter(function (n) { return !n.parent && rep(n.id) === n.id; }).map(function (n) { return n.id; });
    place(box(null), 0, 0);
    return pos;
  }

  var lastPath = null;
  function draw() {
    cy.elements().remove();
    cy.add(elements());
    cy.layout({ name: "preset", positions: pack(), fit: true, padding: 20 }).run();
    if (lastPath) overlay(lastPath);
  }
  // Large estates open as an overview: every VPC collapsed.
  function collapseKind(kind) { T.nodes.forEach(function (n) { if (n.kind === kind && children[n.id]) collapsed[n.id] = true; }); }
  if (T.nodes.length > 250) collapseKind("vpc");
  draw();
  cy.on("dbltap", "node", function (ev) {
    var id = ev.target.id();
    if (!children[id]) return;
    collapsed[id] = !collapsed[id];
    draw();
  });
  cy.on("tap", "node", function (ev) { showDetails(ev.target.id()); });
  $("collapse-all").onclick = function () { collapseKind("vpc"); draw(); };
  $("expand-all").onclick = function () { collapsed = {}; draw(); };
  $("fit").onclick = function () { cy.fit(undefined, 20); };
  $("clear-path").onclick = function () { lastPath = null; clearOverlay(); };

  // ---- tabs
  function tab(name) {
    document.querySelectorAll("#tabs button").forEach(function (b) { b.classList.toggle("on", b.dataset.tab === name); });
    document.querySelectorAll(".tab").forEach(function (t) { t.classList.toggle("on", t.id === "tab-" + name); });
  }
  document.querySelectorAll("#tabs button").forEach(function (b) { b.onclick = function () { tab(b.dataset.tab); }; });

  // ---- search: every node, drawn or inside a collapsed box
  function reveal(id) {
    var changed = false;
    ancestors(id).forEach(function (a) { if (collapsed[a]) { delete collapsed[a]; changed = true; } });
    if (changed) draw();
    var n = cy.getElementById(id);
    cy.elements().removeClass("found");
    n.addClass("found");
    cy.center(n);
    showDetails(id);
  }
  function search(q) {
    q = q.trim().toLowerCase();
    var out = [];
    if (!q) return out;
    T.nodes.forEach(function (n) {
      if (n.id.toLowerCase().indexOf(q) >= 0 || n.label.toLowerCase().indexOf(q) >= 0) out.push(n);
    });
    Object.keys(aliases).forEach(function (a) {
      if (a.toLowerCase().indexOf(q) >= 0) out.push({ id: aliases[a], label: a + " (of " + aliases[a] + ")", kind: "alias" });
    });
    return out.slice(0, 50);
  }
  $("search").addEventListener("input", function () {
    var ul = $("search-results");
    ul.innerHTML = "";
    search(this.value).forEach(function (n) {
      var li = document.createElement("li");
      li.textContent = n.label.replace(/\n/g, " ") + " [" + n.kind + "]";
      li.dataset.id = n.id;
      li.onclick = function () { ul.innerHTML = ""; reveal(n.id); };
      ul.appendChild(li);
    });
  });
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { var li = $("search-results").firstChild; if (li) li.click(); }
    if (ev.key === "Escape") $("search-results").innerHTML = "";
  });

  // ---- details of a node
  function el(tag, text, cls) { var e = document.createElement(tag); if (text != null) e.textContent = text; if (cls) e.className = cls; return e; }
  function table(head, rows) {
    var t = el("table"), tr = el("tr");
    head.forEach(function (h) { tr.appendChild(el("th", h)); });
    t.appendChild(tr);
    rows.forEach(function (r) { var tr = el("tr"); r.forEach(function (c) { tr.appendChild(el("td", c == null ? "" : String(c))); }); t.appendChild(tr); });
    return t;
  }
  function ports(p) { if (!p || (!p.from && !p.to)) return "all"; return p.from === p.to ? String(p.from) : p.from + "-" + p.to; }
  function peer(r) { return r.cidr || r.prefixList || (r.group && (r.group.id || r.group.groupId || JSON.stringify(r.group))) || ""; }
  function sgTables(box, id) {
    var sg = index[id];
    if (!sg) return;
    box.appendChild(el("h3", "security group " + id + (sg.r.name ? " (" + sg.r.name + ")" : "")));
    ["ingress", "egress"].forEach(function (dir) {
      var rules = sg.r[dir] || [];
      box.appendChild(table([dir, "proto", "ports", "peer", "source"], rules.map(function (r) {
        return ["", r.protocol, ports(r.ports), peer(r), r.source ? srcText(r.source) : ""];
      })));
    });
  }
  function srcText(s) { if (!s) return ""; if (s.file) return s.file + (s.line ? ":" + s.line + (s.col ? ":" + s.col : "") : ""); return s.api ? "api " + s.api : ""; }
  function routeTables(box, sub) {
    var s = NET.snapshot, found = false;
    (s.routeTables || []).forEach(function (rt) {
      var assoc = (rt.associations || []).some(function (a) { return a.subnet === sub.id; });
      if (!assoc) return;
      found = true;
      rtTable(box, rt, "route table");
    });
    if (!found) (s.routeTables || []).forEach(function (rt) {
      if (rt.vpc === sub.vpc && (rt.associations || []).some(function (a) { return a.main; })) rtTable(box, rt, "main route table");
    });
    (s.networkAcls || []).forEach(function (acl) {
      if ((acl.subnets || []).indexOf(sub.id) < 0 && !(acl.isDefault && acl.vpc === sub.vpc)) return;
      box.appendChild(el("h3", "network ACL " + acl.id + (acl.isDefault ? " (default of the VPC)" : "")));
      box.appendChild(table(["rule", "dir", "action", "proto", "ports", "cidr"], (acl.entries || []).map(function (e) {
        return [e.ruleNumber != null ? e.ruleNumber : e.number, e.egress ? "out" : "in", e.action, e.protocol, ports(e.ports), e.cidr || e.ipv6Cidr];
      })));
    });
  }
  function rtTable(box, rt, what) {
    box.appendChild(el("h3", what + " " + rt.id + " (" + srcText(rt.source) + ")"));
    box.appendChild(table(["destination", "target", "origin"], (rt.routes || []).map(function (r) {
      return [r.destination || r.destPrefixList, (r.target.kind || "") + " " + (r.target.id || "") + (r.blackhole ? " (blackhole)" : ""), r.origin];
    })));
  }
  function showDetails(id) {
    var n = byID[id], box = $("tab-details");
    box.innerHTML = "";
    tab("details");
    if (!n) return;
    box.appendChild(el("h2", n.label.replace(/\n/g, " ")));
    var res = index[id];
    var facts = [["kind", n.kind], ["id", n.id]];
    if (n.source) facts.push(["defined at", n.source]);
    if (res && res.r.account) facts.push(["account", res.r.account]);
    if (res && res.r.region) facts.push(["region", res.r.region]);
    box.appendChild(table(["", ""], facts));
    if (children[id]) {
      var b = el("button", collapsed[id] ? "expand" : "collapse");
      b.onclick = function () { collapsed[id] = !collapsed[id]; draw(); showDetails(id); };
      box.appendChild(b);
    }
    if (!res) return;
    var r = res.r;
    if (r.tags && Object.keys(r.tags).length) {
      box.appendChild(el("h3", "tags"));
      box.appendChild(table(["key", "value"], Object.keys(r.tags).sort().map(function (k) { return [k, r.tags[k]]; })));
    }
    if (res.kind === "subnets") routeTables(box, r);
    var enis = [];
    if (res.kind === "instances") enis = r.enis || [];
    if (res.kind === "networkInterfaces") enis = [id];
    enis.forEach(function (e) {
      var eni = index[e];
      if (!eni) return;
      box.appendChild(el("h3", "interface " + e + ": " + (eni.r.privateIps || []).join(", ")));
      (eni.r.securityGroups || []).forEach(function (sg) { sgTables(box, sg); });
    });
    (r.securityGroups || []).forEach(function (sg) { if (!enis.length) sgTables(box, sg); });
    if (r.assumed && r.assumed.length) {
      box.appendChild(el("h3", "assumed (not in the input)"));
      var ul = el("ul");
      r.assumed.forEach(function (a) { ul.appendChild(el("li", a)); });
      box.appendChild(ul);
    }
    var det = el("details"), sum = el("summary", "as loaded (JSON)");
    det.appendChild(sum);
    det.appendChild(el("pre", JSON.stringify(r, null, 1)));
    box.appendChild(det);
  }

  // ---- findings
  function findings() {
    var F = R.findings, box = $("tab-findings");
    box.appendChild(el("h2", "Internet exposure"));
    box.appendChild(el("pre", F.exposure));
    box.appendChild(el("h2", "Intents"));
    if (!(F.intents || []).length) box.appendChild(el("p", "no intents", "hint"));
    else {
      var t = table(["status", "intent", "got", "where"], []);
      F.intents.forEach(function (it) {
        var tr = el("tr");
        tr.appendChild(el("td", it.status, "status-" + it.status));
        tr.appendChild(el("td", it.intent));
        var got = el("td", it.got);
        if (it.detail) got.title = it.detail;
        tr.appendChild(got);
        tr.appendChild(el("td", it.source));
        t.appendChild(tr);
      });
      box.appendChild(t);
    }
    box.appendChild(el("h2", "Unknowns"));
    if (!(F.unknowns || []).length) box.appendChild(el("p", "nothing is left undecided", "hint"));
    else box.appendChild(table(["what", "lacks", "where"], F.unknowns.map(function (u) { return [u.what, u.lacks, u.source]; })));
    box.appendChild(el("h2", "Diagnostics"));
    var ds = F.diagnostics || [];
    if (!ds.length) box.appendChild(el("p", "no errors or warnings", "hint"));
    else {
      var dt = table(["severity", "where", "message"], []);
      ds.forEach(function (d) {
        var tr = el("tr");
        tr.appendChild(el("td", d.severity, "sev-" + d.severity));
        tr.appendChild(el("td", d.source));
        tr.appendChild(el("td", d.message + (d.resource ? " [" + d.resource + "]" : "")));
        dt.appendChild(tr);
      });
      box.appendChild(dt);
    }
    if (F.driftSet) {
      box.appendChild(el("h2", "Drift"));
      box.appendChild(el("pre", F.drift));
    }
  }
  findings();

  // ---- the question box
  var names = $("names");
  T.nodes.forEach(function (n) {
    if (containerKinds[n.kind] && n.kind !== "subnet" && n.kind !== "vpc" && n.kind !== "site") return;
    var o = document.createElement("option");
    o.value = n.id;
    o.label = n.label.replace(/\n/g, " ");
    names.appendChild(o);
  });
  (R.examples || []).forEach(function (q, i) {
    var o = document.createElement("option");
    o.value = String(i);
    o.textContent = q.src + " -> " + q.dst + (q.proto ? " " + q.proto : "") + (q.port ? "/" + q.port : "");
    $("q-examples").appendChild(o);
  });
  $("q-examples").onchange = function () {
    var q = R.examples[+this.value];
    if (!q) return;
    $("q-src").value = q.src; $("q-dst").value = q.dst; $("q-proto").value = q.proto || ""; $("q-port").value = q.port || "";
    $("q-method").value = ""; $("q-path").value = "";
  };

  function clearOverlay() { cy.elements().removeClass("fwd ret blocked found"); cy.remove(".path-edge"); }
  function overlay(res) {
    clearOverlay();
    var mark = function (ids, cls) {
      var out = [];
      (ids || []).forEach(function (id) {
        var r = rep(id);
        if (r) { cy.getElementById(r).addClass(cls); if (out[out.length - 1] !== r) out.push(r); }
      });
      return out;
    };
    var fwd = mark(res.forward, "fwd");
    mark(res["return"], "ret");
    var blocked = mark(res.blocked, "blocked");
    for (var i = 0; i + 1 < fwd.length; i++) {
      var e = cy.add({ group: "edges", data: { id: "path" + i, source: fwd[i], target: fwd[i + 1], label: String(i + 1) }, classes: "path-edge" });
      if (i + 2 === fwd.length && blocked.length) e.addClass("stop");
    }
  }
  function ask(q) {
    var res = JSON.parse(window.netverifyAsk(JSON.stringify(q)));
    var out = $("answer");
    out.className = "";
    if (res.error) {
      out.textContent = "error: " + res.error + "\n";
    } else {
      out.textContent = res.text;
      out.classList.add(res.verdict);
      lastPath = res;
      overlay(res);
      var drawn = cy.$(".fwd, .ret, .blocked");
      if (drawn.length) cy.fit(drawn, 60);
    }
    out.dataset.done = String((+out.dataset.done || 0) + 1);
    return res;
  }
  window.netverifyAskBox = ask;
  $("ask-form").addEventListener("submit", function (ev) {
    ev.preventDefault();
    ask({ src: $("q-src").value, dst: $("q-dst").value, proto: $("q-proto").value, port: $("q-port").value,
      method: $("q-method").value, path: $("q-path").value });
  });

  var wasmText = document.getElementById("wasm-data").textContent.trim();
  if (!wasmText) { $("box-status").textContent = "this report was written without the question box"; return; }
  window.netverifyReady = function () {
    var err = window.netverifyOpen(netText);
    if (err) { $("box-status").textContent = err; return; }
    $("box-status").textContent = "ready: the answers are can-reach's, computed in this page";
    $("box-status").dataset.ready = "1";
    $("q-ask").disabled = false;
  };
  $("box-status").textContent = "loading the solver: unpacking...";
  var bin = atob(wasmText), bytes = new Uint8Array(bin.length);
  for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
  new Response(stream).arrayBuffer().then(function (buf) {
    $("box-status").textContent = "loading the solver: compiling " + Math.round(buf.byteLength / 1048576) + " MiB...";
    var go = new Go();
    return WebAssembly.instantiate(buf, go.importObject).then(function (r) { go.run(r.instance); });
  }).catch(function (e) { $("box-status").textContent = "the solver did not start: " + e; console.error(e); });
})();
