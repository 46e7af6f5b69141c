"""The e-mails as a phone shows them: real sent e-mails (locmem outbox) in Chromium at 375 px.

Issue 14: the confirmation rendered at 980 px in a serif font on a phone. Each e-mail's HTML
part must fit 375 px without horizontal scrolling, in a sans-serif font, with every ready
text in its own box; the screenshots go to test-output/screenshots/email-*.png.
"""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from tests.emails import html_part, sent_emails

pytestmark = [pytest.mark.browser, pytest.mark.django_db]

PHONE_WIDTH = 375

MEASURE = """() => {
  const style = (el) => getComputedStyle(el);
  const boxes = Array.from(document.querySelectorAll('[data-ready-text]'));
  const wide = Array.from(document.querySelectorAll('body *'))
    .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
    .map(e => e.outerHTML.slice(0, 80));
  return {
    scrollWidth: document.documentElement.scrollWidth,
    bodyScrollWidth: document.body.scrollWidth,
    bodyFont: style(document.body).fontFamily,
    paragraphFonts: Array.from(document.querySelectorAll('p, li, h1, h2, h3, a, div'))
      .map(e => style(e).fontFamily),
    fontSize: style(document.querySelector('p')).fontSize,
    boxes: boxes.map(b => ({key: b.dataset.readyText, border: style(b).borderTopStyle,
                            width: b.getBoundingClientRect().width})),
    wide: wide,
    button: (() => { const a = Array.from(document.querySelectorAll('a'))
      .find(a => a.getAttribute('href').includes('/c/'));
      const r = a.getBoundingClientRect(); return {height: r.height, width: r.width}; })(),
  };
}"""


@pytest.fixture
def mail_phone(browser):
    """A 375 px wide phone (the narrow common width), no server: the e-mail is set as content."""
    context = browser.new_context(
        viewport={"width": PHONE_WIDTH, "height": 812},
        device_scale_factor=2,
        is_mobile=True,
        has_touch=True,
    )
    yield context.new_page()
    context.close()


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_every_email_fits_a_375px_phone_in_a_sans_serif_font(mail_phone, screenshots_dir, language):
    _, by_kind = sent_emails(language=language)
    axe = Axe()
    for kind, message in by_kind.items():
        mail_phone.set_content(html_part(message))
        measured = mail_phone.evaluate(MEASURE)
        where = f"{language} {kind}"
        assert measured["scrollWidth"] <= PHONE_WIDTH, (where, measured["wide"])
        assert measured["bodyScrollWidth"] <= PHONE_WIDTH, where
        assert measured["wide"] == [], where
        assert measured["bodyFont"].endswith("sans-serif"), (where, measured["bodyFont"])
        assert all(f.endswith("sans-serif") for f in measured["paragraphFonts"]), where
        assert measured["fontSize"] == "16px", where
        keys = [box["key"] for box in measured["boxes"]]
        expected = ["followup", "appeal"] if kind == "followup" else ["request", "seller", "appeal"]
        assert keys == expected, where
        assert all(box["border"] == "solid" and box["width"] > 250 for box in measured["boxes"])
        assert measured["button"]["height"] >= 44, where
        violations = [
            f"{v['id']}: {v['help']}"
            for v in axe.run(mail_phone).response["violations"]
            if v["impact"] in {"serious", "critical"}
        ]
        assert violations == [], where
        mail_phone.screenshot(
            path=str(screenshots_dir / f"email-{language}-{kind}-375.png"), full_page=True
        )
