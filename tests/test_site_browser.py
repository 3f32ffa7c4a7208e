"""The built site in a real browser: headless Chromium, served from 127.0.0.1, nothing fetched from outside.

One browser session serves the whole module. Chromium and chromedriver come from Debian
(scripts/install-browser.sh); without them the module is skipped, saying so.
"""

from __future__ import annotations

import functools
import json
import re
import threading
import urllib.error
import urllib.request
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest

from spilock.scenarios import load_library
from spilock.sitegen import Site, build_site, rule_path, scenario_path

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
HEADLESS_FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync",
                  "--disable-dev-shm-usage", "--window-size=1280,1000")

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(f"{CHROMIUM} or {CHROMEDRIVER} is missing; run scripts/install-browser.sh",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e .[test])")
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - the stdlib's signature
        pass


@pytest.fixture(scope="module")
def site() -> Site:
    return Site.load()


@pytest.fixture(scope="module")
def base_url(tmp_path_factory) -> str:
    built = build_site(tmp_path_factory.mktemp("browser") / "site")
    handler = functools.partial(_QuietHandler, directory=str(built.site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in HEADLESS_FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


def page_url(base_url: str, md_path: str) -> str:
    """The served URL of a docs page (use_directory_urls: rules/LO101.md -> rules/LO101/)."""
    stem = md_path[: -len(".md")]
    if stem == "index" or stem.endswith("/index"):
        stem = stem[: -len("index")]
    else:
        stem += "/"
    return base_url + stem


def visit(browser, url: str) -> dict:
    """Load `url`; return its console errors and every URL the page requested."""
    browser.get_log("browser")
    browser.get_log("performance")  # drain what earlier pages left behind
    browser.get(url)
    WebDriverWait(browser, 15).until(lambda d: d.execute_script("return document.readyState") == "complete")
    errors = [e["message"] for e in browser.get_log("browser") if e["level"] == "SEVERE"]
    requested = set(browser.execute_script(
        "return performance.getEntriesByType('resource').map(e => e.name)"))
    for entry in browser.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            requested.add(message["params"]["request"]["url"])
    return {"errors": errors, "requested": requested, "title": browser.title}


def outside(base_url: str, urls: set[str]) -> list[str]:
    """Requests that leave 127.0.0.1 (data: and blob: URLs stay in the page)."""
    return sorted(u for u in urls if not u.startswith((base_url, "data:", "blob:")))


def check_pages(browser, base_url: str, pages: dict[str, str]) -> list[str]:
    """Visit each page; one line per problem found."""
    problems = []
    for expect_in_title, url in pages.items():
        seen = visit(browser, url)
        if expect_in_title not in seen["title"]:
            problems.append(f"{url}: title {seen['title']!r} lacks {expect_in_title!r}")
        problems += [f"{url}: console error: {e}" for e in seen["errors"]]
        problems += [f"{url}: request leaves localhost: {u}" for u in outside(base_url, seen["requested"])]
    return problems


def test_every_scenario_page_loads_without_console_errors_or_outside_requests(browser, base_url, site):
    pages = {s.id: page_url(base_url, scenario_path(s)) for s in site.library.scenarios}
    assert len(pages) == len(load_library().scenarios)
    assert check_pages(browser, base_url, pages) == []


RULE_SAMPLE = 12  # rule pages share one template; loading ~70 of them in Chromium adds a minute


def test_every_rule_page_loads_and_a_sample_has_no_console_errors_or_outside_requests(browser, base_url, site):
    """All rule pages are fetched (status, title); an even sample also runs in the browser.

    tests/test_site_build.py checks statically that no page of any kind references an outside script,
    stylesheet or image, which covers the rule pages the browser does not visit.
    """
    urls = {r.code: page_url(base_url, rule_path(r.code)) for r in site.rules}
    for code, url in urls.items():
        with urllib.request.urlopen(url, timeout=10) as response:
            assert response.status == 200, url
            assert f"<title>{code} " in response.read().decode(), url
    step = max(1, len(urls) // RULE_SAMPLE)
    sample = dict(list(urls.items())[::step])
    sample["Rules"] = page_url(base_url, "rules/index.md")  # the index loads even with no rule yet
    assert check_pages(browser, base_url, sample) == []


def test_hand_written_and_index_pages_load_cleanly(browser, base_url):
    pages = {"spilock": base_url, "Why keep SPIs open": base_url + "pitch/",
             "Getting started": base_url + "getting-started/", "Glossary": base_url + "glossary/",
             "Settled": base_url + "settled-vs-open/", "Bibliography": base_url + "bibliography/",
             "Coverage": base_url + "coverage/", "checklist": base_url + "checklist/",
             "Families": base_url + "families/", "Scenarios": base_url + "scenarios/"}
    assert check_pages(browser, base_url, pages) == []


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status
    except urllib.error.HTTPError as exc:
        return exc.code


def test_internal_links_resolve_in_the_browser(browser, base_url, site):
    """Every same-site link on the pages a newcomer starts from answers 200, and its anchor exists."""
    first = site.library.scenarios[0]
    starts = [base_url, base_url + "coverage/", base_url + "checklist/", page_url(base_url, scenario_path(first))]
    starts += [page_url(base_url, rule_path(r.code)) for r in site.rules[:1]]
    links: set[str] = set()
    for url in starts:
        visit(browser, url)
        links |= set(browser.execute_script("return Array.from(document.querySelectorAll('a[href]'), a => a.href)"))
    internal = sorted(u for u in links if u.startswith(base_url))
    assert len(internal) > 20
    broken = [u for u in {urldefrag(u).url for u in internal} if _status(u) != 200]
    assert broken == []
    missing = []
    for link in (u for u in internal if urldefrag(u).fragment):
        target, fragment = urldefrag(link)
        with urllib.request.urlopen(target, timeout=10) as response:
            if f'id="{fragment}"' not in response.read().decode():
                missing.append(link)
    assert missing == []


def distinctive_word(site: Site, scenario_id: str) -> str:
    """A word of the scenario's summary that as few other scenarios as possible use."""
    texts = {s.id: " ".join((s.title, s.summary, s.action, s.mechanism, s.carve_out, s.backfire)).lower()
             for s in site.library.scenarios}
    candidates = set(re.findall(r"[a-z]{6,}", site.library[scenario_id].summary.lower()))
    return min(sorted(candidates), key=lambda w: sum(w in t for t in texts.values()))


def test_search_finds_a_scenario_by_a_word_from_its_summary(browser, base_url, site):
    scenario = site.library.scenarios[0]
    word = distinctive_word(site, scenario.id)
    visit(browser, base_url)
    box = browser.find_element(By.CSS_SELECTOR, "input.md-search__input")
    box.click()
    box.send_keys(word)
    target = urlsplit(page_url(base_url, scenario_path(scenario))).path

    def hits(driver) -> list[str]:
        links = driver.find_elements(By.CSS_SELECTOR, ".md-search-result__link")
        return [urlsplit(a.get_attribute("href")).path for a in links]

    WebDriverWait(browser, 20).until(lambda d: target in hits(d),
                                     message=f"search for {word!r} did not list {target}")


def test_screenshot_of_a_scenario_page(browser, base_url, site):
    """Saved for a human to look at: test-artifacts/scenario-<id>.png (top) and -full.png (whole page)."""
    scenario = site.library.scenarios[0]
    visit(browser, page_url(base_url, scenario_path(scenario)))
    ARTIFACTS.mkdir(exist_ok=True)
    top = ARTIFACTS / f"scenario-{scenario.id}.png"
    browser.set_window_size(1280, 1000)
    assert browser.save_screenshot(str(top))
    height = browser.execute_script("return document.documentElement.scrollHeight")
    browser.set_window_size(1280, min(height + 100, 8000))
    full = ARTIFACTS / f"scenario-{scenario.id}-full.png"
    assert browser.save_screenshot(str(full))
    browser.set_window_size(1280, 1000)
    for shot in (top, full):
        assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000
