// Shared by every page: the live feed socket, formatting, and the navigation bar.
"use strict";

const Jask = {
  /** Opens the page's live feed; calls onMessage with each parsed message; reconnects when dropped. */
  feed(feed, params, onMessage) {
    const status = document.getElementById("conn");
    let query = "feed=" + encodeURIComponent(feed);
    for (const [k, v] of Object.entries(params || {})) query += "&" + k + "=" + encodeURIComponent(v);
    const url = (location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/ws?" + query;
    let delay = 500;
    const open = () => {
      const ws = new WebSocket(url);
      ws.onopen = () => { delay = 500; if (status) { status.textContent = "live"; status.className = "conn live"; } };
      ws.onmessage = (e) => onMessage(JSON.parse(e.data));
      ws.onclose = () => {
        if (status) { status.textContent = "reconnecting…"; status.className = "conn"; }
        setTimeout(open, delay);
        delay = Math.min(delay * 2, 10000);
      };
    };
    open();
  },

  bytes(n) {
    if (!n) return "0 B";
    const units = ["B", "KiB", "MiB", "GiB", "TiB"];
    let i = 0;
    while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
    return (i === 0 ? n : n.toFixed(n >= 100 ? 0 : 1)) + " " + units[i];
  },

  pct(x) { return (Math.max(0, Math.min(1, x)) * 100).toFixed(2) + "%"; },

  /** Sets the children of a container to the elements made by make(item), reusing nothing. */
  fill(container, items, make) {
    const frag = document.createDocumentFragment();
    for (const item of items) frag.appendChild(make(item));
    container.replaceChildren(frag);
  },

  el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "style") e.style.cssText = v; else if (k === "text") e.textContent = v; else e.setAttribute(k, v);
    }
    for (const c of children) e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    return e;
  },

  /** A bar of segments: [[className, fraction, title], …]. */
  bar(segments) {
    const b = Jask.el("div", { class: "bar" });
    for (const [cls, fraction, title] of segments) {
      if (fraction > 0) b.appendChild(Jask.el("div", { class: "seg " + cls, style: "width:" + Jask.pct(fraction), title: title || cls }));
    }
    return b;
  },

  markNav() {
    for (const a of document.querySelectorAll("header nav a")) {
      if (a.getAttribute("href") === location.pathname) a.classList.add("active");
    }
  },
};

document.addEventListener("DOMContentLoaded", Jask.markNav);
