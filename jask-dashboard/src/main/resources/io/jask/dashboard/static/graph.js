// The task graph, coloured by state; above a limit, one node per kind of task (the notice says so).
"use strict";

(function () {
  const colours = { waiting: "#c7ccd3", released: "#7fa7e6", queued: "#dfe3e8", "no-worker": "#ff7f0e",
    processing: "#2ca02c", memory: "#d62728", erred: "#111111", forgotten: "#eeeeee" };
  const cy = cytoscape({
    container: document.getElementById("graph"),
    wheelSensitivity: 0.3,
    style: [
      { selector: "node", style: { "background-color": "data(colour)", label: "data(label)", "font-size": 9,
        color: "#333", "text-valign": "bottom", "text-margin-y": 3, width: "data(size)", height: "data(size)" } },
      { selector: "edge", style: { width: 1, "line-color": "#b8bec7", "target-arrow-color": "#b8bec7",
        "target-arrow-shape": "triangle", "arrow-scale": 0.6, "curve-style": "bezier" } },
    ],
  });
  window.jaskGraph = cy;
  let shape = "";

  Jask.feed("graph", {}, (m) => {
    document.getElementById("notice").textContent = m.notice;
    const grouped = m.mode === "groups";
    const nodes = m.nodes.map(n => ({ data: {
      id: n.id, label: grouped ? n.id + " (" + n.total + ")" : (m.nodes.length <= 60 ? n.id : ""),
      colour: colours[n.status] || "#999", size: grouped ? 14 + Math.min(30, Math.sqrt(n.total)) : 12 } }));
    const edges = m.edges.map(([s, t]) => ({ data: { id: s + "→" + t, source: s, target: t } }));
    const newShape = m.mode + ":" + nodes.map(n => n.data.id).join("|") + "#" + edges.length;
    if (newShape !== shape) {
      shape = newShape;
      cy.elements().remove();
      cy.add(nodes.concat(edges));
      cy.layout({ name: "breadthfirst", directed: true, spacingFactor: 0.9, animate: false }).run();
    } else {
      cy.batch(() => nodes.forEach(n => cy.getElementById(n.data.id).data("colour", n.data.colour)));
    }
    document.getElementById("graph-count").textContent = "(" + m.nodes.length + (grouped ? " kinds of task" : " tasks") + ")";
  });
})();
