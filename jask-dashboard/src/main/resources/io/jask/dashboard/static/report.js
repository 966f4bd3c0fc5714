// Draws the stand-alone performance report from window.JASK_REPORT; needs no server.
"use strict";

(function () {
  const data = window.JASK_REPORT;
  const bytes = (n) => {
    if (!n) return "0 B";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(1)) + " " + units[i];
  };
  const el = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };

  document.getElementById("generated").textContent = "scheduler " + data.scheduler + ", made " + new Date(data.generated).toLocaleString();
  const starts = data.runs.map(r => r.start), stops = data.runs.map(r => r.stop);
  const span = data.runs.length ? (Math.max(...stops) - Math.min(...starts)) / 1000 : 0;
  const compute = data.runs.filter(r => r.kind !== "transfer").reduce((s, r) => s + (r.stop - r.start), 0) / 1000;
  const threads = data.workers.reduce((s, w) => s + w.nthreads, 0);
  const summary = [["tasks done", data.completed], ["erred", data.erred], ["task runs shown", data.runs.length],
    ["wall time", span.toFixed(2) + " s"], ["compute time", compute.toFixed(2) + " s"],
    ["parallelism", span > 0 ? (compute / span).toFixed(2) + " of " + threads + " threads" : "-"],
    ["transfers", data.transfers + " (" + bytes(data.transferBytes) + ")"], ["workers", data.workers.length]];
  const box = document.getElementById("summary");
  for (const [label, value] of summary) { const d = el("div"); d.appendChild(el("b", null, String(value))); d.appendChild(document.createTextNode(label)); box.appendChild(d); }

  const stream = JaskTaskStream(document.getElementById("taskstream"), { limit: 1e9, renderer: "canvas", zoom: true });
  stream.add(data.runs);
  stream.render();

  const progress = document.getElementById("progress");
  for (const g of data.groups) {
    const total = Math.max(1, g.total);
    const row = el("div", "row");
    row.appendChild(el("span", "label", g.name));
    const bar = el("div", "bar");
    for (const [cls, n] of [["released", g.released], ["memory", g.memory], ["erred", g.erred], ["processing", g.processing], ["waiting", g.waiting]]) {
      if (n > 0) { const s = el("div", "seg " + cls); s.style.width = (100 * n / total) + "%"; s.title = n + " " + cls; bar.appendChild(s); }
    }
    row.appendChild(bar);
    row.appendChild(el("span", "figure", (g.memory + g.released) + " / " + g.total + ", " + g.meanMillis.toFixed(2) + " ms each"));
    progress.appendChild(row);
  }

  const memory = echarts.init(document.getElementById("memory"));
  memory.setOption({
    animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
    grid: { left: 80, right: 20, top: 30, bottom: 30 },
    xAxis: { type: "time" }, yAxis: { type: "value", axisLabel: { formatter: bytes } },
    series: data.workers.flatMap(w => [
      { name: w.name + " heap", type: "line", showSymbol: false, data: w.history.map(s => [s[0], s[2]]) },
      { name: w.name + " managed", type: "line", showSymbol: false, lineStyle: { type: "dashed" }, data: w.history.map(s => [s[0], s[1]]) }]),
  });
  window.addEventListener("resize", () => memory.resize());
})();
