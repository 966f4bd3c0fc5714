// The workers table.
"use strict";

Jask.feed("workers", {}, (m) => {
  Jask.fill(document.querySelector("#workers tbody"), m.workers, (w) => Jask.el("tr", { "data-worker": w.address },
    Jask.el("td", {}, Jask.el("a", { href: "/worker?address=" + encodeURIComponent(w.address), text: w.name })),
    Jask.el("td", { text: w.address }),
    Jask.el("td", { class: "num", text: String(w.nthreads) }),
    Jask.el("td", { class: "num", text: Jask.bytes(w.heap) + " (" + Jask.bytes(w.managed) + " managed)" }),
    Jask.el("td", { class: "num", text: w.memoryLimit > 0 ? Jask.bytes(w.memoryLimit) : "none" }),
    Jask.el("td", { class: "num", text: Jask.bytes(w.spilled) }),
    Jask.el("td", { class: "num", text: (w.cpu * 100).toFixed(0) + "%" }),
    Jask.el("td", { class: "num", text: String(w.executing) }),
    Jask.el("td", { class: "num", text: String(w.ready) }),
    Jask.el("td", { class: "num", text: String(w.inMemory) })));
});
