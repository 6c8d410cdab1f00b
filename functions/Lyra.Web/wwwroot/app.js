// Lyra's dashboard: hash-routed pages over the JSON API (the same access control as any caller), refreshed by the
// Server-Sent Events of /api/events. No framework: small render functions that build HTML from escaped text.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { key: localStorage.getItem("lyra.key") || "", pulse: null, trading: null, page: "", refreshTimer: 0 };

// ---------- API ----------

class ApiError extends Error {
  constructor(status, body) {
    super(body && body.error_message ? body.error_message : `HTTP ${status}`);
    this.status = status;
    this.body = body;
  }
}

function headers(extra) {
  const h = Object.assign({ Accept: "application/json" }, extra || {});
  // The local host reads X-Api-Key; Azure Functions reads x-functions-key on read routes.
  if (state.key) { h["X-Api-Key"] = state.key; h["x-functions-key"] = state.key; }
  return h;
}

async function api(path, options) {
  const o = options || {};
  const init = { method: o.method || "GET", headers: headers(o.body ? { "Content-Type": "application/json" } : null) };
  if (o.body) init.body = JSON.stringify(o.body);
  const res = await fetch("/api/" + path, init);
  let body = null;
  try { body = await res.json(); } catch { body = null; }
  if (res.status === 401 || res.status === 403) askKey(body && body.error_message);
  if (!res.ok) throw new ApiError(res.status, body);
  return body;
}

async function data(path) { return (await api(path)).data; }

async function act(question, path, body) {
  if (!(await confirmAction(question))) return null;
  try {
    const r = await api(path, { method: "POST", body: body || {} });
    flash(r.message || "done");
    refreshSoon(0);
    return r;
  } catch (e) {
    flash(e.message, true);
    return null;
  }
}

// ---------- small helpers ----------

