// One worker's page: its figures, memory and CPU over time, and its latest tasks.
"use strict";

(function () {
  const address = new URLSearchParams(location.search).get("address") || "";
  const chart = echarts.init(document.getElementById("worker-history"), null, { renderer: "svg" });
  Jask.feed("worker", { address: address }, (m) => {
    document.getElementById("worker-name").textContent = m.present ? m.worker.name + " (" + address + ")" : address + " (gone)";
    if (m.present) {
      const w = m.worker;
      Jask.fill(document.getElementById("worker-summary"), [
        ["threads", w.nthreads], ["memory used", Jask.bytes(w.heap)], ["managed", Jask.bytes(w.managed)],
        ["limit", w.memoryLimit > 0 ? Jask.bytes(w.memoryLimit) : "none"], ["CPU", (w.cpu * 100).toFixed(0) + "%"],
        ["executing", w.executing], ["ready", w.ready], ["in memory", w.inMemory]],
        ([label, value]) => Jask.el("div", {}, Jask.el("b", { text: String(value) }), label));
      chart.setOption({
        animation: false, tooltip: { trigger: "axis" }, legend: { top: 0 },
        grid: { left: 70, right: 50, top: 30, bottom: 30 },
        xAxis: { type: "time" },
        yAxis: [{ type: "value", axisLabel: { formatter: Jask.bytes } }, { type: "value", axisLabel: { formatter: v => (v * 100) + "%" } }],
        series: [
          { name: "heap used", type: "line", showSymbol: false, data: m.history.map(s => [s[0], s[2]]) },
          { name: "managed", type: "line", showSymbol: false, data: m.history.map(s => [s[0], s[1]]) },
          { name: "CPU", type: "line", showSymbol: false, yAxisIndex: 1, data: m.history.map(s => [s[0], s[4]]) },
        ],
      });
    }
    Jask.fill(document.querySelector("#worker-runs tbody"), m.runs, (r) => Jask.el("tr", {},
      Jask.el("td", { text: r.key }), Jask.el("td", { text: r.kind }),
      Jask.el("td", { class: "num", text: r.thread < 0 ? "" : String(r.thread) }),
      Jask.el("td", { class: "num", text: (r.stop - r.start).toFixed(1) + " ms" })));
  });
})();
