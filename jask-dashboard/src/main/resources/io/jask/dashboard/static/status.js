// The status page: task stream, progress per kind of task, memory, processing and CPU per worker.
// Updates come at a fixed cadence (the server's, twice a second at most); each panel is rebuilt
// only when its figures changed, in one animation frame, and not at all while the page is hidden.
"use strict";

(function () {
  const stream = JaskLiveStream(document.getElementById("taskstream"), { limit: 2000 });

  function progressRow(g) {
    const total = Math.max(1, g.total);
    const done = g.memory + g.released;
    const row = Jask.el("div", { class: "row progress-row", "data-group": g.name },
      Jask.el("span", { class: "label", title: g.name, text: g.name }),
      Jask.bar([["released", g.released / total, g.released + " released"], ["memory", g.memory / total, g.memory + " in memory"],
        ["erred", g.erred / total, g.erred + " erred"], ["processing", g.processing / total, g.processing + " processing"],
        ["waiting", g.waiting / total, g.waiting + " waiting"]]),
      Jask.el("span", { class: "figure", text: done + " / " + g.total + (g.erred ? " (" + g.erred + " erred)" : "") }));
    row.querySelector(".bar").setAttribute("data-done", String(done / total));
    return row;
  }

  function memoryRow(w) {
    const limit = w.memoryLimit > 0 ? w.memoryLimit : Math.max(1, w.heap + w.spilled);
    return Jask.el("div", { class: "row memory-row", "data-worker": w.address },
      Jask.el("a", { class: "label", href: "/worker?address=" + encodeURIComponent(w.address), text: w.name }),
      Jask.bar([["managed", w.managed / limit, "managed " + Jask.bytes(w.managed)],
        ["unmanaged", w.unmanaged / limit, "unmanaged " + Jask.bytes(w.unmanaged)],
        ["spilled", w.spilled / limit, "spilled " + Jask.bytes(w.spilled)]]),
      Jask.el("span", { class: "figure", text: Jask.bytes(w.heap) + " / " + (w.memoryLimit > 0 ? Jask.bytes(w.memoryLimit) : "∞") }));
  }

  function processingRow(w) {
    return Jask.el("div", { class: "row" },
      Jask.el("span", { class: "label", text: w.name }),
      Jask.bar([["busy", w.processing / Math.max(1, w.nthreads, w.processing), w.processing + " processing"]]),
      Jask.el("span", { class: "figure", text: w.processing + " on " + w.nthreads + " (" + w.occupancy.toFixed(1) + "×)" }));
  }

  function cpuRow(w) {
    return Jask.el("div", { class: "row" },
      Jask.el("span", { class: "label", text: w.name }),
      Jask.bar([["cpu", w.cpu / Math.max(1, w.nthreads), (w.cpu * 100).toFixed(0) + "%"]]),
      Jask.el("span", { class: "figure", text: (w.cpu * 100).toFixed(0) + "%" }));
  }

  const shown = {};   // panel → the JSON of what it shows now
  function show(panel, figures, draw) {
    const json = JSON.stringify(figures);
    if (shown[panel] === json) return;
    shown[panel] = json;
    draw();
  }

  let latest = null;  // the newest update not shown yet
  let frame = 0;
  function schedule() {
    if (latest && !frame && document.visibilityState !== "hidden") frame = requestAnimationFrame(render);
  }

  function render() {
    frame = 0;
    const m = latest;
    latest = null;
    if (!m) return;
    const notices = [];
    if (m.dropped > 0) notices.push("The dashboard fell behind and skipped " + m.dropped + " scheduler events: some figures are approximate.");
    if (m.untracked > 0) notices.push(m.untracked + " tasks were not tracked one by one (too many at once).");
    show("notice", notices, () => { document.getElementById("notice").textContent = notices.join(" "); });
    show("progress", m.groups, () => Jask.fill(document.getElementById("progress"), m.groups, progressRow));
    show("workers", m.workers, () => {
      Jask.fill(document.getElementById("memory"), m.workers, memoryRow);
      Jask.fill(document.getElementById("processing"), m.workers, processingRow);
      Jask.fill(document.getElementById("cpu"), m.workers, cpuRow);
      document.getElementById("workers-count").textContent = m.workers.length;
    });
    show("totals", [m.completed, m.erred], () => {
      document.getElementById("completed").textContent = m.completed;
      document.getElementById("erred").textContent = m.erred;
    });
  }

  Jask.feed("status", {}, (m) => {
    stream.add(m);  // the stream keeps its bars even while hidden, and draws them when shown
    latest = m;     // the panels only need the newest figures
    schedule();
  });
  document.addEventListener("visibilitychange", schedule);
})();
