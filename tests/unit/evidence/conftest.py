import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english():
    """Reasons are asserted in English here; the Chinese catalogue is tested in integration."""
    with translation.override("en"):
        yield
