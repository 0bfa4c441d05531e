"""The page in headless Chromium (Debian's `chromium`, driven by Playwright through its
executable_path; never `playwright install`): ask and follow up, open an entity, read a report,
and never reach beyond its own origin. Each view's screenshot is saved under the test's tmp dir.

Outside CI the tests skip when Chromium or Playwright is missing; with CI=true they fail, so a CI
that lost its browser cannot pass by skipping."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CUTEKG_CHROMIUM", "/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]
FIRST_LOAD_BUDGET = 100_000  # bytes of everything the page loads before the first question
TIMEOUT_MS = 20_000


def _missing(what: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"{what} is missing in CI (.ci/run installs it)")
    pytest.skip(f"{what} is not installed (apt-get install chromium; pip install playwright)")


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _missing("playwright (Python)")
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        _missing(f"Chromium ({CHROMIUM})")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory):
    folder = tmp_path_factory.mktemp("screenshots")
    yield folder
    print(f"\nscreenshots: {folder}")


class Page:
    """A fresh page on the served app that records every request it makes."""

    def __init__(self, browser, base: str):
        self.base, self.requests, self.errors = base, [], []
        self.context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
        self.page = self.context.new_page()
        self.page.set_default_timeout(TIMEOUT_MS)
        self.page.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))  # an uncaught exception in our JS

    def timings(self) -> list[dict]:
        """The browser's own Resource Timing entries: the page, then each resource it fetched."""
        return self.page.evaluate("""[...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')]
            .map(e => ({name: e.name, body: e.encodedBodySize, sent: e.transferSize, ttfb: e.responseStart - e.requestStart}))""")

    def open(self, hash_: str = "") -> None:
        self.page.goto(self.base + "/" + hash_)
        self.page.wait_for_load_state("networkidle")

    def ask(self, question: str) -> str:
        """Ask, wait for this turn's answer, return its text."""
        turns = self.page.locator("article.turn")
        count = turns.count()
        self.page.fill("#question", question)
        self.page.press("#question", "Enter")
        answer = turns.nth(count).locator("p.answer:not(.pending)")
        answer.wait_for()
        return answer.inner_text()

    def foreign_requests(self) -> list[str]:
        return [url for url in self.requests if not (url.startswith(self.base + "/") or url.startswith("data:"))]


@pytest.fixture
def page(browser, web_url):
    opened = Page(browser, web_url)
    yield opened
    assert opened.foreign_requests() == []  # every test: the page reached nothing but its own origin
    assert opened.errors == []
    opened.context.close()


def test_ask_shows_the_plan_the_calls_and_draws_the_answer_node(page, shots):
    page.open()
    answer = page.ask("择天记的男主角是谁")
    turn = page.page.locator("article.turn").first
    assert "鹿晗" in answer
    assert turn.locator(".calls td.function").all_inner_texts() == ["find_entity_or_value"]
    assert "男主角" in turn.locator(".calls td.arguments").first.inner_text()
    assert turn.locator("pre.code .kg").first.inner_text() == "find_entity_or_value"
    stream = [t for t in page.timings() if t["name"].endswith("/api/ask")]
    print(f"\ntime to first byte of the answer stream, in Chromium: {stream[0]['ttfb']:.1f} ms")
    drawn = turn.locator("svg.graph .node.answer")
    assert drawn.count() == 1 and drawn.get_attribute("data-name") == "鹿晗"
    assert turn.locator("svg.graph .edge text").first.text_content() == "男主角"
    page.page.screenshot(path=shots / "ask.png", full_page=True)


def test_a_follow_up_with_he_asks_about_the_earlier_answer(page, shots):
    page.open()
    page.ask("择天记的男主角是谁")
    answer = page.ask("他的出生地是哪里")
    second = page.page.locator("article.turn").nth(1)
    assert "北京" in answer and "鹿晗" in second.locator(".calls td.arguments").first.inner_text()
    page.page.screenshot(path=shots / "follow-up.png", full_page=True)
    page.page.click("#reset")  # a new chat: 他 no longer has anyone to refer to
    assert page.page.locator("article.turn").count() == 0
    assert "北京" not in page.ask("他的出生地是哪里")


def test_a_clicked_node_opens_in_the_browser_view_and_links_go_on(page, shots):
    page.open()
    page.ask("择天记的男主角是谁")
    page.page.locator("svg.graph .node.answer").first.click()
    entity = page.page.locator("#entity")
    entity.locator("h3.entity-name", has_text="鹿晗").wait_for()
    assert page.page.url.endswith("#browse/" + "%E9%B9%BF%E6%99%97")
    assert entity.locator("table.facts th", has_text="出生地").count() == 1
    entity.locator("table.facts a", has_text="北京").first.click()
    entity.locator("h3.entity-name", has_text="北京").wait_for()
    page.page.fill("#search", "大刘")
    page.page.press("#search", "Enter")
    entity.locator("h3.entity-name", has_text="刘慈欣").wait_for()
    assert page.page.locator("#matches li").first.inner_text() == "刘慈欣"
    assert page.page.locator("#stats table.stats th", has_text="triples").count() == 1
    page.page.screenshot(path=shots / "browse.png", full_page=True)


def test_a_records_file_opens_as_a_report_whose_misses_expand_to_their_trace(page, shots, records_file):
    page.open("#report")
    page.page.set_input_files("#records-file", str(records_file))
    report = page.page.locator("#report")
    report.locator(".figures").wait_for()
    assert "66.7%" in report.locator(".figure").first.inner_text()
    assert report.locator("table.by-type tbody tr").count() == 2
    miss = report.locator("details.miss")
    assert miss.count() == 1
    miss.locator("summary").click()
    miss.locator("svg.graph .node").first.wait_for()
    assert miss.locator(".calls td.function").count() == 2
    page.page.screenshot(path=shots / "report.png", full_page=True)


def test_bad_input_is_a_message_on_the_page_not_a_stack_trace(page, tmp_path):
    page.open("#report")
    page.page.fill("#records-path", str(tmp_path / "missing.jsonl"))
    page.page.press("#records-path", "Enter")
    notice = page.page.locator("#notice")
    notice.wait_for()
    assert "no such file" in notice.inner_text() and "Traceback" not in page.page.content()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{}\n", encoding="utf-8")
    page.page.set_input_files("#records-file", str(bad))
    page.page.locator("#notice", has_text="bad.jsonl:1").wait_for()


def test_the_first_load_stays_small_and_local(page):
    page.open()
    page.page.locator("#stats table.stats").wait_for(state="attached")  # the last thing the first load fetches
    loaded = page.timings()
    body, sent = sum(t["body"] for t in loaded), sum(t["sent"] for t in loaded)
    assert {t["name"].rsplit("/", 1)[-1] for t in loaded} >= {"", "app.js", "graph.js", "style.css", "info", "stats"}
    assert 10_000 < body < FIRST_LOAD_BUDGET, f"first load {body:,} bytes"
    print(f"\nfirst load: {body:,} bytes of bodies ({sent:,} with headers) in {len(loaded)} requests")
