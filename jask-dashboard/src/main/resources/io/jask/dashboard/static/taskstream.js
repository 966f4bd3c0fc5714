// The task stream: one row per worker thread (and one per worker for its transfers), one bar per
// task run, coloured by kind of task; transfers and failed runs stand out. Drawn with ECharts, with
// zoom and tooltips, once, in the performance report (the status page draws its live stream with
// livestream.js, which costs the browser far less per update).
"use strict";

function JaskTaskStream(element, options) {
  options = options || {};
  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f",
    "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94", "#9edae5", "#dbdb8d"];
  const limit = options.limit || 3000;
  const chart = echarts.init(element, null, { renderer: options.renderer || "canvas" });
  let runs = [];
  const rows = [];
  const rowIndex = new Map();
  const colours = new Map();

  function colourOf(run) {
    if (run.kind === "transfer") return "#e377c2";
    if (run.kind === "erred") return "#111";
    if (!colours.has(run.group)) colours.set(run.group, palette[colours.size % palette.length]);
    return colours.get(run.group);
  }

  function renderItem(params, api) {
    const row = api.value(0);
    const start = api.coord([api.value(1), row]);
    const end = api.coord([api.value(2), row]);
    const height = api.size([0, 1])[1] * 0.75;
    const shape = echarts.graphic.clipRectByRect(
      { x: start[0], y: start[1] - height / 2, width: Math.max(1.5, end[0] - start[0]), height: height },
      { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height });
    return shape && { type: "rect", shape: shape, style: api.style() };
  }

  let dirty = false;
  function add(newRuns) {
    dirty = dirty || newRuns.length > 0;
    for (const r of newRuns) {
      if (!rowIndex.has(r.row)) {
        rowIndex.set(r.row, rows.length);
        rows.push(r.row);
        rows.sort();
        rows.forEach((name, i) => rowIndex.set(name, i));
      }
      runs.push(r);
    }
    if (runs.length > limit) runs = runs.slice(runs.length - limit);
  }

  function render() {
    if (!dirty) return;
    dirty = false;
    const data = runs.map(r => ({
      value: [rowIndex.get(r.row), r.start, Math.max(r.stop, r.start), r.key, r.kind, r.group],
      itemStyle: { color: colourOf(r) },
    }));
    element.setAttribute("data-bars", String(data.length));
    chart.setOption({
      animation: false,
      tooltip: { formatter: p => p.value[3] + "<br>" + p.value[4] + " " + (p.value[2] - p.value[1]).toFixed(1) + " ms" },
      grid: { left: 130, right: 16, top: 8, bottom: 28 },
      xAxis: { type: "time", scale: true },
      yAxis: { type: "category", data: rows.slice(), inverse: true, axisLabel: { fontSize: 11 } },
      dataZoom: options.zoom ? [{ type: "inside" }, { type: "slider", height: 16, bottom: 4 }] : [],
      series: [{ type: "custom", renderItem: renderItem, encode: { x: [1, 2], y: 0 }, data: data }],
    }, { replaceMerge: ["series", "dataZoom"] });
  }

  window.addEventListener("resize", () => chart.resize());
  return { add, render, colourOf, chart, count: () => runs.length };
}
