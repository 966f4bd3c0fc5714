// The info page: the scheduler's log, each worker's log, and a task's story.
"use strict";

(function () {
  const time = (ms) => new Date(ms).toISOString().substring(11, 23);
  Jask.feed("info", {}, (m) => {
    Jask.fill(document.getElementById("scheduler-summary"), [
      ["scheduler", m.scheduler], ["up since", new Date(m.startedMillis).toLocaleTimeString()],
      ["tasks done", m.completed], ["erred", m.erred], ["transfers", m.transfers]],
      ([label, value]) => Jask.el("div", {}, Jask.el("b", { text: String(value) }), label));
    document.getElementById("scheduler-log").textContent =
      m.logs.map(l => time(l.time) + " " + l.level.padEnd(5) + " " + l.message).join("\n");
    const names = Object.keys(m.workerLogs);
    Jask.fill(document.getElementById("worker-logs"), names.length ? names : [""], (name) => name
      ? Jask.el("div", {}, Jask.el("h3", { text: name }), Jask.el("pre", { class: "log", text: m.workerLogs[name] }))
      : Jask.el("p", { text: "Workers in the scheduler's JVM log through its own logging; worker processes show their output here." }));
  });

  document.getElementById("story-form").addEventListener("submit", async (e) => {
    e.preventDefault();
    const key = document.getElementById("story-key").value.trim();
    if (!key) return;
    const response = await fetch("/json/story.json?key=" + encodeURIComponent(key));
    const out = document.getElementById("story");
    if (!response.ok) { out.textContent = await response.text(); return; }
    const story = await response.json();
    out.textContent = story.story.length ? story.story.join("\n") : "The scheduler remembers nothing of " + key + ".";
  });
  const fromLink = new URLSearchParams(location.search).get("key");
  if (fromLink) {
    document.getElementById("story-key").value = fromLink;
    document.getElementById("story-form").dispatchEvent(new Event("submit"));
  }
})();
