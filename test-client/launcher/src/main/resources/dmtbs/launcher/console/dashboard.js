// The DMTBS console page: draws each frame the console pushes (Server-Sent Events on /events).
// Plain JavaScript, no library: the page must work on networks without internet access.
"use strict";

const $ = (id) => document.getElementById(id);
const REPLICAS = ["R1", "R2", "R3", "R4"];
const openDetails = new Set();          // timeline entries the reader opened stay open across frames

function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") e.className = v; else e.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children) if (c !== null && c !== undefined) e.append(c instanceof Node ? c : String(c));
  return e;
}

function shortDigest(d) { return d ? String(d).slice(0, 12) + "…" : "—"; }

function duration(s) {
  if (s === undefined || s === null) return "—";
  if (s < 120) return s + " s";
  if (s < 7200) return Math.floor(s / 60) + " min";
  return Math.floor(s / 3600) + " h";
}

function card(m) {
  const running = m.running;
  const wrong = running && m.kind === "replica" && m.mode && m.mode !== "HONEST";
  const classes = ["card", running ? "" : "dead", wrong ? "wrong" : "", m.disagrees ? "disagrees" : "", m.orders ? "orders" : ""].join(" ");
  const tags = [];
  if (!running) tags.push(el("span", {class: "tag bad"}, m.state || "dead"));
  if (wrong) tags.push(el("span", {class: "tag warn"}, "answers wrongly (" + m.mode + ")"));
  if (m.disagrees) tags.push(el("span", {class: "tag warn"}, "disagrees"));
  if (m.recovering) tags.push(el("span", {class: "tag"}, "recovering"));
  if (m.verifying) tags.push(el("span", {class: "tag"}, "verifying"));
  const rows = [["role", m.kind], ["host", m.host], ["pid", m.pid], ["uptime", duration(m.uptimeS)]];
  if (m.kind === "replica") {
    rows.push(["implementation", m.implementation], ["mode", m.mode], ["last applied", m.lastApplied],
      ["durable", m.durableSeq], ["lag", m.lag], ["digest", shortDigest(m.digest) + (m.digestAt !== undefined ? " @" + m.digestAt : "")]);
  } else if (m.kind === "frontend") {
    rows.push(["in flight", m.inFlight], ["pending", m.pending], ["suspicion after", m.suspicionThresholdMs !== undefined ? m.suspicionThresholdMs + " ms" : "—"],
      ["mismatches", (m.mismatches || []).map((n, i) => REPLICAS[i] + " " + n).join(", ")],
      ["response", (m.replicaResponseMs || []).map((n, i) => REPLICAS[i] + " " + Number(n).toFixed(1)).join(", ") + " ms"],
      ["turned away", m.overloaded]);
  } else if (m.kind === "rm") {
    rows.push(["wrong runs", JSON.stringify(m.wrongRuns || {})], ["replacements", (m.replacements || []).length]);
  } else if (m.delivered !== undefined) {
    rows.push(["delivered", m.delivered]);
  }
  if (m.view !== undefined) rows.push(["view", m.view]);
  const dl = el("dl");
  for (const [k, v] of rows) dl.append(el("dt", {}, k), el("dd", {}, v === undefined || v === null ? "—" : v));
  return el("div", {class: classes, "data-name": m.name, "data-kind": m.kind || null, "data-state": running ? "running" : (m.state || "dead"),
    "data-wrong": wrong ? "true" : null, "data-disagrees": m.disagrees ? "true" : null},
    el("h3", {}, m.name, ...tags), dl);
}

function drawMembers(frame) {
  const box = $("members");
  box.replaceChildren(...frame.members.map(card));
  $("nofe").hidden = frame.frontEndUp;
  const sum = "view " + frame.view + " · orders: " + (frame.orderer || "nobody");
  $("summary").textContent = sum;
}

function time(ms) { return new Date(ms).toLocaleTimeString([], {hour12: false}); }

function drawTimeline(frame) {
  const list = $("timeline");
  const items = frame.events.slice().reverse().map((e) => {
    const d = el("details", {"data-n": e.n, open: openDetails.has(e.n)},
      el("summary", {}, el("span", {class: "when"}, time(e.at)), el("span", {class: "kind " + e.kind}, e.kind), e.title),
      el("div", {class: "details"}, e.details));
    d.addEventListener("toggle", () => { if (d.open) openDetails.add(e.n); else openDetails.delete(e.n); });
    return el("li", {"data-kind": e.kind}, d);
  });
  list.replaceChildren(...items);
}

