// The status page's live task stream, drawn on a plain canvas: one row per worker thread (and one
// per worker for its transfers), one bar per task run, a colour per kind of task; transfers and
// failed runs stand out.
//
// What it costs the browser is bounded, whatever the task rate: it keeps at most `limit` bars (in
// a ring of typed arrays), draws only the bars that arrived since the last frame while the time
// window still holds them, and redraws the whole picture only when the window moves on, a row
// appears or the size changes. Nothing runs between updates, and nothing is drawn while the page
// is hidden (it catches up in one frame when shown again).
"use strict";

function JaskLiveStream(element, options) {
  options = options || {};
  const limit = options.limit || 2000;
  const palette = ["#1f77b4", "#ff7f0e", "#2ca02c", "#9467bd", "#8c564b", "#17becf", "#bcbd22", "#7f7f7f",
    "#aec7e8", "#ffbb78", "#98df8a", "#c5b0d5", "#c49c94", "#9edae5", "#dbdb8d"];
  const KINDS = ["compute", "transfer", "erred"];
  const LEFT = 130, RIGHT = 12, TOP = 6, BOTTOM = 22;
  const MIN_SPAN = 1000, MAX_SPAN = 60000; // milliseconds shown across

  const canvas = document.createElement("canvas");
  canvas.style.display = "block";
  canvas.style.width = "100%";
  canvas.style.height = "100%";
  element.replaceChildren(canvas);
  const ctx = canvas.getContext("2d", { alpha: false });

  // The ring of bars, oldest at (next - count), newest at (next - 1), modulo limit.
  const rowOf = new Int32Array(limit);
  const colourOf = new Int32Array(limit);
  const startOf = new Float64Array(limit);
  const stopOf = new Float64Array(limit);
  const groupOf = new Array(limit);
  let next = 0, count = 0;
  let undrawn = 0;       // the newest bars not drawn yet
  let whole = true;      // the picture must be redrawn from scratch
  let frame = 0;         // a requested animation frame, or 0

  const rowNames = [];            // by row id, in order of appearance
  const rowIds = new Map();       // name → row id
  let slotOf = [];                // row id → position from the top, by name
  const colours = [];             // colour id → CSS colour
  const colourIds = new Map();    // group name (or kind) → colour id
  let groupColours = 0;           // palette colours given out

  let x0 = 0, span = 0;           // the time window, in milliseconds since the epoch
  let width = 0, height = 0, ratio = 1;

  function rowId(name) {
    let id = rowIds.get(name);
    if (id === undefined) {
      id = rowNames.length;
      rowIds.set(name, id);
      rowNames.push(name);
      const order = rowNames.map((n, i) => i).sort((a, b) => (rowNames[a] < rowNames[b] ? -1 : rowNames[a] > rowNames[b] ? 1 : 0));
      slotOf = new Array(rowNames.length);
      order.forEach((id2, slot) => { slotOf[id2] = slot; });
      whole = true;
    }
    return id;
  }

  function colourId(kind, group) {
    const name = kind === 0 ? group : KINDS[kind];
    let id = colourIds.get(name);
    if (id === undefined) {
      id = colours.length;
      colourIds.set(name, id);
      colours.push(kind === 1 ? "#e377c2" : kind === 2 ? "#111" : palette[groupColours++ % palette.length]);
    }
    return id;
  }

  /** Takes a status update's bars: runs is [row, group, kind, start, stop, …], times in µs after origin (ms). */
  function add(update) {
    const runs = update.runs;
    if (!runs || runs.length === 0) return;
    const rows = update.rows.map(rowId);
    const n = runs.length / 5;
    let newest = 0;
    for (let b = 0, i = 0; b < n; b++, i += 5) {
      const kind = runs[i + 2];
      const group = update.runGroups[runs[i + 1]];
      rowOf[next] = rows[runs[i]];
      colourOf[next] = colourId(kind, group);
      groupOf[next] = group;
      startOf[next] = update.origin + runs[i + 3] / 1000;
      stopOf[next] = update.origin + runs[i + 4] / 1000;
      newest = Math.max(newest, stopOf[next]);
      next = (next + 1) % limit;
      count = Math.min(count + 1, limit);
    }
    undrawn = Math.min(undrawn + n, limit);
    if (newest > x0 + span) moveWindow(newest);
    schedule();
  }

  /** A window that holds the bars kept, with a third of it free on the right for the ones to come. */
  function moveWindow(newest) {
    let oldest = newest;
    for (let k = 0; k < count; k++) oldest = Math.min(oldest, startOf[(next - count + k + limit) % limit]);
    span = Math.min(MAX_SPAN, Math.max(MIN_SPAN, niceCeil((newest - oldest) * 1.5)));
    x0 = Math.max(oldest, newest - span * 2 / 3);
    whole = true;
  }

  function niceCeil(ms) {
    const p = Math.pow(10, Math.floor(Math.log10(Math.max(ms, 1))));
    for (const m of [1, 2, 5, 10]) if (m * p >= ms) return m * p;
    return 10 * p;
  }

  function schedule() {
    if (frame || document.visibilityState === "hidden") return;
    frame = requestAnimationFrame(draw);
  }

  function draw() {
    frame = 0;
    if (document.visibilityState === "hidden") return;
    const r = window.devicePixelRatio || 1;
    const w = Math.max(1, element.clientWidth), h = Math.max(1, element.clientHeight);
    if (w !== width || h !== height || r !== ratio) {
      width = w; height = h; ratio = r;
      canvas.width = Math.round(w * r);
      canvas.height = Math.round(h * r);
      whole = true;
    }
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const plotW = width - LEFT - RIGHT, plotH = height - TOP - BOTTOM;
    const rowH = plotH / Math.max(1, rowNames.length);
    const barH = Math.max(1, rowH * 0.75);
    let first; // the oldest bar to draw, counted back from the newest
    if (whole) {
      whole = false;
      ctx.fillStyle = "#fff";
      ctx.fillRect(0, 0, width, height);
      axes(plotW, plotH, rowH);
      first = count;
    } else {
      first = undrawn;
    }
    undrawn = 0;
    ctx.save();
    ctx.beginPath();
    ctx.rect(LEFT, TOP, plotW, plotH);
    ctx.clip();
    const scale = plotW / span;
    let lastColour = -1;
    for (let k = first; k > 0; k--) {
      const i = (next - k + limit) % limit;
      if (stopOf[i] < x0) continue;
      if (colourOf[i] !== lastColour) {
        lastColour = colourOf[i];
        ctx.fillStyle = colours[lastColour];
      }
      const x = LEFT + (startOf[i] - x0) * scale;
      const y = TOP + slotOf[rowOf[i]] * rowH + (rowH - barH) / 2;
      ctx.fillRect(x, y, Math.max(1.5, (stopOf[i] - startOf[i]) * scale), barH);
    }
    ctx.restore();
    element.setAttribute("data-bars", String(count));
  }

  function axes(plotW, plotH, rowH) {
    ctx.strokeStyle = "#e3e6ea";
    ctx.lineWidth = 1;
    ctx.fillStyle = "#6b7480";
    ctx.font = "11px system-ui, sans-serif";
    ctx.textBaseline = "middle";
    ctx.textAlign = "right";
    rowNames.forEach((name, id) => {
      const y = TOP + slotOf[id] * rowH + rowH / 2;
      if (rowH >= 9 || slotOf[id] % Math.ceil(9 / rowH) === 0) ctx.fillText(name, LEFT - 6, y, LEFT - 10);
    });
    ctx.strokeRect(LEFT + 0.5, TOP + 0.5, plotW - 1, plotH - 1);
    if (span <= 0) return;
    ctx.textAlign = "center";
    ctx.textBaseline = "top";
    const step = niceCeil(span / 6);
    for (let t = Math.ceil(x0 / step) * step; t <= x0 + span; t += step) {
      const x = LEFT + (t - x0) * plotW / span;
      ctx.beginPath();
      ctx.moveTo(Math.round(x) + 0.5, TOP + plotH);
      ctx.lineTo(Math.round(x) + 0.5, TOP + plotH + 4);
      ctx.stroke();
      const d = new Date(t);
      const label = d.toTimeString().slice(0, 8) + (step < 1000 ? "." + String(d.getMilliseconds()).padStart(3, "0").slice(0, step < 100 ? 2 : 1) : "");
      ctx.fillText(label, x, TOP + plotH + 6);
    }
  }

  /** The bar under the pointer, as a title: a tooltip that costs nothing until asked for. */
  canvas.addEventListener("mousemove", (e) => {
    const rect = canvas.getBoundingClientRect();
    const plotW = width - LEFT - RIGHT, plotH = height - TOP - BOTTOM;
    const rowH = plotH / Math.max(1, rowNames.length);
    const t = x0 + (e.clientX - rect.left - LEFT) * span / plotW;
    const slot = Math.floor((e.clientY - rect.top - TOP) / rowH);
    const slack = 2 * span / plotW;
    let title = "";
    for (let k = 1; k <= count; k++) {
      const i = (next - k + limit) % limit;
      if (slotOf[rowOf[i]] === slot && startOf[i] - slack <= t && t <= stopOf[i] + slack) {
        title = groupOf[i] + ", " + (stopOf[i] - startOf[i]).toFixed(1) + " ms, on " + rowNames[rowOf[i]];
        break;
      }
    }
    if (canvas.title !== title) canvas.title = title;
  });

  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") { whole = true; schedule(); }
  });
  if (window.ResizeObserver) new ResizeObserver(() => { whole = true; schedule(); }).observe(element);

  return { add, count: () => count };
}
