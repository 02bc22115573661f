"""AI/ML roles named by an area or a loose phrase rather than a title (issue 15, round e)."""

from __future__ import annotations

import pytest

from nlp.technician import decide_roles
from nlp.technician_rules import read_evidence


def _qualifying(text: str) -> tuple[str, ...]:
    return tuple(r.role.title for r in read_evidence(None, text).qualifying)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param(
            "Lendco | Los Angeles | Backend, Frontend, Mobile, Analytics/Machine Learning | "
            "Full-Time",
            "Analytics/Machine Learning",
            id="areas-joined-by-a-slash-in-the-header",
        ),
        pytest.param(
            "Radco | Infra / Platform / ML Infra / SWE | San Francisco | Full-time",
            "ML Infra",
            id="ml-infra-in-the-header",
        ),
        pytest.param(
            "Searchco - San Francisco - Full time\nOpen roles:\n"
            "* Search / Data Science - search, classification and ranking for our app\n",
            "Search / Data Science",
            id="a-bullet-headed-by-joined-areas",
        ),
    ],
)
def test_areas_joined_into_one_are_a_role(text: str, role: str) -> None:
    assert role in _qualifying(text)
    assert decide_roles(None, text).ai_ml_technician


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Shopco | Backend, Frontend, Analytics/Design | NYC", id="no-ml-area-among-them"
        ),
        pytest.param(
            "Webco | Python/Django, React/Redux | NYC\nYou will build our checkout.",
            id="technologies-joined-by-slashes",
        ),
    ],
)
def test_joined_areas_without_ai_ml_are_no_technician_role(text: str) -> None:
    assert not _qualifying(text)
    assert not decide_roles(None, text).ai_ml_technician