const esc = (v) => String(v ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const num = (v, d = 2) => (v === null || v === undefined || v === "" ? "–" : Number(v).toLocaleString("en-US", { maximumFractionDigits: d, minimumFractionDigits: Math.min(d, 2) }));
const signed = (v, d = 2) => `<span class="${Number(v) > 0 ? "pos" : Number(v) < 0 ? "neg" : ""}">${num(v, d)}</span>`;
const pill = (v) => `<span class="pill ${esc(String(v).toLowerCase())}">${esc(v)}</span>`;
const when = (t) => (t ? new Date(t).toISOString().replace("T", " ").slice(0, 19) : "–");
const pct = (v) => (v === null || v === undefined ? "–" : num(v, 2) + " %");

function table(rows, columns, options) {
  const o = options || {};
  if (!rows || rows.length === 0) return `<p class="muted">${esc(o.empty || "nothing yet")}</p>`;
  const head = columns.map((c) => `<th class="${c.num ? "num" : ""}">${esc(c.title)}</th>`).join("");
  const body = rows.map((r, i) => `<tr class="${o.link ? "click" : ""}" ${o.link ? `data-href="${esc(o.link(r))}"` : ""} data-row="${i}">` +
    columns.map((c) => `<td class="${c.num ? "num" : ""}">${c.render ? c.render(r) : esc(r[c.key])}</td>`).join("") + "</tr>").join("");
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

function flash(text, error) {
  const f = $("flash");
  f.textContent = text;
  f.className = "flash" + (error ? " error" : "");
  clearTimeout(flash.timer);
  flash.timer = setTimeout(() => f.classList.add("hidden"), 6000);
}

function askKey(reason) {
  $("keybar").classList.remove("hidden");
  $("key-reason").textContent = reason || "";
}

function confirmAction(question) {
  const d = $("confirm");
  $("confirm-text").textContent = question;
  d.returnValue = "";
  d.showModal();
  return new Promise((resolve) => d.addEventListener("close", () => resolve(d.returnValue === "ok"), { once: true }));
}

// ---------- charts (lightweight-charts, served by this app) ----------

function lineChart(el, points, color) {
  if (!window.LightweightCharts || !el) return;
  el.innerHTML = "";
  const chart = LightweightCharts.createChart(el, {
    height: el.clientHeight || 280,
    layout: { background: { color: "#ffffff" }, textColor: "#333a4a" },
    grid: { vertLines: { color: "#f0f2f5" }, horzLines: { color: "#f0f2f5" } },
    timeScale: { timeVisible: true, secondsVisible: false },
    rightPriceScale: { borderVisible: false },
  });
  const series = chart.addSeries(LightweightCharts.AreaSeries, { lineColor: color, topColor: color + "55", bottomColor: color + "05", lineWidth: 2 });
  // The library wants strictly increasing times in seconds: keep the last value of each second.
  const bySecond = new Map();
  for (const p of points) bySecond.set(Math.floor(new Date(p.time).getTime() / 1000), Number(p.value));
  series.setData([...bySecond.entries()].sort((a, b) => a[0] - b[0]).map(([time, value]) => ({ time, value })));
  chart.timeScale().fitContent();
  new ResizeObserver(() => chart.applyOptions({ width: el.clientWidth })).observe(el);
}

// ---------- pages ----------

const pages = {
  async overview() {
    const [positions, analytics, health, orders] = await Promise.all([
      data("positions"), data("monitoring/analytics"), api("health").then((r) => r.data).catch((e) => (e.body && e.body.data) || { status: "unhealthy", modules: [] }),
      data("exchanges/orders").catch(() => []),
    ]);
    const reports = await data("monitoring/report").catch(() => []);
    const o = analytics.overall;
    const html = `<h1>Overview</h1>
      <div class="cards">
        ${card("Equity", num(positions.equity))}${card("Cash", num(positions.cash))}
        ${card("Realized PnL", signed(positions.realized_pnl))}${card("Unrealized PnL", signed(positions.unrealized_pnl))}
        ${card("Trades", o.trades)}${card("Win rate", pct(o.win_rate_pct))}${card("Profit factor", num(o.profit_factor))}${card("Max drawdown", pct(o.max_drawdown_pct))}
      </div>
      <h2>Equity (realized)</h2><div class="panel">${(analytics.equity || []).length < 2 ? '<p class="muted" id="equity">no closed trades yet</p>' : '<div id="equity" class="chart"></div>'}</div>
      <h2>Positions</h2><div class="panel" id="positions">${table(positions.positions, [
        { title: "Market", key: "market" }, { title: "Quantity", num: true, render: (p) => num(p.quantity, 8) },
        { title: "Entry", num: true, render: (p) => num(p.average_price) }, { title: "Last", num: true, render: (p) => num(p.last_price) },
        { title: "Unrealized", num: true, render: (p) => signed(p.unrealized_pnl) }, { title: "Stop", num: true, render: (p) => num(p.stop) },
        { title: "Take profit", num: true, render: (p) => num(p.take_profit) },
        { title: "", render: (p) => `<button class="danger" data-exit="${esc(p.market)}" data-qty="${esc(p.quantity)}">Exit</button>` },
      ], { empty: "no open positions" })}</div>
      <h2>Open orders</h2><div class="panel">${Array.isArray(orders) ? table(orders, orderColumns(orders), { empty: "no open orders" }) : `<pre>${esc(JSON.stringify(orders, null, 2))}</pre>`}</div>
      <h2>Daily reports</h2><div class="panel" id="reports">${reports.length ? reports.map((r) => `<button data-report="${esc(r)}">${esc(r.replace(/^daily-|\.html$/g, ""))}</button>`).join(" ") : '<span class="muted">none written yet</span>'}
        <button class="primary" id="write-report">Write today's report</button></div>
      <h2>Health</h2><div class="panel">${pill(health.status)} ${table(health.modules, [
        { title: "Module", key: "module" }, { title: "Status", render: (m) => pill(m.status) }, { title: "Detail", key: "detail" }])}</div>`;
    render(html);
    document.querySelectorAll("[data-report]").forEach((b) => b.addEventListener("click", async () => {
      const page = await data("monitoring/report?date=" + b.dataset.report.replace(/^daily-|\.html$/g, ""));
      // The report is a page of its own: opened from memory, it needs nothing else from the host.
      window.open(URL.createObjectURL(new Blob([page.html], { type: "text/html" })), "_blank");
    }));
    $("write-report").addEventListener("click", () => act("Write today's report so far (and send it to Lyra:Reports:SendTo)?", "monitoring/report", {}));
    if ((analytics.equity || []).length >= 2) lineChart($("equity"), analytics.equity.map((p) => ({ time: p.time, value: p.equity })), "#2958d6");
    document.querySelectorAll("[data-exit]").forEach((b) => b.addEventListener("click", () =>
      act(`Exit ${b.dataset.exit}: sell ${b.dataset.qty} at market?`, "exchanges/order",
        { market: b.dataset.exit, side: "sell", quantity: Number(b.dataset.qty), id: "exit-" + b.dataset.exit.replace(/[^A-Za-z0-9]/g, "-") + "-" + Date.now(), by: "dashboard" })));
  },

  async decisions(args) {
    const q = new URLSearchParams(args.query || "");
    if (args.id) return pages.decision(args.id);
    const status = q.get("status") || "", market = q.get("market") || "", before = q.get("before") || "";
    const params = new URLSearchParams({ limit: "50" });
    if (status) params.set("status", status);
    if (market) params.set("market", market);
    if (before) params.set("before", before);
    const [inbox, list] = await Promise.all([data("decisions?status=awaiting_approval&limit=50"), data("decisions?" + params)]);
    const statuses = ["", "running", "executed", "rejected", "failed", "awaiting_approval"];
    const html = `<h1>Decisions</h1>
      ${inbox.length ? `<h2>Approval inbox (${inbox.length})</h2><div class="panel inbox" id="inbox">${table(inbox, [
        { title: "Started", render: (d) => when(d.started_at) }, { title: "Market", key: "market" }, { title: "Strategy", key: "strategy" },
        { title: "Action", render: (d) => esc(d.action) }, { title: "Consensus", render: (d) => `${esc(d.consensus || "–")} ${d.agreement != null ? num(d.agreement * 100, 0) + " %" : ""}` },
        { title: "Quantity", num: true, render: (d) => num(d.quantity, 8) },
        { title: "", render: (d) => `<button class="primary" data-approve="${esc(d.id)}">Approve</button> <button data-reject="${esc(d.id)}">Reject</button> <a href="#/decisions/${esc(d.id)}">details</a>` },
      ])}</div>` : ""}
      <div class="toolbar"><label>Status <select id="f-status">${statuses.map((s) => `<option ${s === status ? "selected" : ""} value="${s}">${s || "any"}</option>`).join("")}</select></label>
        <label>Market <input id="f-market" value="${esc(market)}" placeholder="exchange:SYMBOL:tf"></label>
        <button id="f-apply">Filter</button>${before ? '<button id="f-newest">Newest</button>' : ""}</div>
      <div class="panel" id="decision-list">${table(list, [
        { title: "Started", render: (d) => when(d.started_at) }, { title: "Market", key: "market" }, { title: "Strategy", key: "strategy" },
        { title: "Signal", render: (d) => esc(d.action) }, { title: "Status", render: (d) => pill(d.status) },
        { title: "Consensus", render: (d) => esc(d.consensus || "–") }, { title: "Risk", render: (d) => esc(d.risk || "–") },
        { title: "Filled", num: true, render: (d) => num(d.quantity, 8) }, { title: "Price", num: true, render: (d) => num(d.price) },
        { title: "Reasons", render: (d) => esc((d.reasons || []).join(", ")) }], { link: (d) => "#/decisions/" + d.id, empty: "no decisions" })}
        ${list.length === 50 ? `<div class="toolbar"><button id="older">Older →</button></div>` : ""}</div>`;
    render(html);
    const go = (extra) => { const p = new URLSearchParams(); if ($("f-status").value) p.set("status", $("f-status").value); if ($("f-market").value) p.set("market", $("f-market").value); for (const [k, v] of Object.entries(extra || {})) p.set(k, v); location.hash = "#/decisions?" + p; };
    $("f-apply").addEventListener("click", () => go());
    if ($("f-newest")) $("f-newest").addEventListener("click", () => go());
    if ($("older")) $("older").addEventListener("click", () => go({ before: list[list.length - 1].candle_time }));
    wireRows();
    document.querySelectorAll("[data-approve]").forEach((b) => b.addEventListener("click", () => act(`Approve decision ${b.dataset.approve}? The order is placed.`, `decisions/${encodeURIComponent(b.dataset.approve)}/approve`, { by: "dashboard" })));
    document.querySelectorAll("[data-reject]").forEach((b) => b.addEventListener("click", () => act(`Reject decision ${b.dataset.reject}?`, `decisions/${encodeURIComponent(b.dataset.reject)}/reject`, { by: "dashboard" })));
  },

  async decision(id) {
    const [d, chain] = await Promise.all([data("decisions/" + encodeURIComponent(id)), data("decisions/verify").catch(() => null)]);
    const c = d.consensus, r = d.risk, o = d.order;
    const html = `<h1>Decision ${esc(d.id)}</h1>
      <div class="cards">${card("Status", pill(d.status))}${card("Market", esc(d.signal.market_key))}${card("Strategy", esc(d.signal.strategy))}
        ${card("Signal", esc(d.signal.action))}${card("AI cost", "$" + num(d.ai_cost_usd, 4))}${card("Chain", chain ? (chain.intact ? pill("intact") + ` ${chain.entries} entries` : pill("broken") + " " + esc(chain.reason || "")) : "–")}</div>
      ${d.status === "awaiting_approval" ? `<div class="toolbar"><button class="primary" data-approve="${esc(d.id)}">Approve</button><button data-reject="${esc(d.id)}">Reject</button></div>` : ""}
      <p class="muted">Reasons: ${esc((d.reasons || []).join(", ") || "–")} · started ${when(d.started_at)} · completed ${when(d.completed_at)}</p>
      <h2>Votes</h2><div class="panel">${table(d.votes, [
        { title: "Voter", key: "voter" }, { title: "Model", render: (v) => esc(v.model || "–") }, { title: "Action", render: (v) => esc(v.abstained ? "abstained" : v.action) },
        { title: "Confidence", num: true, render: (v) => num(v.confidence, 2) }, { title: "Latency ms", num: true, render: (v) => num(v.latency_ms, 0) },
        { title: "Cost $", num: true, render: (v) => num(v.cost_usd, 5) }, { title: "Rationale", render: (v) => esc(v.rationale) }])}</div>
      <h2>Consensus</h2><div class="panel">${c ? `${pill(c.action)} agreement ${num(c.agreement * 100, 1)} % · buy ${num(c.buy_score, 3)} · sell ${num(c.sell_score, 3)} · hold ${num(c.hold_score, 3)} · counted ${c.counted} · quorum ${c.quorum_met ? "met" : "not met"}<p>${esc(c.reason)}</p>` +
        (c.tally ? table(c.tally, Object.keys(c.tally[0] || {}).map((k) => ({ title: k, render: (t) => esc(typeof t[k] === "number" ? num(t[k], 4) : t[k]) }))) : "") : '<p class="muted">not reached</p>'}</div>
      <h2>Risk</h2><div class="panel">${r ? `${pill(r.verdict)} ${esc(r.side)} ${num(r.quantity, 8)} ${r.stops ? "· stops: " + esc(r.stops.detail || JSON.stringify(r.stops)) : ""}` + table(r.checks, [
        { title: "Check", key: "rule" }, { title: "Passed", render: (k) => pill(String(k.passed)) }, { title: "Value", num: true, render: (k) => num(k.value, 6) },
        { title: "Limit", num: true, render: (k) => num(k.limit, 6) }, { title: "Detail", key: "detail" }]) : '<p class="muted">not reached</p>'}</div>
      <h2>Approval</h2><div class="panel">${d.approval ? `${pill(d.approval.approved ? "approved" : "rejected")} by ${esc(d.approval.by || "–")} ${esc(d.approval.reason || "")}` : '<p class="muted">none asked or answered</p>'}</div>
      <h2>Order and fills</h2><div class="panel">${o ? table([o], orderColumns([o])) : '<p class="muted">no order</p>'}</div>
      <h2>Steps</h2><div class="panel">${table(d.steps, [{ title: "At", render: (s) => when(s.at) }, { title: "Step", key: "step" }, { title: "Detail", key: "detail" }])}</div>`;
    render(html);
    document.querySelectorAll("[data-approve]").forEach((b) => b.addEventListener("click", () => act(`Approve decision ${d.id}? The order is placed.`, `decisions/${encodeURIComponent(d.id)}/approve`, { by: "dashboard" })));
    document.querySelectorAll("[data-reject]").forEach((b) => b.addEventListener("click", () => act(`Reject decision ${d.id}?`, `decisions/${encodeURIComponent(d.id)}/reject`, { by: "dashboard" })));
  },

  async ai() {
    const [costs, perf] = await Promise.all([data("ai/costs"), data("ai/performance")]);
    const period = (p) => `<pre>${esc(JSON.stringify(p, null, 2))}</pre>`;
    render(`<h1>AI</h1><div class="grid2"><div><h2>Today</h2><div class="panel">${period(costs.today)}</div></div><div><h2>This month</h2><div class="panel">${period(costs.month)}</div></div></div>
      <h2>Voters</h2><div class="panel">${table(Array.isArray(perf) ? perf : perf.voters || [], [
        { title: "Voter", key: "voter" }, { title: "Model", render: (v) => esc(v.model || "–") }, { title: "Panel", render: (v) => (v.on_panel ? "yes" : "no") },
        { title: "Calls", num: true, key: "calls" }, { title: "Errors", num: true, render: (v) => pct(v.error_rate * 100) }, { title: "Abstained", num: true, render: (v) => pct(v.abstention_rate * 100) },
        { title: "p50 ms", num: true, render: (v) => num(v.latency_p50_ms, 0) }, { title: "p95 ms", num: true, render: (v) => num(v.latency_p95_ms, 0) },
        { title: "Accuracy", num: true, render: (v) => pct(v.accuracy * 100) }, { title: "Weight", num: true, render: (v) => num(v.weight, 3) }, { title: "Cost $", num: true, render: (v) => num(v.cost_usd, 4) }])}</div>`);
  },

  async strategies() {
    const [active, signals] = await Promise.all([data("strategies/active"), data("strategies/signals?limit=50")]);
    const inactive = active.filter((s) => !s.active);
    render(`<h1>Strategies</h1><div class="panel" id="strategy-list">${table(active, [
        { title: "Id", key: "id" }, { title: "Strategy", key: "strategy" }, { title: "Markets", render: (s) => esc(s.markets.length ? s.markets.join(", ") : "all") },
        { title: "Parameters", render: (s) => esc(Object.entries(s.parameters).map(([k, v]) => `${k}=${v}`).join(" ")) },
        { title: "Active", render: (s) => pill(s.active ? "active" : "inactive") }, { title: "Source", key: "source" },
        { title: "Trades", num: true, render: (s) => (s.performance ? s.performance.trades : 0) }, { title: "PnL", num: true, render: (s) => (s.performance ? signed(s.performance.realized_pnl) : "–") },
        { title: "Win rate", num: true, render: (s) => (s.performance ? pct(s.performance.win_rate_pct) : "–") },
        { title: "", render: (s) => (s.active
          ? `<button data-deactivate="${esc(s.id)}">Deactivate</button>` + (inactive.length ? ` <select data-switch-to="${esc(s.id)}">${inactive.map((i) => `<option>${esc(i.id)}</option>`).join("")}</select> <button data-switch="${esc(s.id)}">Switch</button>` : "")
          : `<button class="primary" data-activate="${esc(s.id)}">Activate</button>`) }])}</div>
      <h2>Signals</h2><div class="panel">${table(signals, [
        { title: "Candle", render: (s) => when(s.candle_time) }, { title: "Market", key: "market" }, { title: "Strategy", key: "strategy" }, { title: "Action", render: (s) => pill(s.action) },
        { title: "Strength", render: (s) => `<span class="bar" style="width:${Math.round(60 * s.strength)}px"></span> ${num(s.strength, 2)}` },
        { title: "Price", num: true, render: (s) => num(s.price) }, { title: "Why", key: "reason" }], { link: (s) => "#/decisions/" + s.id })}</div>`);
    wireRows();
    document.querySelectorAll("[data-activate]").forEach((b) => b.addEventListener("click", () => act(`Activate strategy ${b.dataset.activate}?`, "strategies/activate", { id: b.dataset.activate })));
    document.querySelectorAll("[data-deactivate]").forEach((b) => b.addEventListener("click", () => act(`Deactivate strategy ${b.dataset.deactivate}? Open positions keep their stops.`, "strategies/deactivate", { id: b.dataset.deactivate })));
    document.querySelectorAll("[data-switch]").forEach((b) => b.addEventListener("click", () => {
      const to = document.querySelector(`[data-switch-to="${CSS.escape(b.dataset.switch)}"]`).value;
      act(`Switch from ${b.dataset.switch} to ${to}? One step: ${to} starts, ${b.dataset.switch} stops.`, "strategies/activate", { id: to, replaces: b.dataset.switch });
    }));
  },

  async alerts() {
    const report = await data("monitoring/alerts?limit=200");
    render(`<h1>Alerts</h1><p class="muted">${report.open_critical ?? 0} critical and ${report.open_warning ?? 0} warnings open</p><div class="panel" id="alert-list">${table(report.alerts, [
      { title: "Time", render: (a) => when(a.time) }, { title: "Severity", render: (a) => pill(a.severity) }, { title: "Kind", key: "kind" }, { title: "Subject", key: "subject" },
      { title: "Message", key: "message" }, { title: "Count", num: true, key: "count" },
      { title: "", render: (a) => (a.acknowledged_at ? `<span class="muted">ack by ${esc(a.acknowledged_by)}</span>` : `<button data-ack="${esc(a.id)}">Acknowledge</button>`) }], { empty: "no alerts" })}</div>`);
    document.querySelectorAll("[data-ack]").forEach((b) => b.addEventListener("click", () => act("Acknowledge this alert? Its escalation stops.", `monitoring/alerts/${encodeURIComponent(b.dataset.ack)}/ack`, { by: "dashboard" })));
  },

  async notifications() {
    const [channels, recent] = await Promise.all([data("notifications/channels"), data("notifications?limit=100")]);
    render(`<h1>Notifications</h1><h2>Channels</h2><div class="panel">${table(channels, [
        { title: "Name", key: "name" }, { title: "Type", key: "type" }, { title: "Host", key: "host" }, { title: "Routes", render: (c) => esc(c.routes.join("; ")) },
        { title: "Last delivery", render: (c) => (c.last_delivery ? `${pill(c.last_delivery.delivered ? "delivered" : "failed")} ${when(c.last_delivery.at)} ${esc(c.last_delivery.detail)}` : "–") }], { empty: "no channels configured (Lyra:Notifications:Channels)" })}</div>
      <h2>Receipts</h2><div class="panel" id="receipts">${table(recent, [
        { title: "Time", render: (n) => when(n.time) }, { title: "Severity", render: (n) => pill(n.severity) }, { title: "Kind", key: "kind" }, { title: "Title", key: "title" },
        { title: "State", render: (n) => pill(n.state) }, { title: "Delivered to", render: (n) => esc(n.delivered_to.join(", ") || "–") }, { title: "Rounds", num: true, key: "rounds" },
        { title: "Next", render: (n) => when(n.next_attempt) }, { title: "Last error", render: (n) => esc(n.last_error || "") }], { empty: "nothing sent yet" })}</div>`);
  },

  async testing() {
    const [preflight, perf] = await Promise.all([data("testing/validate").catch((e) => (e.body && e.body.data) || null), data("testing/performance")]);
    const stats = (x) => `${x.window} · p50 ${num(x.p50_ms, 0)} ms · p95 ${num(x.p95_ms, 0)} ms · max ${num(x.max_ms, 0)} ms`;
    const last = perf.last_self_test;
    render(`<h1>Testing</h1>
      <h2>Self-test</h2><div class="panel" id="selftest"><div class="toolbar"><button class="primary" id="run-selftest">Run the self-test</button>
        <span class="muted">a synthetic market through candles, strategies, panel, risk gate, order, fill and exit on the paper venue</span></div>
        ${last ? `${pill(last.passed ? "passed" : "failed")} ${when(last.started_at)} in ${num(last.milliseconds, 0)} ms` + table(last.steps, [
          { title: "Step", key: "step" }, { title: "Status", render: (x) => pill(x.status) }, { title: "ms", num: true, render: (x) => num(x.milliseconds, 0) }, { title: "Detail", key: "detail" }]) : '<p class="muted">not run on this host yet</p>'}</div>
      <h2>Performance of this host</h2><div class="panel"><table>
        <tr><td>Decision flows (start → finish)</td><td>${stats(perf.flows)}</td></tr><tr><td>Flows per minute</td><td>${num(perf.flows_per_minute)}</td></tr>
        <tr><td>API requests</td><td>${stats(perf.api)}</td></tr><tr><td>Orders</td><td>${stats(perf.orders)}</td></tr></table><p class="muted">since ${when(perf.since)}</p></div>
      <h2>Preflight</h2><div class="panel">${preflight ? table(preflight.checks, [{ title: "Area", key: "area" }, { title: "Check", key: "name" }, { title: "Status", render: (c) => pill(c.status) }, { title: "Why", key: "detail" }]) : "–"}</div>`);
    $("run-selftest").addEventListener("click", () => act("Run the self-test? It trades a small round trip on the paper venue (never on a live account).", "testing/run", {}));
  },

  async settings() {
    const report = await data("config/settings");
    render(`<h1>Settings</h1><p class="muted">Read-only; secrets are masked. Change the run-time subset with POST /api/config/update (${esc(report.changeable.join(", "))}).</p>
      <div class="panel">${table(report.settings, [{ title: "Key", key: "key" }, { title: "Value", render: (s) => (s.masked ? '<span class="muted">•••• (masked)</span>' : esc(s.value)) }, { title: "Source", key: "source" }])}</div>`);
  },
};

function card(label, value) {
  // Long text (a market key, a chain verdict) in a smaller size than figures.
  const long = String(value).replace(/<[^>]*>/g, "").length > 12;
  return `<div class="card"><div class="label">${esc(label)}</div><div class="value${long ? " text" : ""}">${value}</div></div>`;
}

function orderColumns(rows) {
  const keys = ["client_order_id", "market_key", "side", "status", "quantity", "filled_quantity", "average_price", "fee", "limit_price"].filter((k) => rows.some((r) => r && r[k] !== undefined));
  const cols = keys.length ? keys : Object.keys(rows[0] || {});
  return cols.map((k) => ({ title: k.replace(/_/g, " "), num: typeof (rows[0] || {})[k] === "number", render: (r) => (typeof r[k] === "number" ? num(r[k], 8) : esc(r[k])) }));
}

function wireRows() {
  document.querySelectorAll("tr[data-href]").forEach((tr) => tr.addEventListener("click", (e) => { if (e.target.closest("button,a")) return; location.hash = tr.dataset.href; }));
}

function render(html) { $("main").innerHTML = html; }

// ---------- routing ----------

async function show() {
  const hash = location.hash || "#/overview";
  const [path, query] = hash.slice(2).split("?");
  const [name, id] = path.split("/");
  const page = pages[name] ? name : "overview";
  state.page = page;
  document.querySelectorAll("#nav a").forEach((a) => a.classList.toggle("active", a.getAttribute("href") === "#/" + page));
  try {
    await pages[page]({ id: id ? decodeURIComponent(id) : null, query });
  } catch (e) {
    render(`<h1>${esc(page)}</h1><div class="flash error">${esc(e.message)}</div>`);
  }
}

function refreshSoon(delay) {
  clearTimeout(state.refreshTimer);
  // Not while a confirmation is open: the page under it stays as the person saw it.
  state.refreshTimer = setTimeout(() => ($("confirm").open ? refreshSoon(1000) : show()), delay ?? 300);
}

// ---------- trading state and live updates ----------

function showPulse(p) {
  state.trading = p.trading_enabled;
  const t = $("trading");
  t.textContent = p.trading_enabled ? "trading" : "stopped";
  t.className = "state " + (p.trading_enabled ? "on" : "off");
  t.title = p.trading_reason || "";
  const b = $("trading-toggle");
  b.textContent = p.trading_enabled ? "Stop trading" : "Start trading";
  b.className = p.trading_enabled ? "danger" : "primary";
  const waiting = (p.counts && p.counts.decisions_awaiting_approval) || 0;
  $("inbox-count").textContent = waiting;
  $("inbox-count").classList.toggle("hidden", !waiting);
  $("alert-count").textContent = p.alerts_open;
  $("alert-count").classList.toggle("hidden", !p.alerts_open);
}

async function listen() {
  for (;;) {
    try {
      const res = await fetch("/api/events", { headers: headers({ Accept: "text/event-stream" }) });
      if (res.status === 401 || res.status === 403) { askKey((await res.json()).error_message); $("live").classList.remove("on"); return; }
      $("live").classList.add("on");
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let cut;
        while ((cut = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const event = /^event: (.*)$/m.exec(frame), payload = /^data: (.*)$/m.exec(frame);
          if (event && event[1] === "pulse" && payload) {
            const first = state.pulse === null;
            state.pulse = payload[1];
            showPulse(JSON.parse(payload[1]));
            if (!first) refreshSoon();
          }
        }
      }
    } catch { /* the host restarted or the network blinked: reconnect */ }
    $("live").classList.remove("on");
    await new Promise((r) => setTimeout(r, 3000));
  }
}

document.addEventListener("DOMContentLoaded", () => {
  $("key").value = state.key;
  $("key-save").addEventListener("click", () => {
    state.key = $("key").value.trim();
    localStorage.setItem("lyra.key", state.key);
    $("keybar").classList.add("hidden");
    show();
    listen();
  });
  $("trading-toggle").addEventListener("click", () => state.trading
    ? act("Stop trading? Running flows finish; no new order is placed (kill switch).", "trading/stop", { reason: "stopped from the dashboard" })
    : act("Start trading again?", "trading/start", { reason: "started from the dashboard" }));
  window.addEventListener("hashchange", show);
  show();
  listen();
});
