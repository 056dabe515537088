"""Schemathesis against the OpenAPI document the running server serves: no 5xx, no response that
breaks its own schema, every status and content type documented. Bounded (examples per
operation), signed in as an administrator so the authorised paths are explored too.

The one check left out is ``positive_data_acceptance``: a cursor is opaque, so a
schema-valid string that this platform never issued is rightly refused (400 invalid_cursor) —
no schema can say which strings are cursors. Driven through schemathesis' Python API (one
hypothesis run per operation) rather than its pytest plugin, which fails under pytest 9.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings

from tests.sync.conftest import Platform, _platform, token_for

MAX_EXAMPLES = 40
EXCLUDED = [schemathesis.checks.positive_data_acceptance]


@pytest.fixture(scope="module")
def live(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    yield from _platform("sqlite", tmp_path_factory.mktemp("schemathesis"))


def test_api_conforms_to_its_schema(live: Platform) -> None:
    token = token_for(live.base, "admin")
    schema = schemathesis.openapi.from_url(f"{live.base}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 6
    tested = []
    for op in operations:
        if op.method.upper() == "DELETE" and op.path.endswith("/auth/token"):
            continue  # signing out would revoke the token every other case uses

        @given(case=op.as_strategy())
        @settings(
            max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), database=None
        )
        def run(case: schemathesis.Case) -> None:
            case.call_and_validate(headers={"Authorization": f"Bearer {token}"}, excluded_checks=EXCLUDED)

        run()
        tested.append(f"{op.method.upper()} {op.path}")
    print("\nschemathesis:", ", ".join(tested))
