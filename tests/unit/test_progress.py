"""The progress line over every answer path: it never goes up, and ends exact.

The paths are finite (status x parcel x reason), so every one is walked: a
property test by exhaustion rather than by sampling.
"""

from __future__ import annotations

import pytest

from wizard import flow
from wizard.flow import Route, Step


def every_route() -> list[Route]:
    routes = []
    for status in flow.STATUS_ANSWERS:
        base = Route(status_answer=status)
        packages = (
            list(flow.packages_for(base.status))
            if Step.PACKAGE in flow.asked_steps(base)
            else [None]
        )
        for package in packages:
            with_package = Route(status, package)
            asks_reason = Step.REASON in flow.asked_steps(with_package)
            reasons = list(flow.reasons_for(base.status)) if asks_reason else [None]
            routes.extend(Route(status, package, reason) for reason in reasons)
    return routes


ROUTES = every_route()


def known_before(route: Route, step: Step) -> Route:
    """What the wizard knows on `step` of `route`: the answers asked before it."""
    order = list(Step)
    status = route.status_answer if order.index(step) > order.index(Step.STATUS) else None
    package = route.package if order.index(step) > order.index(Step.PACKAGE) else None
    reason = route.reason if order.index(step) > order.index(Step.REASON) else None
    return Route.of(status, package, reason) if status else Route()


def test_there_are_many_paths_to_walk():
    assert len(ROUTES) > 40


@pytest.mark.parametrize("route", ROUTES, ids=lambda r: f"{r.status_answer}-{r.package}-{r.reason}")
def test_along_every_path_the_total_never_goes_up_and_the_number_counts_one_by_one(route):
    path = flow.asked_steps(route)
    totals = []
    for index, step in enumerate(path):
        shown = flow.progress(known_before(route, step), step)
        assert shown is not None, step
        assert shown.number == index + 1
        assert shown.number <= shown.total
        totals.append(shown.total)
    assert totals == sorted(totals, reverse=True), totals
    # On the last page every answer that shapes the path is known: the count is exact.
    last = flow.progress(known_before(route, path[-1]), path[-1])
    assert last is not None and last.exact and last.total == len(path)


def test_the_first_page_promises_at_most_the_longest_path_and_no_more():
    first = flow.progress(Route(), Step.STATUS)
    assert first is not None
    assert first.total == max(len(flow.asked_steps(r)) for r in ROUTES)
    assert not first.exact


def test_a_not_shipped_order_knows_its_exact_count_at_once():
    shown = flow.progress(Route.of("not_shipped"), Step.REASON)
    assert shown is not None and shown.exact
    assert shown.total == len(flow.asked_steps(Route.of("not_shipped", None, "changed_mind")))
