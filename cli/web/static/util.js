// Small helpers shared by the views: building DOM nodes, calling the API, showing a message.
// Text always goes in through textContent, never innerHTML: names and answers come from a KG
// file and a model, and must not become markup.

// el("p", {class: "dim"}, "text", child): an element with attributes and children
// (strings become text nodes; null/false children are skipped).
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// Replaces `node`'s children, skipping null/false ones (replaceChildren would print "null").
export function fill(node, ...children) {
  node.replaceChildren(...children.flat().filter((child) => child !== null && child !== undefined && child !== false));
  return node;
}

// A link that opens a KG entity in the browser view.
export function entityLink(name) {
  return el("a", {href: "#browse/" + encodeURIComponent(name), class: "entity"}, name);
}

// JSON as one short line (arguments and results in the calls table).
export function short(value, limit = 200) {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length <= limit ? text : text.slice(0, limit - 1) + "…";
}

// The server answers every failure as {"error": "one line"}; anything else (a proxy's page,
// a dropped connection) becomes a line that says what happened.
export async function errorOf(response) {
  try {
    const body = await response.json();
    if (body && body.error) return body.error;
  } catch (_) { /* not JSON */ }
  return `the server answered ${response.status} ${response.statusText}`;
}

// GET or POST to the API; resolves to the JSON body, or throws an Error with the server's line.
export async function api(url, options = {}) {
  let response;
  try {
    response = await fetch(url, options);
  } catch (error) {
    throw new Error("cannot reach the server (is agent web still running?)");
  }
  if (!response.ok) throw new Error(await errorOf(response));
  return response.json();
}

// One message line above the views; a new message replaces the old, a click dismisses it.
export function notice(message) {
  const box = document.getElementById("notice");
  box.textContent = message;
  box.hidden = !message;
}
