"""The favicon: an SVG linked from every page, and /favicon.ico answering with a real icon."""

from __future__ import annotations

import io
from xml.etree import ElementTree

import pytest
import requests
from django.contrib.staticfiles import finders
from django.templatetags.static import static
from PIL import Image

pytestmark = pytest.mark.django_db


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"] == static("img/favicon.ico")
    assert "max-age" in response["Cache-Control"]


def test_the_icon_files_are_a_real_ico_and_a_valid_svg():
    ico = finders.find("img/favicon.ico")
    assert ico, "static/img/favicon.ico is missing"
    with Image.open(ico) as image:
        assert image.format == "ICO"
        assert {(16, 16), (32, 32), (48, 48)} <= set(image.info["sizes"])
        image.size = (32, 32)
        image.load()
        # The product's red, not a blank square.
        assert image.convert("RGB").getpixel((3, 16)) == (185, 28, 28)
    svg = finders.find("img/favicon.svg")
    assert svg
    root = ElementTree.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg" and root.get("viewBox") == "0 0 64 64"


@pytest.mark.parametrize("url", ["/", "/no-such-page/"])
def test_pages_link_the_icon(client, url):
    page = client.get(url).content.decode()
    assert f'<link rel="icon" href="{static("img/favicon.svg")}" type="image/svg+xml">' in page
    assert f'href="{static("img/favicon.ico")}"' in page


def test_a_browser_asking_the_server_for_favicon_ico_gets_an_icon(live_server):
    response = requests.get(live_server.url + "/favicon.ico", timeout=10)
    assert response.status_code == 200
    assert response.headers["Content-Type"] in {"image/x-icon", "image/vnd.microsoft.icon"}
    assert Image.open(io.BytesIO(response.content)).format == "ICO"
    svg = requests.get(live_server.url + static("img/favicon.svg"), timeout=10)
    assert svg.status_code == 200 and svg.headers["Content-Type"].startswith("image/svg+xml")
