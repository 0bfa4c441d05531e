// The ask view: a chat whose turns show the work as it happens. The question goes to POST
// /api/ask with the earlier turns (so 他/她 follow-ups resolve as in `agent chat`); the reply is a
// server-sent event stream, read here from fetch's body (EventSource cannot POST).

import {callsView, graphView, metaView, planView} from "./trace.js";
import {el, errorOf} from "./util.js";

const history = [];  // [question, answer] of each answered turn, sent with the next question

// Splits the stream into SSE blocks ("event: x\ndata: {...}\n\n") and calls onEvent(kind, data).
async function readEvents(response, onEvent) {
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const {value, done} = await reader.read();
    if (done) return;
    buffer += value;
    let end;
    while ((end = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const kind = /^event: (.*)$/m.exec(block)?.[1] || "message";
      const data = /^data: (.*)$/m.exec(block)?.[1];
      onEvent(kind, data ? JSON.parse(data) : {});
    }
  }
}

// One turn's card; its parts fill in as the events arrive.
function turnCard(question) {
  const status = el("p", {class: "status dim"}, "规划中 planning…");
  const steps = el("div", {class: "steps"});
  const graph = el("div", {class: "graph-slot"});
  const answer = el("p", {class: "answer pending"});
  const card = el("article", {class: "turn"},
    el("p", {class: "question"}, question),
    el("div", {class: "trace-body"}, steps, graph), answer, status);
  return {card, status, steps, graph, answer};
}

// What each event does to the card.
function handle(turn, kind, data) {
  if (kind === "start") turn.status.textContent = `规划中 planning… (${data.planner})`;
  else if (kind === "plan") {
    turn.steps.append(planView(data));
    turn.status.textContent = data.plan?.code ? "查询中 running the plan…" : "回答中 answering…";
  } else if (kind === "execution") {
    turn.steps.append(callsView(data.calls, data.error));
    turn.graph.replaceChildren(graphView(data.subgraph));
    turn.status.textContent = "回答中 answering…";
  } else if (kind === "token") turn.answer.textContent += data.text;
  else if (kind === "answer") {
    turn.answer.textContent = data.answer;
    turn.answer.classList.remove("pending");
    turn.graph.replaceChildren(graphView(data.subgraph));  // the final one marks the answer nodes
    turn.status.replaceWith(metaView(data));
    return data;
  } else if (kind === "error") {
    turn.answer.textContent = data.message;
    turn.answer.className = "answer error";
    turn.status.remove();
  }
  return null;
}

async function ask(question) {
  const turn = turnCard(question);
  document.getElementById("turns").append(turn.card);
  turn.card.scrollIntoView({block: "end"});
  let answered = null, ended = false;
  try {
    const response = await fetch("/api/ask", {
      method: "POST", headers: {"Content-Type": "application/json"},
      body: JSON.stringify({question, history}),
    });
    if (!response.ok) throw new Error(await errorOf(response));
    await readEvents(response, (kind, data) => {
      ended = ended || kind === "answer" || kind === "error";
      answered = handle(turn, kind, data) || answered;
    });
    if (!ended) throw new Error("the server ended the reply before the answer");
  } catch (error) {
    // fetch and the stream reader throw TypeError when the connection fails or drops.
    const message = error instanceof TypeError ? "lost the connection to the server (is agent web still running?)" : error.message;
    handle(turn, "error", {message});
  }
  if (answered) history.push([question, answered.answer]);
}

export function setUpAsk() {
  const form = document.getElementById("ask-form");
  const input = document.getElementById("question");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    const question = input.value.trim();
    if (!question) return;
    input.value = "";
    form.classList.add("busy");
    await ask(question);
    form.classList.remove("busy");
    input.focus();
  });
  document.getElementById("reset").addEventListener("click", () => {
    history.length = 0;  // a new conversation: 他/她 no longer refer to earlier answers
    document.getElementById("turns").replaceChildren();
    input.focus();
  });
}
