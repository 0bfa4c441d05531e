// Draws a small subgraph as SVG: {nodes: [{id, answer}], edges: [{source, target, relation,
// inverse, asked}]}. The layout is a plain force simulation (springs on edges, repulsion between
// nodes, a pull to the centre), started from a circle so the same graph is always drawn the same
// way. A few dozen nodes at most (the server caps them), so O(n²) steps are instant.

const SVG = "http://www.w3.org/2000/svg";
const RADIUS = 7;

function svg(tag, attrs = {}, text) {
  const node = document.createElementNS(SVG, tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

// Positions {id: {x, y}} after `steps` rounds of the simulation.
function layout(nodes, edges, steps = 300) {
  // The length an edge settles at, in SVG units: longer for bigger graphs, so a star's labels fit.
  const ideal = Math.min(110 + 4 * nodes.length, 220);
  const pos = new Map(nodes.map((n, i) => {
    const angle = Math.PI + (2 * Math.PI * i) / nodes.length;  // the first node (where the walk starts) on the left
    return [n.id, {x: Math.cos(angle) * ideal, y: Math.sin(angle) * ideal}];
  }));
  for (let step = 0; step < steps; step++) {
    const heat = 10 * (1 - step / steps) + 0.5;  // the most a node moves per step, cooling down
    const force = new Map(nodes.map((n) => [n.id, {x: 0, y: 0}]));
    for (const a of nodes) {
      for (const b of nodes) {
        if (a === b) continue;
        const p = pos.get(a.id), q = pos.get(b.id);
        const dx = p.x - q.x, dy = p.y - q.y, d2 = Math.max(dx * dx + dy * dy, 1);
        const push = (ideal * ideal) / d2;  // repulsion falls with the distance
        force.get(a.id).x += dx * push / Math.sqrt(d2);
        force.get(a.id).y += dy * push / Math.sqrt(d2);
      }
    }
    for (const e of edges) {
      const p = pos.get(e.source), q = pos.get(e.target);
      const dx = q.x - p.x, dy = q.y - p.y, d = Math.max(Math.hypot(dx, dy), 1);
      const pull = (d - ideal) / d;  // a spring towards the ideal length
      force.get(e.source).x += dx * pull; force.get(e.source).y += dy * pull;
      force.get(e.target).x -= dx * pull; force.get(e.target).y -= dy * pull;
    }
    for (const n of nodes) {
      const f = force.get(n.id), p = pos.get(n.id);
      f.x -= p.x * 0.02; f.y -= p.y * 0.02;  // gravity keeps unconnected parts near the centre
      const size = Math.hypot(f.x, f.y);
      if (size > 0) { p.x += (f.x / size) * Math.min(size, heat); p.y += (f.y / size) * Math.min(size, heat); }
    }
  }
  return pos;
}

// Parallel edges between the same two nodes bend apart: the i-th of n gets an offset, measured
// along the normal of the pair taken in one fixed order, so that A→B and B→A bend apart too.
function offsets(edges) {
  const groups = new Map();
  for (const e of edges) {
    const key = pairKey(e);
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(e);
  }
  const result = new Map();
  for (const group of groups.values()) {
    group.forEach((e, i) => result.set(e, (i - (group.length - 1) / 2) * 34));
  }
  return result;
}

function pairKey(e) {
  return [e.source, e.target].sort().join("\u0000");
}

// Draws `graph` into `container` (replacing what was there); onNode(name) on a click.
export function drawGraph(container, graph, onNode) {
  container.replaceChildren();
  if (!graph || !graph.nodes.length) return;
  const pos = layout(graph.nodes, graph.edges);
  const bend = offsets(graph.edges);
  const xs = [...pos.values()].map((p) => p.x), ys = [...pos.values()].map((p) => p.y);
  // The bounds plus room for labels, and at least 360×200 so a two-node graph is not blown up.
  const pad = 60, cx0 = (Math.min(...xs) + Math.max(...xs)) / 2, cy0 = (Math.min(...ys) + Math.max(...ys)) / 2;
  const width = Math.max(Math.max(...xs) - Math.min(...xs) + 2 * pad, 360);
  const height = Math.max(Math.max(...ys) - Math.min(...ys) + 2 * pad, 200);
  const crowded = graph.edges.length > 14;  // edge labels would overlap: their titles still say the relation
  const root = svg("svg", {viewBox: `${cx0 - width / 2} ${cy0 - height / 2} ${width} ${height}`,
                           class: "graph" + (crowded ? " crowded" : ""), role: "img",
                           "aria-label": "the part of the knowledge graph the calls touched"});
  const defs = svg("defs");
  const arrow = svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 7,
                               markerHeight: 7, orient: "auto-start-reverse"});
  arrow.append(svg("path", {d: "M0,0 L10,5 L0,10 z", class: "arrowhead"}));
  defs.append(arrow);
  root.append(defs);
  for (const e of graph.edges) {
    const p = pos.get(e.source), q = pos.get(e.target);
    const [first, second] = pairKey(e).split("\u0000").map((id) => pos.get(id));
    const dx = second.x - first.x, dy = second.y - first.y, d = Math.max(Math.hypot(dx, dy), 1);
    const nx = -dy / d, ny = dx / d, off = bend.get(e);  // the pair's normal, and how far to bend along it
    const cx = (p.x + q.x) / 2 + nx * off * 2, cy = (p.y + q.y) / 2 + ny * off * 2;
    // End the curve at the target's rim, so the arrowhead shows.
    const ex = q.x - cx, ey = q.y - cy, len = Math.max(Math.hypot(ex, ey), 1);
    const tx = q.x - (ex / len) * (RADIUS + 2), ty = q.y - (ey / len) * (RADIUS + 2);
    const group = svg("g", {class: "edge" + (e.inverse ? " inverse" : "")});
    group.append(svg("path", {d: `M${p.x},${p.y} Q${cx},${cy} ${tx},${ty}`, "marker-end": "url(#arrow)"}));
    // An inverse hop keeps the KG's arrow; its label says the call walked it backwards (反向).
    const label = e.relation + (e.asked ? `（问：${e.asked}）` : "") + (e.inverse ? " · 反向" : "");
    group.append(svg("text", {x: (p.x + q.x) / 2 + nx * off, y: (p.y + q.y) / 2 + ny * off - 4}, label));
    group.append(svg("title", {}, `${e.source} —${e.relation}→ ${e.target}` +
                     (e.inverse ? "（反向查询：从宾语走向主语）" : "")));
    root.append(group);
  }
  for (const n of graph.nodes) {
    const p = pos.get(n.id);
    const group = svg("g", {class: "node" + (n.answer ? " answer" : ""), transform: `translate(${p.x},${p.y})`,
                            tabindex: 0, "data-name": n.id});
    group.append(svg("circle", {r: n.answer ? RADIUS + 2 : RADIUS}));
    group.append(svg("text", {y: RADIUS + 15}, n.id));
    group.append(svg("title", {}, `${n.id}${n.answer ? "（答案）" : ""} — 点击在图谱中打开`));
    group.addEventListener("click", () => onNode(n.id));
    group.addEventListener("keydown", (event) => { if (event.key === "Enter") onNode(n.id); });
    root.append(group);
  }
  container.append(root);
  if (graph.dropped) {
    const note = document.createElement("p");
    note.className = "dim";
    note.textContent = `另有 ${graph.dropped} 条边未画出（见调用表）`;
    container.append(note);
  }
}