// A line chart of the last five minutes: x is time, each series a polyline; nulls break nothing, they are skipped.
function chart(svg, frame, series) {
  const pts = frame.series;
  const W = 400, H = 140, L = 34, B = 16, T = 6;
  const t1 = frame.at, t0 = t1 - 5 * 60 * 1000;
  let max = 0, count = 0;
  for (const s of series) for (const p of pts) { const v = s(p); if (v !== null && v !== undefined) { max = Math.max(max, v); count++; } }
  max = max > 0 ? max * 1.1 : 1;
  const x = (t) => L + (W - L - 4) * (t - t0) / (t1 - t0);
  const y = (v) => T + (H - B - T) * (1 - v / max);
  const ns = "http://www.w3.org/2000/svg";
  const make = (tag, attrs) => { const e = document.createElementNS(ns, tag); for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v); return e; };
  const parts = [make("line", {class: "axis", x1: L, y1: H - B, x2: W, y2: H - B}), make("line", {class: "axis", x1: L, y1: T, x2: L, y2: H - B})];
  const top = make("text", {x: 2, y: T + 8}); top.textContent = max >= 100 ? Math.round(max) : max.toFixed(1); parts.push(top);
  const zero = make("text", {x: 2, y: H - B}); zero.textContent = "0"; parts.push(zero);
  const ago = make("text", {x: L, y: H - 2}); ago.textContent = "5 min ago"; parts.push(ago);
  const now = make("text", {x: W - 24, y: H - 2}); now.textContent = "now"; parts.push(now);
  series.forEach((s, i) => {
    const coords = pts.filter((p) => s(p) !== null && s(p) !== undefined).map((p) => x(p.at).toFixed(1) + "," + y(s(p)).toFixed(1));
    if (coords.length) parts.push(make("polyline", {class: "s" + i, points: coords.join(" ")}));
  });
  svg.replaceChildren(...parts);
  svg.setAttribute("data-points", String(count));
}

function drawCharts(frame) {
  chart($("chart-throughput"), frame, [(p) => p.rate]);
  chart($("chart-latency"), frame, [(p) => p.p50, (p) => p.p99]);
  chart($("chart-replicas"), frame, [0, 1, 2, 3].map((i) => (p) => (p.replicaMs ? p.replicaMs[i] : null)));
}

function draw(frame) {
  drawMembers(frame);
  drawTimeline(frame);
  drawCharts(frame);
  document.body.setAttribute("data-frame-at", frame.at);
}

function connect() {
  const source = new EventSource("/events");
  source.onopen = () => { $("feed").textContent = "live"; $("feed").className = "badge live"; };
  source.onmessage = (m) => draw(JSON.parse(m.data));
  source.onerror = () => { $("feed").textContent = "console unreachable, retrying"; $("feed").className = "badge lost"; };
}

async function act(line) {
  const out = $("demo-result");
  out.textContent = "… " + line;
  try {
    const r = await fetch("/action", {method: "POST", headers: {"X-DMTBS-Token": $("token").value}, body: line});
    const text = await r.text();
    let shown = text;
    try { const j = JSON.parse(text); shown = (j.command ? j.command + " → " : "") + j.result; } catch (e) { /* a plain-text refusal */ }
    out.textContent = shown;
    out.setAttribute("data-status", r.status);
  } catch (e) {
    out.textContent = "the console did not answer: " + e;
  }
}

async function setUpDemo() {
  const config = await (await fetch("/config.json")).json();
  if (!config.demoPanel) return;
  $("demo").hidden = false;
  const box = $("demo-replicas");
  for (const r of config.replicas) {
    const row = el("div", {}, el("strong", {}, r + " "));
    for (const a of ["kill", "byzantine", "freeze", "thaw", "heal", "corrupt"]) {
      row.append(el("button", {"data-action": a + " " + r}, a === "byzantine" ? "answer wrongly" : a), " ");
    }
    box.append(row);
  }
  document.addEventListener("click", (e) => {
    const a = e.target.getAttribute && e.target.getAttribute("data-action");
    if (a) act(a);
  });
  $("load-start").addEventListener("click", () => act("load " + $("clients").value));
}

connect();
setUpDemo();
