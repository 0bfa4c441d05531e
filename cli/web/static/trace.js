// The trace of one answer, piece by piece, shared by the ask view (which adds the pieces as the
// events arrive) and the report view (which shows a whole recorded answer at once).

import {drawGraph} from "./graph.js";
import {el, short} from "./util.js";

export function openEntity(name) {
  location.hash = "#browse/" + encodeURIComponent(name);
}

// One attempt's plan: the thought, the code (highlighted by the server: its HTML escapes every
// character of the code), or the parse error.
export function planView(event) {
  const plan = event.plan;
  const box = el("div", {class: "step plan"}, el("h4", {}, `计划 plan · 第 ${event.attempt} 次`));
  if (!plan) {
    box.append(el("p", {class: "error"}, "计划无法解析：", event.error || ""));
    return box;
  }
  box.append(el("p", {class: "thought"}, el("b", {}, "思路 "), plan.thought || "—"));
  if (!plan.need_knowledge) box.append(el("p", {class: "dim"}, "不需要查询知识图谱"));
  if (plan.code) {
    const code = el("pre", {class: "code"});
    code.innerHTML = event.code_html;
    box.append(code);
  }
  return box;
}

// The KG calls of one attempt as a table: function, arguments, result, message.
export function callsView(calls, error) {
  const box = el("div", {class: "step calls"}, el("h4", {}, `知识图谱调用 KG calls · ${calls.length}`));
  if (calls.length) {
    const rows = calls.map((call, i) => el("tr", {class: "call"},
      el("td", {}, String(i + 1)),
      el("td", {class: "function"}, call.function),
      el("td", {class: "arguments"}, short(call.arguments)),
      el("td", {class: "result"}, call.result === null ? "—" : short(call.result)),
      el("td", {class: "message"}, call.message)));
    box.append(el("table", {},
      el("thead", {}, el("tr", {}, ["#", "function", "arguments", "result", "message"].map((h) => el("th", {}, h)))),
      el("tbody", {}, rows)));
  }
  if (error) box.append(el("p", {class: "error"}, "代码出错：", error));
  return box;
}

// The subgraph panel: a drawing whose nodes open the KG browser.
export function graphView(subgraph) {
  const box = el("div", {class: "subgraph"});
  drawGraph(box, subgraph, openEntity);
  return box;
}

// Who answered, in how long: the small print under an answer.
export function metaView(answer) {
  const t = answer.timings_ms || {};
  const ms = (name) => (t[name] === undefined ? "–" : `${t[name].toFixed(1)} ms`);
  return el("p", {class: "meta dim"},
    `planner ${answer.planner} · answerer ${answer.answerer} · attempts ${answer.attempts} · ` +
    `plan ${ms("plan_ms")} · run ${ms("execute_ms")} · answer ${ms("answer_ms")} · total ${ms("total_ms")}`);
}

// A whole recorded answer (report misses): plan, calls, graph, answer, small print.
export function answerView(answer) {
  const plan = {need_knowledge: answer.need_knowledge, thought: answer.thought, code: answer.code};
  const failedPlan = answer.error_stage === "plan";
  const steps = el("div", {class: "steps"},
    planView({attempt: answer.attempts, plan: failedPlan ? null : plan, error: answer.error, code_html: answer.code_html}),
    answer.calls.length || answer.error_stage === "execution"
      ? callsView(answer.calls, answer.error_stage === "execution" ? answer.error : null) : null);
  return el("div", {class: "trace"},
    el("div", {class: "trace-body"}, steps, graphView(answer.subgraph)),
    el("p", {class: "answer"}, answer.answer),
    metaView(answer));
}

