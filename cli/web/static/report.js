// The eval report: a records file from `agent eval --out`, uploaded from this computer or read
// from a path on the server's disk, shown as the figures `agent eval` prints, accuracy per type,
// and every miss, each opening to its trace and subgraph.

import {answerView} from "./trace.js";
import {api, el, fill, notice} from "./util.js";

const percent = (x) => `${(100 * x).toFixed(1)}%`;

function figures(report) {
  const cell = (label, value) => el("div", {class: "figure"}, el("span", {class: "value"}, value), el("span", {class: "dim"}, label));
  return el("div", {class: "figures"},
    cell("accuracy", percent(report.accuracy)),
    cell("right / questions", `${report.correct} / ${report.total}`),
    cell("latency p50", `${report.latency_p50_ms.toFixed(1)} ms`),
    cell("latency p95", `${report.latency_p95_ms.toFixed(1)} ms`),
    cell("plans that parse", percent(report.plan_parse_rate)),
    cell("code errors", percent(report.execution_error_rate)));
}

// Accuracy per question type, with a bar for each.
function byType(report) {
  const rows = Object.entries(report.by_type).map(([type, [right, total]]) => el("tr", {},
    el("th", {}, type), el("td", {}, `${right} / ${total}`),
    el("td", {class: "bar-cell"}, el("meter", {min: 0, max: 1, value: right / total, title: percent(right / total)})),
    el("td", {}, percent(right / total))));
  return el("table", {class: "by-type"},
    el("thead", {}, el("tr", {}, ["type", "right", "", "accuracy"].map((h) => el("th", {}, h)))), el("tbody", {}, rows));
}

// One miss: the question, what was expected and what came; opening it draws its trace.
function missView({question, result}) {
  const details = el("details", {class: "miss"},
    el("summary", {}, el("span", {class: "tag"}, question.type), ` ${question.question} `,
      el("span", {class: "dim"}, "expected "), question.answers.join(" + ") || "—",
      el("span", {class: "dim"}, " · got "), result.answer));
  details.addEventListener("toggle", () => {
    if (details.open && details.children.length === 1) details.append(answerView(result));
  });
  return details;
}

function showReport(report) {
  const shown = report.misses.length < report.miss_count ? ` (the first ${report.misses.length} shown)` : "";
  fill(document.getElementById("report"),
    el("h3", {}, report.source), figures(report), byType(report),
    el("h4", {}, `misses · ${report.miss_count}${shown}`),
    report.misses.length ? el("div", {class: "misses"}, report.misses.map(missView)) : el("p", {}, "no misses"));
}

async function load(request) {
  notice("");
  document.getElementById("report").replaceChildren(el("p", {class: "dim"}, "reading…"));
  try {
    showReport(await request());
  } catch (error) {
    document.getElementById("report").replaceChildren();
    notice(error.message);
  }
}

export function setUpReport() {
  const file = document.getElementById("records-file");
  file.addEventListener("change", () => {
    const chosen = file.files[0];
    if (chosen) load(() => api("/api/records?name=" + encodeURIComponent(chosen.name), {method: "POST", body: chosen}));
  });
  document.getElementById("records-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const path = document.getElementById("records-path").value.trim();
    if (path) load(() => api("/api/records?path=" + encodeURIComponent(path)));
  });
}
