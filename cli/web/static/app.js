// The page's entry point: three views behind tabs, chosen by the URL's hash
// (#ask, #browse, #browse/NAME, #report), so a node clicked in a drawing is a plain link.

import {setUpAsk} from "./ask.js";
import {setUpBrowse, showEntity} from "./browse.js";
import {setUpReport} from "./report.js";
import {api, notice} from "./util.js";

const VIEWS = ["ask", "browse", "report"];

function route() {
  const [view, ...rest] = location.hash.slice(1).split("/");
  const current = VIEWS.includes(view) ? view : "ask";
  for (const name of VIEWS) {
    document.getElementById("view-" + name).hidden = name !== current;
    document.querySelector(`nav a[data-view=${name}]`).classList.toggle("current", name === current);
  }
  notice("");
  if (current === "browse" && rest.length) showEntity(decodeURIComponent(rest.join("/")));
  if (current === "ask") document.getElementById("question").focus();
}

async function showModels() {
  try {
    const info = await api("/api/info");
    document.getElementById("models").textContent = `planner ${info.planner} · answerer ${info.answerer}`;
  } catch (error) {
    notice(error.message);
  }
}

setUpAsk();
setUpBrowse();
setUpReport();
document.getElementById("notice").addEventListener("click", () => notice(""));
window.addEventListener("hashchange", route);
route();
showModels();
