// The KG browser: search by name or alias (the KG's own linking), one entity's facts in both
// directions with every name a link, its neighbourhood drawn, and `kg stats` beside it.

import {graphView} from "./trace.js";
import {api, el, entityLink, fill, notice} from "./util.js";

// Facts {relation: [names]} as rows "relation | name、name"; `arrow` says which way the edge points.
function factTable(title, facts, arrow) {
  const rows = Object.entries(facts || {}).map(([relation, names]) =>
    el("tr", {}, el("th", {}, `${arrow} ${relation}`),
      el("td", {}, names.flatMap((name, i) => (i ? ["、", entityLink(name)] : [entityLink(name)])))));
  if (!rows.length) return null;
  return el("section", {}, el("h4", {}, title), el("table", {class: "facts"}, el("tbody", {}, rows)));
}

// Opens `name` in the entity panel (called by the router for #browse/NAME).
export async function showEntity(name) {
  const panel = document.getElementById("entity");
  panel.replaceChildren(el("p", {class: "dim"}, `查询 ${name}…`));
  try {
    const found = await api("/api/kg/entity?name=" + encodeURIComponent(name));
    if (!found.found) {
      panel.replaceChildren(el("p", {class: "error"}, found.message));
      return;
    }
    const info = found.info;
    fill(panel,
      el("h3", {class: "entity-name"}, info.name),
      info.aliases.length ? el("p", {class: "dim"}, "别名 aliases：", info.aliases.join("、")) : null,
      info.name !== name ? el("p", {class: "dim"}, `“${name}” 链接到 “${info.name}”`) : null,
      factTable("事实 facts（它是主语）", info.facts, "→"),
      factTable("它是这些事实的宾语 (incoming)", info.reverse_facts, "←"),
      graphView(found.subgraph));
  } catch (error) {
    panel.replaceChildren();
    notice(error.message);
  }
}

async function search(query) {
  const list = document.getElementById("matches");
  try {
    const found = await api("/api/kg/search?q=" + encodeURIComponent(query));
    list.replaceChildren(el("h4", {}, `“${query}” 的候选 matches`),
      found.matches.length
        ? el("ol", {}, found.matches.map((name) => el("li", {}, entityLink(name))))
        : el("p", {class: "dim"}, "没有找到实体 no entity links to this"));
    if (found.matches.length) location.hash = "#browse/" + encodeURIComponent(found.matches[0]);
  } catch (error) {
    notice(error.message);
  }
}

// `agent kg stats` as a panel: the counts, then the most frequent relations.
async function showStats() {
  const panel = document.getElementById("stats");
  try {
    const stats = await api("/api/kg/stats");
    const rows = Object.entries(stats).filter(([, v]) => typeof v !== "object")
      .map(([key, value]) => el("tr", {}, el("th", {}, key.replace(/_/g, " ")), el("td", {}, Number(value).toLocaleString())));
    const top = (stats.top_relations || []).map(([relation, count]) => el("li", {}, `${relation} `, el("span", {class: "dim"}, String(count))));
    fill(panel, el("h4", {}, "图谱 stats"), el("table", {class: "stats"}, el("tbody", {}, rows)),
      top.length ? el("h4", {}, "常见关系 top relations") : null, top.length ? el("ol", {}, top) : null);
  } catch (error) {
    panel.replaceChildren(el("p", {class: "error"}, error.message));
  }
}

export function setUpBrowse() {
  document.getElementById("search-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const query = document.getElementById("search").value.trim();
    if (query) search(query);
  });
  showStats();
}
