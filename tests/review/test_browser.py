"""The review page and the report in headless Chromium: filter, open, verdict by keyboard, reload; charts drawn."""
from pathlib import Path

import pytest

from review_samples import ARTICLES, records, sample_articles  # noqa: F401 (records is a fixture)
from pipeline.report import build_report
from pipeline.review.server import ReviewApp, make_server, serve_in_thread, server_url
from pipeline.review.store import VerdictStore

CHROMIUM, CHROMEDRIVER = Path("/usr/bin/chromium"), Path("/usr/bin/chromedriver")
webdriver = pytest.importorskip("selenium.webdriver")
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("chromium/chromedriver absent (run .ci/install-chromium)", allow_module_level=True)

from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1400,900",
                f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture
def server(tmp_path, records):
    store = VerdictStore(tmp_path / "review.sqlite")
    app = ReviewApp(records, store, texts=dict(ARTICLES))
    srv = make_server(app, port=0)
    serve_in_thread(srv)
    yield server_url(srv), app
    srv.shutdown()
    srv.server_close()
    store.close()


def _wait(driver, condition, timeout=10):
    try:
        return WebDriverWait(driver, timeout).until(lambda d: condition(d))
    except Exception:
        print("status:", driver.execute_script("var s = document.getElementById('status'); return s && s.textContent"),
              "focus:", driver.execute_script("return document.activeElement.tagName"))
        raise


def _load(driver, url):
    driver.get(url)
    _wait(driver, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))


def _sentence_text(driver):
    return driver.execute_script("var m = document.getElementById('sentence'); return m && m.textContent;")


def _visible_ids(driver):
    return [li.get_attribute("data-id") for li in driver.find_elements(By.CSS_SELECTOR, "#claims li")]


def test_review_filter_open_verdict_reload(browser, server, records, tmp_path):
    url, app = server
    _load(browser, url)
    assert len(_visible_ids(browser)) == len(records)

    Select(browser.find_element(By.ID, "f-province")).select_by_visible_text("Đà Nẵng")
    dn = [r for r in records if r["actor"]["province"] == "Đà Nẵng"]
    _wait(browser, lambda d: _visible_ids(d) == [r["id"] for r in dn])
    target = dn[0]
    browser.find_element(By.CSS_SELECTOR, f'#claims li[data-id="{target["id"]}"]').click()
    _wait(browser, lambda d: _sentence_text(d) == target["sentence"]["text"])
    marks = browser.execute_script(
        "return [...document.querySelectorAll('#sentence mark.ent')].map(m => [m.dataset.label, m.textContent]);")
    assert ["METRIC", "đứng đầu"] in marks and ["DEADLINE", "năm 2030"] in marks and ["ACTOR", "Đà Nẵng"] in marks
    browser.save_screenshot(str(tmp_path / "review-open.png"))

    browser.find_element(By.TAG_NAME, "body").send_keys("w")
    _wait(browser, lambda d: d.find_element(By.ID, "status").get_attribute("data-verdict") == "wrong")
    browser.find_element(By.TAG_NAME, "body").send_keys("j")  # next claim in the filtered list
    _wait(browser, lambda d: _sentence_text(d) == dn[1]["sentence"]["text"])
    browser.find_element(By.TAG_NAME, "body").send_keys("n")
    year = browser.find_element(By.ID, "fix-deadline")
    year.clear()
    year.send_keys("2024")
    year.send_keys(Keys.CONTROL, Keys.ENTER)
    _wait(browser, lambda d: d.find_element(By.ID, "status").get_attribute("data-verdict") == "needs_correction")

    browser.refresh()
    _wait(browser, lambda d: d.execute_script("return document.body.dataset.ready === '1'"))
    _wait(browser, lambda d: _sentence_text(d) == dn[1]["sentence"]["text"])  # the claim open before reloading
    assert browser.find_element(By.ID, "status").get_attribute("data-verdict") == "needs_correction"
    assert browser.find_element(By.ID, "fix-deadline").get_attribute("value") == "2024"
    badge = browser.find_element(By.CSS_SELECTOR, f'#claims li[data-id="{target["id"]}"] .badge')
    assert badge.text.lower() == "wrong"
    stored = {v["id"]: v for v in app.store.all()}
    assert stored[target["id"]]["verdict"] == "wrong"
    assert stored[dn[1]["id"]]["corrected"]["deadline"] == 2024
    browser.save_screenshot(str(tmp_path / "review-after-reload.png"))


