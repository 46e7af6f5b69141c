"""Schemathesis against the API's own OpenAPI document, through the WSGI app.

Generated requests, valid ones and deliberately invalid ones, must never get a
5xx, and every response must match the schema the document declares for its
status.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error, response_schema_conformance

from config.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)
schema.config.generation.update(
    modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], deterministic=True
)


# The WSGI handler's request signals touch the connection (close_old_connections).
@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=60, deadline=None, database=None, suppress_health_check=list(HealthCheck))
def test_the_api_honours_its_openapi_document(case):
    case.call_and_validate(checks=[not_a_server_error, response_schema_conformance])
