// The Clearwind console: a few pages over the service's API, signed in with an API key kept for the browser tab only.
(function () {
  "use strict";

  const state = {
    lang: localStorage.getItem("cw.lang") || "zh-CN",
    key: sessionStorage.getItem("cw.key"),
    me: null,
    patterns: {},
    rules: {},
    charts: [],
  };

  // ---- text, dates, HTML -------------------------------------------------------------------------------------------
  function t(id, args) {
    const text = (window.CW_TEXT[state.lang] || {})[id] || window.CW_TEXT.en[id] || id;
    return text.replace(/\{(\w+)\}/g, (_, name) => (args && name in args ? String(args[name]) : ""));
  }

  function when(iso) {
    if (!iso) return "–";
    return new Intl.DateTimeFormat(state.lang, { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
  }

  function esc(value) {
    return String(value ?? "").replace(/[&<>"']/g, c => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  }

  // A pattern or an action as the viewer reads it: its Chinese name in Chinese (the id beside it), the id in English.
  function pattern(id) {
    return state.lang === "en" || !state.patterns[id] ? id : `${state.patterns[id]}（${id}）`;
  }

  function action(id) {
    const name = t("action." + id);
    return state.lang === "en" || name === "action." + id ? id : name;
  }

  // What a detector or the health score wrote, in the viewer's language: the Chinese text in Chinese (English when a
  // record has none), the English one in English.
  function inLang(en, zh) {
    return state.lang === "en" || !zh ? en : zh;
  }

  function evidence(item) {
    return inLang(item.text, item.text_zh);
  }

  // The rule of a finding: its own English words (with the policy's thresholds) in English, the pattern's rule in Chinese.
  function rule(finding) {
    return inLang(finding.rule, state.rules[finding.pattern]);
  }

  async function loadNames() {
    [state.patterns, state.rules] = await Promise.all([api("/v1/patterns"), api("/v1/patterns/rules")]);
  }

  function explanation(decision) {
    const e = decision.explanation;
    return e ? (state.lang === "en" ? e.en : e.zh_cn) : "";
  }

  // ---- the API -----------------------------------------------------------------------------------------------------
  async function api(path, options) {
    const init = Object.assign({ headers: {} }, options || {});
    init.headers.Authorization = "Bearer " + state.key;
    if (init.body && typeof init.body !== "string") {
      init.body = JSON.stringify(init.body);
      init.headers["Content-Type"] = "application/json";
    }

    const response = await fetch(path, init);
    const text = await response.text();
    const body = text && (response.headers.get("Content-Type") || "").includes("json") ? JSON.parse(text) : text;
    if (!response.ok) {
      const detail = body && body.detail ? body.detail : "";
      throw new Error(t("error.request", { status: response.status, detail }));
    }

    return body;
  }

  function show(error) {
    const banner = document.getElementById("banner");
    banner.textContent = error ? error.message || String(error) : "";
    banner.hidden = !error;
  }

  // ---- frame: navigation, language, sign-out -----------------------------------------------------------------------
  const pages = {
    dashboard: { roles: ["admin", "analyst", "reviewer"], render: dashboard },
    cases: { roles: ["admin", "analyst", "reviewer"], render: cases },
    case: { roles: ["admin", "analyst", "reviewer", "seller"], render: caseView, hidden: true },
    entity: { roles: ["admin", "analyst", "reviewer", "seller"], render: entity, hidden: true },
    rules: { roles: ["admin", "analyst"], render: rules },
    seller: { roles: ["seller"], render: seller },
    appeal: { roles: ["seller"], render: appeal, hidden: true },
    jury: { roles: ["juror"], render: jury },
    juror: { roles: ["juror"], render: jurorCase, hidden: true },
  };

  function frame() {
    document.documentElement.lang = state.lang;
    document.title = "Clearwind";
    document.getElementById("lang").textContent = t("lang.switch");
    const signout = document.getElementById("signout");
    signout.textContent = t("signout");
    signout.hidden = !state.me;
    document.getElementById("who").textContent = state.me ? t("who", { name: state.me.name, role: state.me.role }) : "";
    const [page] = route();
    const nav = document.getElementById("nav");
    nav.innerHTML = state.me
      ? Object.entries(pages).filter(([, p]) => !p.hidden && p.roles.includes(state.me.role))
        .map(([name]) => `<a href="#/${name}" class="${name === page ? "active" : ""}">${esc(t("nav." + name))}</a>`).join("")
      : "";
  }

  function route() {
    return (location.hash.replace(/^#\/?/, "") || "").split("/").map(decodeURIComponent);
  }

  function home() {
    return Object.entries(pages).find(([, p]) => !p.hidden && p.roles.includes(state.me.role))?.[0];
  }

  async function render() {
    state.charts.forEach(c => c.dispose());
    state.charts = [];
    show(null);
    const view = document.getElementById("view");
    if (!state.key || !state.me) {
      frame();
      return signIn(view);
    }

    let [page, ...args] = route();
    if (!pages[page] || !pages[page].roles.includes(state.me.role)) {
      page = home();
      if (!page) {
        frame();
        view.innerHTML = `<div class="card">${esc(t("who", { name: state.me.name, role: state.me.role }))}</div>`;
        return;
      }

      history.replaceState(null, "", "#/" + page);
    }

    frame();
    view.innerHTML = "";
    try {
      await pages[page].render(view, ...args);
    } catch (error) {
      show(error);
    }
  }

  function signIn(view) {
    view.innerHTML = `<div class="card" style="max-width:32em"><h3>${esc(t("signin.title"))}</h3>
      <form id="signin"><label for="key">${esc(t("signin.key"))}</label><input id="key" type="password" autocomplete="off" style="width:100%">
      <button class="primary" type="submit">${esc(t("signin.go"))}</button><p class="muted">${esc(t("signin.hint"))}</p></form></div>`;
    view.querySelector("#signin").addEventListener("submit", async event => {
      event.preventDefault();
      state.key = view.querySelector("#key").value.trim();
      try {
        state.me = await api("/v1/me");
        await loadNames();
        sessionStorage.setItem("cw.key", state.key);
        location.hash = "#/" + home();
        await render();
      } catch {
        state.key = null;
        show(new Error(t("error.unknownKey")));
      }
    });
  }

  // ---- staff: dashboard and case queue -----------------------------------------------------------------------------
  async function dashboard(view) {
    const d = await api("/v1/dashboard");
    view.innerHTML = `<div class="card"><h3>${esc(t("dash.status"))}</h3><table style="width:auto" id="dash-figures">
        <tr><th>${esc(t("dash.eventTime"))}</th><td>${esc(when(d.event_time))}</td><th>${esc(t("dash.rate"))}</th><td>${d.events_per_second}</td></tr>
        <tr><th>${esc(t("dash.events"))}</th><td>${d.events_stored}</td><th>${esc(t("dash.findings"))}</th><td id="stat-findings">${d.findings}</td></tr>
        <tr><th>${esc(t("dash.decisions"))}</th><td>${d.standing_decisions}</td><th>${esc(t("dash.queue"))}</th><td>${d.open_cases}</td></tr></table></div>
      <div class="grid"><div class="card"><h3>${esc(t("dash.findingsByDay"))}</h3><div id="chart-findings" class="chart"></div></div>
        <div class="card"><h3>${esc(t("dash.actions"))}</h3><div id="chart-actions" class="chart"></div></div>
        <div class="card"><h3>${esc(t("dash.overturns"))}</h3><div id="chart-overturns" class="chart"></div></div>
        <div class="card"><h3>${esc(t("dash.topShops"))}</h3><div id="chart-shops" class="chart"></div></div>
        <div class="card"><h3>${esc(t("dash.rings"))}</h3><div id="chart-rings" class="chart"></div></div></div>`;
    state.charts.push(stacked("#chart-findings", d.findings_by_day), stacked("#chart-actions", d.decisions_by_day));
    const resolved = d.overturns.filter(r => r.overturn_rate !== null);
    state.charts.push(bars("#chart-overturns", resolved.map(r => r.pattern), resolved.map(r => r.overturn_rate), "#e15759", v => Math.round(v * 100) + "%"));
    state.charts.push(bars("#chart-shops", d.top_shops.map(s => s.name), d.top_shops.map(s => s.count), "#4e79a7"));
    state.charts.push(bars("#chart-rings", d.rings.map(s => s.name), d.rings.map(s => s.count), "#59a14f"));

    function stacked(selector, rows) {
      const days = [...new Set(rows.map(r => r.day))];
      const keys = [...new Set(rows.map(r => r.key))];
      const chart = echarts.init(view.querySelector(selector));
      chart.setOption({
        animation: false, tooltip: { trigger: "axis" }, legend: { type: "scroll", bottom: 0 }, grid: { bottom: 60 },
        xAxis: { type: "category", data: days }, yAxis: { type: "value" },
        series: keys.map(k => ({ name: k, type: "bar", stack: "all", data: days.map(day => (rows.find(r => r.day === day && r.key === k) || { count: 0 }).count) })),
      });
      return chart;
    }

    function bars(selector, names, values, colour, format) {
      const chart = echarts.init(view.querySelector(selector));
      chart.setOption({
        animation: false, tooltip: {}, grid: { left: 200 },
        title: names.length ? undefined : { text: t("dash.none"), left: "center", top: "middle", textStyle: { color: "#888", fontSize: 13 } },
        xAxis: { type: "value", axisLabel: format ? { formatter: format } : {} }, yAxis: { type: "category", data: names, inverse: true },
        series: [{ type: "bar", data: values, itemStyle: { color: colour } }],
      });
      return chart;
    }
  }

  async function cases(view) {
    const [list, status] = await Promise.all([api("/v1/cases"), api("/v1/status")]);
    const now = new Date(status.event_time).getTime();
    const patterns = [...new Set(list.map(c => c.pattern))].sort();
    const deciders = ["admin", "reviewer"].includes(state.me.role);
    view.innerHTML = `<div class="card"><h3>${esc(t("cases.title"))}</h3>
      <form id="filters" class="filters">
        <label>${esc(t("cases.status"))} <select id="f-status"><option value="">${esc(t("cases.all"))}</option>${["open", "claimed", "jury", "awaiting_staff", "resolved"].map(v => `<option value="${v}">${esc(t("status." + v))}</option>`).join("")}</select></label>
        <label>${esc(t("cases.pattern"))} <select id="f-pattern"><option value="">${esc(t("cases.all"))}</option>${patterns.map(p => `<option>${esc(p)}</option>`).join("")}</select></label>
        <label>${esc(t("cases.minScore"))} <input id="f-score" type="number" min="0" max="1" step="0.05" value="0" style="width:5em"></label>
        <label>${esc(t("cases.age"))} <select id="f-age"><option value="0">${esc(t("cases.all"))}</option><option value="1">≥ 1 ${esc(t("cases.days"))}</option><option value="3">≥ 3 ${esc(t("cases.days"))}</option><option value="7">≥ 7 ${esc(t("cases.days"))}</option></select></label>
      </form><div id="case-list"></div>
      ${deciders ? `<form id="bulk"><h4>${esc(t("cases.bulk"))}</h4><select id="bulk-outcome"><option value="dismiss">${esc(t("outcome.dismiss"))}</option><option value="act">${esc(t("outcome.act"))}</option></select>
        <input id="bulk-reasons" placeholder="${esc(t("case.reasons"))}" style="width:50%"> <button class="primary" type="submit">${esc(t("cases.bulkGo"))}</button></form>` : ""}</div>`;
    const value = id => view.querySelector(id).value;
    function draw() {
      const minScore = Number(value("#f-score")) || 0;
      const minAge = Number(value("#f-age")) * 86400000;
      const shown = list.filter(c => (!value("#f-status") || c.status === value("#f-status")) && (!value("#f-pattern") || c.pattern === value("#f-pattern"))
        && (c.score ?? 0) >= minScore && (!minAge || (c.since && now - new Date(c.since).getTime() >= minAge)));
      view.querySelector("#case-list").innerHTML = shown.length === 0 ? `<p class="muted">${esc(t("cases.none"))}</p>` : `
        <table id="case-table"><tr><th></th><th>${esc(t("cases.kind"))}</th><th>${esc(t("cases.status"))}</th><th>${esc(t("cases.pattern"))}</th><th>${esc(t("cases.score"))}</th><th>${esc(t("cases.entity"))}</th><th>${esc(t("cases.since"))}</th><th></th></tr>
        ${shown.map(c => `<tr data-case="${esc(c.id)}"><td>${c.kind === "review" && c.status !== "resolved" && deciders ? `<input type="checkbox" class="pick" aria-label="${esc(c.id)}">` : ""}</td>
          <td>${esc(t("kind." + c.kind))}</td><td><span class="pill">${esc(t("status." + c.status))}</span>${c.claimed_by ? `<br><span class="muted">${esc(c.claimed_by)}</span>` : ""}</td>
          <td>${esc(pattern(c.pattern))}</td><td>${c.score == null ? "–" : c.score.toFixed(2)}</td><td><a href="#/entity/${encodeURIComponent(c.entity.type)}/${encodeURIComponent(c.entity.id)}">${esc(c.entity.type)} ${esc(c.entity.id)}</a></td><td>${esc(when(c.since))}</td>
          <td><a href="#/case/${encodeURIComponent(c.id)}">${esc(t("cases.open"))}</a>${deciders && (c.status === "open" || c.status === "claimed") ? ` · <a href="" class="claim">${esc(t("cases.claim"))}</a>` : ""}</td></tr>`).join("")}</table>`;
      view.querySelectorAll("a.claim").forEach(a => a.addEventListener("click", async event => {
        event.preventDefault();
        try {
          await api(`/v1/cases/${encodeURIComponent(a.closest("tr").dataset.case)}/claim`, { method: "POST" });
          await render();
        } catch (error) {
          show(error);
        }
      }));
    }

    view.querySelector("#filters").addEventListener("input", draw);
    draw();
    const bulk = view.querySelector("#bulk");
    if (!bulk) return;
    bulk.addEventListener("submit", async event => {
      event.preventDefault();
      const picked = [...view.querySelectorAll("input.pick:checked")].map(box => box.closest("tr").dataset.case);
      try {
        for (const id of picked) {
          await api(`/v1/cases/${encodeURIComponent(id)}/decide`, { method: "POST", body: { outcome: value("#bulk-outcome"), reasons: value("#bulk-reasons") } });
        }

        await render();
      } catch (error) {
        show(error);
      }
    });
  }

  async function caseView(view, id) {
    const c = await api("/v1/cases/" + encodeURIComponent(id));
    const jury = c.jury;
    const staff = state.me.role !== "seller";
    view.innerHTML = `<div class="card"><h3>${esc(t("case.title", { id: c.id }))} <span class="pill" id="case-status">${esc(t("status." + c.status))}</span></h3>
        <p><b>${esc(t("case.decision"))}:</b> <span class="pill act">${esc(action(c.decision.action))}</span> ${esc(pattern(c.decision.rule))} — ${esc(explanation(c.decision))}</p>
        <h4>${esc(t("case.evidence"))}</h4><ul>${c.findings.map(f => `<li class="rule-text"><b>${esc(t("seller.rule"))}:</b> ${esc(rule(f))}</li>${f.evidence.map(e => `<li>${esc(evidence(e))}</li>`).join("")}`).join("")}</ul>
        ${c.recheck.length ? `<h4>${esc(t("case.recheck"))}</h4><ul>${c.recheck.map(r => `<li>${esc(state.lang === "en" || !r.note_zh_cn ? r.note : r.note_zh_cn)}</li>`).join("")}</ul>` : ""}
        ${jury ? `<h4>${esc(t("case.jury"))}</h4><p>${esc(t("case.votes", { n: jury.votes_cast, of: jury.drawn }))}</p>
          ${jury.tally ? `<p>${esc(t("case.verdict"))}: <b id="verdict">${esc(t(jury.tally.verdict === "no_quorum" ? "verdict.no_quorum" : "outcome." + jury.tally.verdict))}</b> (${jury.tally.overturn}/${jury.tally.uphold})</p>
            <p class="muted">${esc(t("case.seed"))}: <code>${esc(jury.seed)}</code></p>` : ""}` : ""}
        ${c.resolution ? `<h4>${esc(t("case.resolution"))}</h4><p id="resolution">${esc(t("outcome." + c.resolution.outcome))} — ${esc(c.resolution.reasons)}</p>` : ""}
      </div>`;
    if (staff && c.status !== "resolved" && c.status !== "jury" && ["admin", "reviewer"].includes(state.me.role)) {
      const outcomes = c.kind === "appeal" ? ["uphold", "overturn"] : ["act", "dismiss"];
      const form = document.createElement("div");
      form.className = "card";
      form.innerHTML = `<h3>${esc(t("case.decide"))}</h3><form id="decide"><label for="outcome">${esc(t("case.outcome"))}</label>
        <select id="outcome">${outcomes.map(o => `<option value="${o}">${esc(t("outcome." + o))}</option>`).join("")}</select>
        <label for="reasons">${esc(t("case.reasons"))}</label><textarea id="reasons"></textarea>
        <button class="primary" type="submit">${esc(t("case.submit"))}</button></form>`;
      view.appendChild(form);
      form.querySelector("#decide").addEventListener("submit", async event => {
        event.preventDefault();
        try {
          await api(`/v1/cases/${encodeURIComponent(id)}/decide`, { method: "POST", body: { outcome: form.querySelector("#outcome").value, reasons: form.querySelector("#reasons").value } });
          await render();
        } catch (error) {
          show(error);
        }
      });
    }
  }

  // ---- analysts: the policy, a backtest side by side, publishing --------------------------------------------------
  async function rules(view) {
    const [policy, versions] = await Promise.all([api("/v1/rules"), api("/v1/rules/versions")]);
    view.innerHTML = `<div class="card"><h3>${esc(t("rules.title"))}</h3>
        <p class="muted">${esc(versions.length ? t("rules.inForce", { n: versions[versions.length - 1].version, when: when(versions[versions.length - 1].published_at) }) : t("rules.builtIn"))}</p>
        <label for="policy">${esc(t("rules.edit"))}</label><textarea id="policy" spellcheck="false" style="min-height:22em;font-family:monospace;font-size:.8em">${esc(JSON.stringify(policy, null, 2))}</textarea>
        <button class="secondary" id="backtest" type="button">${esc(t("rules.backtest"))}</button></div>
      <div id="result"></div>
      <div class="card"><h3>${esc(t("rules.versions"))}</h3>${versions.length === 0 ? `<p class="muted">–</p>` : `<table id="versions"><tr><th>#</th><th>${esc(t("rules.when"))}</th><th>${esc(t("rules.by"))}</th><th>${esc(t("rules.note"))}</th></tr>
        ${versions.slice().reverse().map(v => `<tr><td>${v.version}</td><td>${esc(when(v.published_at))}</td><td>${esc(v.by)}</td><td>${esc(v.note)}</td></tr>`).join("")}</table>`}</div>`;
    view.querySelector("#backtest").addEventListener("click", async () => {
      const text = view.querySelector("#policy").value;
      try {
        const r = await api("/v1/rules/backtest", { method: "POST", body: text, headers: { "Content-Type": "application/json" } });
        const counts = (rows, key) => `<table><tr><th>${esc(t(key))}</th><th>${esc(t("rules.current"))}</th><th>${esc(t("rules.candidate"))}</th><th>±</th></tr>
          ${rows.map(x => `<tr><td>${esc(x.pattern || x.action || x.kind)}</td><td>${x.baseline}</td><td>${x.candidate}</td><td>${x.difference > 0 ? "+" : ""}${x.difference}</td></tr>`).join("")}</table>`;
        const entities = rows => rows.length === 0 ? `<p class="muted">–</p>` : `<ul>${rows.map(x => `<li>${esc(x.entity.type)} ${esc(x.entity.id)}: ${esc(x.action)} (${esc(x.rule)})</li>`).join("")}</ul>`;
        const result = view.querySelector("#result");
        result.innerHTML = `<div class="card" id="backtest-result"><h3>${esc(t("rules.sideBySide", { events: r.events }))}</h3>
            <div class="grid"><div>${counts(r.findings_by_pattern, "cases.pattern")}</div><div>${counts(r.decisions_by_action, "rules.action")}</div>
            <div><h4>${esc(t("rules.newlyPenalised"))}</h4>${entities(r.newly_penalised)}</div><div><h4>${esc(t("rules.newlyCleared"))}</h4>${entities(r.newly_cleared)}</div></div>
            <label for="note">${esc(t("rules.note"))}</label><input id="note" style="width:60%"> <button class="primary" id="publish" type="button">${esc(t("rules.publish"))}</button></div>`;
        result.querySelector("#publish").addEventListener("click", async () => {
          try {
            await api("/v1/rules?note=" + encodeURIComponent(result.querySelector("#note").value), { method: "PUT", body: text, headers: { "Content-Type": "application/json" } });
            await render();
          } catch (error) {
            show(error);
          }
        });
      } catch (error) {
        show(error);
      }
    });
  }

  // ---- an entity: evidence over time, decisions, and who is linked to it ----------------------------------------------
  async function entity(view, type, id) {
    const e = await api(`/v1/entities/${encodeURIComponent(type)}/${encodeURIComponent(id)}`);
    view.innerHTML = `<div class="card"><h3>${esc(type)} ${esc(id)}</h3><div id="timeline" class="chart" style="height:240px"></div></div>
      <div class="grid"><div class="card"><h3>${esc(t("entity.decisions"))}</h3><ul id="entity-decisions">${e.decisions.map(d => `<li><span class="pill ${d.standing ? "act" : "lift"}">${esc(action(d.decision.action))}</span>
          ${esc(pattern(d.decision.rule))} — ${esc(when(d.decision.effective_at))}<br><span class="muted">${esc(explanation(d.decision))}</span></li>`).join("") || `<li class="muted">–</li>`}</ul></div>
        <div class="card"><h3>${esc(t("entity.links"))}</h3><div id="graph" class="chart" style="height:360px"></div></div></div>
      <div class="card"><h3>${esc(t("case.evidence"))}</h3><ul>${e.findings.map(f => `<li><b>${esc(f.pattern)}</b> (${f.score.toFixed(2)}, ${esc(when(f.from))} – ${esc(when(f.to))}): ${f.evidence.map(x => esc(evidence(x))).join(" ")}<br><span class="muted rule-text">${esc(t("seller.rule"))}: ${esc(rule(f))}</span></li>`).join("")}</ul></div>`;
    const patterns = [...new Set(e.findings.map(f => f.pattern))];
    const timeline = echarts.init(view.querySelector("#timeline"));
    timeline.setOption({
      animation: false, tooltip: { formatter: p => `${esc(p.seriesName)}<br>${esc(when(p.value[0]))} – ${p.value[1]}` }, legend: {},
      xAxis: { type: "time" }, yAxis: { type: "value", min: 0, max: 1, name: t("cases.score") },
      series: patterns.map(p => ({ name: p, type: "scatter", symbolSize: 12, data: e.findings.filter(f => f.pattern === p).map(f => [f.to, f.score]) })),
    });
    // The graph: for staff, the accounts linked to this account (or the shop's owner) by rare shared identifiers and the
    // shops they ordered from; otherwise the accounts and shops its findings name.
    const staffRole = ["admin", "analyst", "reviewer"].includes(state.me.role);
    const links = staffRole && (type === "account" || type === "shop")
      ? await api(`/v1/entities/${encodeURIComponent(type)}/${encodeURIComponent(id)}/links`)
      : { nodes: [{ id, type }, ...e.findings.flatMap(f => f.related).filter(r => r.type === "account" || r.type === "shop" || r.type === "listing")],
          edges: e.findings.flatMap(f => f.related.filter(r => r.type === "account" || r.type === "shop" || r.type === "listing").map(r => ({ source: id, target: r.id, kind: f.pattern, weight: 1 }))),
          common_identifiers: {} };
    const seen = new Map();
    links.nodes.forEach(n => { if (!seen.has(n.id)) seen.set(n.id, { name: n.id, category: n.type === "shop" ? 0 : n.type === "account" ? 1 : 2, symbolSize: n.id === id ? 30 : 16 }); });
    const graph = echarts.init(view.querySelector("#graph"));
    graph.setOption({
      animation: false, tooltip: { formatter: p => p.dataType === "edge" ? `${esc(p.data.source)} — ${esc(p.data.target)}: ${esc(p.data.kind)} ×${p.data.weight}` : esc(p.name) },
      legend: [{ data: ["shop", "account", t("entity.other")] }],
      series: [{ type: "graph", layout: "force", roam: true, draggable: true, label: { show: seen.size <= 30 }, force: { repulsion: 160, edgeLength: 90 },
        edgeLabel: { show: seen.size <= 30, formatter: p => p.data.kind, fontSize: 10 },
        categories: [{ name: "shop" }, { name: "account" }, { name: t("entity.other") }], data: [...seen.values()],
        links: links.edges.map(l => ({ source: l.source, target: l.target, kind: l.kind, weight: l.weight, lineStyle: { width: Math.min(6, 1 + l.weight) } })) }],
    });
    const common = Object.entries(links.common_identifiers || {});
    if (common.length) {
      view.querySelector("#graph").insertAdjacentHTML("afterend", `<p class="muted" id="common">${esc(t("entity.common", { list: common.map(([k, n]) => k + " ×" + n).join(", ") }))}</p>`);
    }

    state.charts.push(timeline, graph);
  }

  // ---- sellers: penalties, the appeal form, the case -----------------------------------------------------------------
  async function seller(view) {
    const shops = await Promise.all(state.me.shops.map(s => api("/v1/entities/shop/" + encodeURIComponent(s))));
    const health = await Promise.all(state.me.shops.map(s => api("/v1/shops/" + encodeURIComponent(s) + "/health").catch(() => null)));
    const rows = shops.flatMap(s => s.decisions).filter(d => d.decision.action !== "lift");
    const findings = new Map(shops.flatMap(s => s.findings).map(f => [f.id, f]));
    const rulesOf = d => [...new Set(d.findings.map(id => findings.get(id)).filter(Boolean).map(rule))].join(" ");
    view.innerHTML = `<div class="grid">${health.filter(Boolean).map((h, i) => `<div class="card"><h3>${esc(t("seller.health", { shop: h.shop }))}</h3>
        <div id="gauge-${i}" class="chart" style="height:220px"></div><p class="reasons">${esc(inLang(h.reasons, h.reasons_zh))}</p><p class="muted">${esc(t("seller.raise"))}</p></div>`).join("")}</div>
      <div class="card"><h3>${esc(t("seller.penalties"))}</h3>${rows.length === 0 ? `<p class="muted">${esc(t("seller.none"))}</p>` : `
      <table id="penalties"><tr><th>${esc(t("case.decision"))}</th><th>${esc(t("seller.rule"))}</th><th>${esc(t("seller.why"))}</th><th>${esc(t("seller.deadline"))}</th><th></th></tr>
      ${rows.map(r => `<tr><td><span class="pill ${r.standing ? "act" : "lift"}">${esc(action(r.decision.action))}</span><br><span class="muted">${esc(t(r.standing ? "seller.standing" : "seller.lifted"))}</span></td>
        <td>${esc(pattern(r.decision.rule))}<br><span class="muted rule-text">${esc(rulesOf(r.decision) || inLang("", state.rules[r.decision.rule]))}</span></td><td>${esc(explanation(r.decision))}</td><td>${esc(when(r.decision.appeal_by))}</td>
        <td>${r.standing && r.decision.appeal_by ? `<a class="appeal-link" href="#/appeal/${encodeURIComponent(r.decision.id)}">${esc(t("seller.appeal"))}</a>` : ""}</td></tr>`).join("")}</table>`}</div>`;
    health.filter(Boolean).forEach((h, i) => {
      const gauge = echarts.init(view.querySelector("#gauge-" + i));
      gauge.setOption({ animation: false, series: [{ type: "gauge", min: 0, max: 100, progress: { show: true }, detail: { formatter: "{value}" }, data: [{ value: h.health }] }] });
      state.charts.push(gauge);
    });
  }

  async function appeal(view, decisionId) {
    const form = await api(`/v1/decisions/${encodeURIComponent(decisionId)}/appeal`);
    if (form.case) {
      location.hash = "#/case/" + encodeURIComponent(form.case);
      return;
    }

    const orders = form.prefill.orders;
    view.innerHTML = `<div class="card"><h3>${esc(t("appeal.title", { id: decisionId }))}</h3>
        <p><b>${esc(t("seller.rule"))}:</b> ${esc(inLang(form.rule, form.rule_zh))}</p><p>${esc(explanation(form.decision))}</p>
        <ul>${(state.lang === "en" ? form.evidence : form.evidence_zh || form.evidence).map(e => `<li>${esc(e)}</li>`).join("")}</ul>
        <p><b>${esc(t("appeal.whatToFix"))}:</b> ${esc(state.lang === "en" ? form.what_to_fix.en : form.what_to_fix.zh_cn)}</p><p><b>${esc(t("seller.deadline"))}:</b> ${esc(when(form.appeal_by))}</p></div>
      ${form.can_appeal ? `<div class="card"><form id="appeal-form"><h3>${esc(t("appeal.prefilled"))}</h3>
        ${orders.length ? `<table id="prefilled"><tr><th>${esc(t("appeal.order"))}</th><th>${esc(t("appeal.carrier"))}</th><th>${esc(t("appeal.tracking"))}</th><th>${esc(t("appeal.weight"))}</th><th>${esc(t("appeal.signedBy"))}</th><th>${esc(t("appeal.signedAt"))}</th></tr>
          ${orders.map((o, i) => `<tr data-order="${esc(o.order)}"><td>${esc(o.order)}</td><td><input name="carrier" value="${esc(o.carrier)}" size="6"></td>
            <td><input name="tracking" value="${esc(o.tracking)}" size="14"></td><td><input name="weight" type="number" min="0" size="6" aria-label="${esc(t("appeal.weight"))} ${i + 1}"></td>
            <td><input name="signedBy" size="8"></td><td><input name="signedAt" type="datetime-local"></td></tr>`).join("")}</table>` : ""}
        ${form.prefill.chats.length ? `<p class="muted">${esc(t("appeal.chats"))}: ${form.prefill.chats.map(esc).join(", ")}</p>` : ""}
        <label for="statement">${esc(t("appeal.statement"))}</label><textarea id="statement" required></textarea>
        <label for="campaign">${esc(t("appeal.campaign"))}</label><input id="campaign" list="campaigns"><datalist id="campaigns">${form.prefill.campaigns.map(c => `<option value="${esc(c)}">`).join("")}</datalist>
        <label for="note">${esc(t("appeal.note"))}</label><textarea id="note"></textarea>
        <button class="primary" type="submit">${esc(t("appeal.submit"))}</button></form></div>`
        : `<div class="card"><p id="why-not">${esc(t("appeal.cannot", { why: form.why_not }))}</p></div>`}`;
    const element = view.querySelector("#appeal-form");
    if (!element) return;
    element.addEventListener("submit", async event => {
      event.preventDefault();
      const deliveries = [...element.querySelectorAll("tr[data-order]")].map(row => {
        const value = name => row.querySelector(`[name=${name}]`).value.trim();
        return value("weight") && value("signedAt")
          ? { order: row.dataset.order, carrier: value("carrier"), tracking: value("tracking"), weight_g: Number(value("weight")), signed_by: value("signedBy"), signed_at: new Date(value("signedAt")).toISOString() }
          : null;
      }).filter(Boolean);
      try {
        const filed = await api(`/v1/decisions/${encodeURIComponent(decisionId)}/appeal`, {
          method: "POST",
          body: { statement: element.querySelector("#statement").value, evidence: { deliveries, campaign: element.querySelector("#campaign").value || null, note: element.querySelector("#note").value || null } },
        });
        location.hash = "#/case/" + encodeURIComponent(filed.id);
      } catch (error) {
        show(error);
      }
    });
  }

  // ---- jurors: assigned cases, the anonymised file, the vote -------------------------------------------------------
  async function jury(view) {
    const list = await api("/v1/jury/cases");
    view.innerHTML = `<div class="card"><h3>${esc(t("jury.title"))}</h3>${list.length === 0 ? `<p class="muted">${esc(t("jury.none"))}</p>` : `
      <table id="jury-cases"><tr><th>${esc(t("cases.pattern"))}</th><th>${esc(t("cases.status"))}</th><th>${esc(t("cases.opened"))}</th><th></th></tr>
      ${list.map(c => `<tr><td>${esc(pattern(c.pattern))}</td><td>${esc(t("status." + c.status))}</td><td>${esc(when(c.opened_at))}</td>
        <td><a href="#/juror/${encodeURIComponent(c.id)}">${esc(t("cases.open"))}</a></td></tr>`).join("")}</table>`}</div>`;
  }

  async function jurorCase(view, id) {
    const file = await api("/v1/jury/cases/" + encodeURIComponent(id));
    view.innerHTML = `<div class="card"><h3>${esc(t("jury.file"))}</h3><p>${esc(pattern(file.pattern))} — ${esc(inLang(file.decision, file.decision_zh))}</p>
        <ul id="file-evidence">${file.evidence.map(e => `<li>${esc(evidence(e))}</li>`).join("")}</ul>
        <h4>${esc(t("jury.statement"))}</h4><p>${esc(file.statement)}</p>
        ${file.seller_evidence.length ? `<h4>${esc(t("jury.sellerEvidence"))}</h4><ul>${file.seller_evidence.map(e => `<li>${esc(explanation({ explanation: e }))}</li>`).join("")}</ul>` : ""}
        ${file.recheck.length ? `<h4>${esc(t("case.recheck"))}</h4><ul>${file.recheck.map(e => `<li>${esc(explanation({ explanation: e }))}</li>`).join("")}</ul>` : ""}
        <p><b>${esc(t("jury.voteBy"))}:</b> ${esc(when(file.vote_by))}</p></div>
      <div class="card" id="vote-card">${file.your_vote ? `<p id="voted">${esc(t("jury.voted", { vote: t("outcome." + file.your_vote) }))}</p>` : `
        <form id="vote"><label for="reason">${esc(t("jury.reason"))}</label><textarea id="reason"></textarea>
        <button class="secondary" type="submit" value="uphold">${esc(t("jury.uphold"))}</button>
        <button class="primary" type="submit" value="overturn">${esc(t("jury.overturn"))}</button></form>`}</div>`;
    const form = view.querySelector("#vote");
    if (!form) return;
    form.addEventListener("submit", async event => {
      event.preventDefault();
      try {
        await api(`/v1/jury/cases/${encodeURIComponent(id)}/vote`, { method: "POST", body: { vote: event.submitter.value, reason: form.querySelector("#reason").value } });
        await render();
      } catch (error) {
        show(error);
      }
    });
  }

  // ---- start -------------------------------------------------------------------------------------------------------
  document.getElementById("lang").addEventListener("click", () => {
    state.lang = state.lang === "en" ? "zh-CN" : "en";
    localStorage.setItem("cw.lang", state.lang);
    render();
  });
  document.getElementById("signout").addEventListener("click", () => {
    sessionStorage.removeItem("cw.key");
    state.key = null;
    state.me = null;
    location.hash = "";
    render();
  });
  window.addEventListener("hashchange", render);
  window.addEventListener("resize", () => state.charts.forEach(c => c.resize()));

  (async function start() {
    if (state.key) {
      try {
        state.me = await api("/v1/me");
        await loadNames();
      } catch {
        state.key = null;
        sessionStorage.removeItem("cw.key");
      }
    }

    await render();
  })();
})();