def test_review_page_shows_script_as_text(browser, server, records, tmp_path):
    url, _ = server
    xss = next(r for r in records if r["article_id"] == "xss03")
    _load(browser, url + "#" + xss["id"])
    _wait(browser, lambda d: _sentence_text(d) == xss["sentence"]["text"])
    assert "<script>alert(1)</script>" in _sentence_text(browser)
    assert browser.execute_script("return document.querySelectorAll('#article script, #claims script, b').length") == 0
    Select(browser.find_element(By.ID, "f-verdict")).select_by_value("none")
    search = browser.find_element(By.ID, "f-search")
    search.send_keys("alert(1)")
    _wait(browser, lambda d: _visible_ids(d) == [xss["id"]])
    browser.save_screenshot(str(tmp_path / "review-script.png"))


def test_report_charts_render_offline(browser, records, tmp_path):
    report = tmp_path / "report.html"
    report.write_text(build_report(records, sample_articles(records), title="Báo cáo <script>x</script>"),
                      encoding="utf-8")
    browser.get(report.as_uri())
    sizes = browser.execute_script(
        "return [...document.querySelectorAll('svg.chart rect.bar')].map(r => {"
        " const b = r.getBoundingClientRect(); return [r.closest('svg').id, b.width, b.height]; });")
    charts = {s[0] for s in sizes}
    assert charts == {"chart-provinces", "chart-deadlines", "chart-types", "chart-indicators"}
    assert all(w > 0 and h > 0 for _, w, h in sizes)
    assert browser.execute_script("return performance.getEntriesByType('resource').length") == 0
    assert browser.execute_script("return document.scripts.length") == 1
    assert browser.title == "Báo cáo <script>x</script>"
    cells = browser.execute_script("return [...document.querySelectorAll('td.sentence')].map(t => t.textContent)")
    assert any("<script>alert(1)</script>" in c for c in cells)
    browser.find_element(By.ID, "filter").send_keys("Đà Nẵng")
    _wait(browser, lambda d: d.execute_script(
        "return [...document.querySelectorAll('#claims tbody tr')].filter(t => t.style.display !== 'none').length")
        == 2)
    browser.save_screenshot(str(tmp_path / "report.png"))


def test_review_shows_linked_results_and_a_link_is_confirmed(browser, tmp_path):
    import sys
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tracking"))
    from tracking_samples import corpus
    from pipeline.tracking.run import track
    records, articles = corpus([
        ("t1", "2021-03-01", "Bình Phước phấn đấu đến năm 2025 kinh tế số chiếm 20% GRDP.", "target", 2025),
        ("r1", "2023-12-30", "Năm 2023, kinh tế số chiếm 13% GRDP của tỉnh.", "achievement", 2023),
        ("r2", "2024-12-30", "Năm 2024, kinh tế số chiếm 21% GRDP của tỉnh.", "achievement", 2024)])
    tracks, _ = track(records, articles)
    store = VerdictStore(tmp_path / "links.sqlite")
    srv = make_server(ReviewApp(records, store, tracks=tracks), port=0)
    serve_in_thread(srv)
    try:
        target, result = records[0], records[2]
        _load(browser, server_url(srv) + "#" + target["id"])
        _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#links li"))
        items = browser.find_elements(By.CSS_SELECTOR, "#links li")
        assert [li.get_attribute("data-result") for li in items] == [records[1]["id"], result["id"]]
        assert "reaches the target" in items[1].text and "Năm 2024, kinh tế số chiếm 21% GRDP" in items[1].text
        assert "met" in browser.find_element(By.CSS_SELECTOR, "#links .status").text.lower()
        items[1].find_element(By.CSS_SELECTOR, "button.link-confirmed").click()
        _wait(browser, lambda d: store.links())
        assert [(v["result_id"], v["verdict"]) for v in store.links()] == [(result["id"], "confirmed")]
        browser.save_screenshot(str(tmp_path / "review-links.png"))
        browser.refresh()
        _wait(browser, lambda d: d.find_elements(By.CSS_SELECTOR, "#links button.link-confirmed.active"))
    finally:
        srv.shutdown()
        srv.server_close()
        store.close()
