// Charts for the dashboard pages, drawn from the page's own data (no request to any server).
(function () {
  const data = JSON.parse(document.getElementById("page-data").textContent || "null");
  if (!data || typeof Plotly === "undefined") return;
  const layout = { margin: { t: 20, r: 20, b: 40, l: 50 }, barmode: "stack", legend: { orientation: "h" } };
  const quadTraces = (rows) => [
    ["verbal_cooperation", "verbal cooperation", "#2b8a3e"],
    ["material_cooperation", "material cooperation", "#1c7ed6"],
    ["verbal_conflict", "verbal conflict", "#e8590c"],
    ["material_conflict", "material conflict", "#c92a2a"],
  ].map(([key, name, color]) => ({ type: "bar", name, marker: { color },
    x: rows.map((r) => r.period), y: rows.map((r) => r[key]) }));
  const quad = document.getElementById("quad-chart");
  if (quad) Plotly.newPlot(quad, quadTraces(data.quad_by_month), layout, { displaylogo: false });
  const dyad = document.getElementById("dyad-chart");
  if (dyad) {
    const rows = data.timeline;
    const traces = quadTraces(rows).concat([{ type: "scatter", mode: "lines+markers", name: "mean Goldstein",
      yaxis: "y2", x: rows.map((r) => r.period), y: rows.map((r) => r.goldstein_mean), line: { color: "#333" } }]);
    Plotly.newPlot(dyad, traces, Object.assign({}, layout, {
      yaxis: { title: "events" }, yaxis2: { title: "Goldstein", overlaying: "y", side: "right", range: [-10, 10] } }),
      { displaylogo: false });
  }
  const net = document.getElementById("actor-network");
  if (net) {
    const partners = data.partners;
    const n = Math.max(partners.length, 1);
    const xs = partners.map((_, i) => Math.cos((2 * Math.PI * i) / n));
    const ys = partners.map((_, i) => Math.sin((2 * Math.PI * i) / n));
    const edges = partners.map((p, i) => ({ type: "scatter", mode: "lines", hoverinfo: "skip", showlegend: false,
      x: [0, xs[i]], y: [0, ys[i]], line: { width: 1 + Math.log2(1 + p.events) * 2,
      color: p.goldstein_mean >= 0 ? "#2b8a3e" : "#c92a2a" } }));
    const nodes = { type: "scatter", mode: "markers+text", textposition: "top center", showlegend: false,
      x: [0].concat(xs), y: [0].concat(ys), text: [data.actor].concat(partners.map((p) => p.actor)),
      customdata: [data.actor].concat(partners.map((p) => p.actor)),
      marker: { size: [28].concat(partners.map((p) => 12 + 4 * Math.sqrt(p.events))), color: "#1d2c44" } };
    Plotly.newPlot(net, edges.concat([nodes]), { margin: { t: 10, r: 10, b: 10, l: 10 },
      xaxis: { visible: false }, yaxis: { visible: false } }, { displaylogo: false });
    net.on("plotly_click", (ev) => { const code = ev.points[0].customdata; if (code) window.location = "/actor/" + encodeURIComponent(code); });
  }
})();
