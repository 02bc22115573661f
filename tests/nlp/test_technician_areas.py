"""AI/ML roles named by an area or a loose phrase rather than a title (issue 15, round e)."""

from __future__ import annotations

import pytest

from nlp.technician import decide_roles, role_family
from nlp.technician_rules import names_the_work, read_evidence


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


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param(
            "Bottleco - LA or NYC\n"
            "We are looking for Big Data Engineers, Data Hackers and Machine Learning "
            "Pragmatists.",
            "Machine Learning Pragmatists",
            id="ml-people-by-a-loose-noun",
        ),
        pytest.param(
            "Pexco | Multiple Positions | Los Angeles\n"
            "Additionally we're looking for people interested in signal processing and machine "
            "learning to join our core search team.",
            "people interested in signal processing and machine learning",
            id="people-interested-in-ml",
        ),
        pytest.param(
            "Vienna, AT - full time machine learning enthusiast\nWe like hard problems.",
            "machine learning enthusiast",
            id="an-enthusiast-in-the-header",
        ),
        pytest.param(
            "Topicco | Software Engineer / Machine Learner | Boulder, CO | Full-time",
            "Machine Learner",
            id="a-machine-learner",
        ),
        pytest.param(
            "Mapco | Berlin\nWe're hiring engineers with ML/NLP experience to build our "
            "address parser.",
            "engineers with ML",
            id="engineers-with-ml-experience",
        ),
    ],
)
def test_ai_ml_people_named_by_a_phrase_are_a_role(text: str, role: str) -> None:
    assert role in _qualifying(text)
    assert decide_roles(None, text).ai_ml_technician


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Webco | Backend Engineer | NYC\nYou will build our APIs in Go. Engineers with "
            "machine learning experience would be a plus.",
            id="ml-experience-only-a-plus",
        ),
        pytest.param(
            "Webco | Frontend Engineer | NYC\nYou'll work with people interested in machine "
            "learning on our data team.",
            id="ml-people-as-colleagues",
        ),
    ],
)
def test_ai_ml_people_phrases_that_are_not_the_hire(text: str) -> None:
    assert not any(r.role.where == "body" for r in read_evidence(None, text).qualifying)


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param(
            "London, UK - Fashco\nCurrently hiring for Engineering, Data science and DevOps "
            "positions, and our stack is primarily Python & JavaScript.",
            "Data science",
            id="positions-end-the-list-of-areas",
        ),
        pytest.param(
            "Rentco | Multiple Roles | New York, NY | Full Time\n"
            "We have openings across the board, including Engineering, Data Science, Operations, "
            "and even Retail.",
            "Data Science",
            id="openings-across-the-board",
        ),
        pytest.param(
            "Sparco | San Mateo, CA | Full Time\n"
            "We are always looking for talent in data science, engineering and devops.",
            "talent in data science",
            id="talent-in-data-science",
        ),
        pytest.param(
            "Planco - San Francisco\nWe are looking for engineering and non-engineering "
            "positions.\n* Senior iOS. We ship Swift.\n"
            "* Data Science. Put your machine learning skills to work on real world problems.\n",
            "Data Science",
            id="a-bullet-headed-by-a-short-sentence",
        ),
    ],
)
def test_data_science_as_a_hiring_area_is_a_role(text: str, role: str) -> None:
    assert role in _qualifying(text)
    assert decide_roles(None, text).ai_ml_technician


def test_a_list_of_roles_stops_at_positions_only_before_and() -> None:
    text = (
        "Rainco | Remote\nRainco is hiring for most roles; developers backend (rails / go), "
        "frontend (react), data science, also sales (AE/SDRs)."
    )
    assert "data science" in _qualifying(text)
    ended = "Webco | NYC\nHiring for Engineering and DevOps positions, and Data Science is ours."
    assert not _qualifying(ended)


@pytest.mark.parametrize(
    ("title", "family"),
    [
        pytest.param(
            "generalist engineers (ML experience is a plus)", "software_fullstack", id="plus"
        ),
        pytest.param("Engineers (NLP background preferred)", "software_backend", id="preferred"),
        pytest.param("Software Engineer (Machine Learning)", "ml_engineering", id="ml-aside"),
    ],
)
def test_ml_named_only_as_a_plus_in_a_title_is_no_ml_title(title: str, family: str) -> None:
    assert role_family(title) == family


def test_engineers_with_ml_only_a_plus_do_not_count() -> None:
    text = (
        "Liftco - Menlo Park, CA\nWe're tackling this with programmatic advertising.\n"
        "We are hiring generalist engineers (ML experience is a plus), Product Management and "
        "Marketing."
    )
    assert not _qualifying(text)
    assert not decide_roles(None, text).ai_ml_technician


def test_a_data_scientist_who_models_beside_the_insights_is_no_analyst() -> None:
    text = (
        "Fruitco | Cupertino | Full-Time\n"
        "The services team is looking for data scientists to turn huge amounts of data into "
        "insights. A successful candidate will have expertise in anomaly detection, predictive "
        "modeling and classification."
    )
    assert "data scientists" in _qualifying(text)
    analyst = (
        "Fruitco | Cupertino\nWe are looking for data scientists to build dashboards and insights."
    )
    assert not _qualifying(analyst)


def test_looking_hard_for_is_hiring() -> None:
    text = (
        "Lendco - San Francisco, CA\nMy team is looking hard for data scientists, (but we are "
        "also hiring software engineers and designers)."
    )
    assert "data scientists" in _qualifying(text)


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        pytest.param(
            "You will write software to build machine-learned user models.", True, id="ml-ed"
        ),
        pytest.param(
            "You'll do predictive modeling for our business units.", True, id="predictive"
        ),
        pytest.param("You'll do complex statistical modelling of trades.", False, id="statistical"),
    ],
)
def test_modelling_named_as_the_work(sentence: str, names: bool) -> None:
    assert names_the_work(sentence) is names


@pytest.mark.parametrize(
    ("text", "role"),
    [
        pytest.param(
            "Gridco | Oakland, CA | Onsite\nThis quarter:\n* Backend Engineer\n* Machine Learning\n"
            "* Product Designer\nWe build billing software for utilities.",
            "Machine Learning",
            id="an-area-bullet-among-title-bullets",
        ),
        pytest.param(
            "Tapco (Denver, remote OK)\nWe make ordering software for cafes.\n"
            "* Payments engineers always welcome\n* Machine Learning? Talk to us too.",
            "Machine Learning",
            id="an-area-bullet-asked-as-a-question",
        ),
        pytest.param(
            "Listco | Windows Developer | C# | World | Remote\n"
            "Listco | Ai Developer | Python | World | Remote\n"
            "We make a calendar app used by two million people.",
            "Ai Developer",
            id="the-header-repeated-for-another-role",
        ),
        pytest.param(
            "Mapco | Software Engineers | Leeds | ONSITE\nWe're hiring for Backend (Go, AWS), "
            "Frontend (React) and iOS/Android engineers as well as Data Science.",
            "Data Science",
            id="as-well-as-joins-the-list",
        ),
        pytest.param(
            "Scootco | Engineers | Austin, TX | ONSITE\nWe're looking to hire engineers "
            "specializing in DevOps, Backend, Data Science, Mobile, and QA.",
            "Data Science",
            id="engineers-specializing-in-areas",
        ),
        pytest.param(
            "Shopco - Glasgow\nData science, devops, engineering. Hiring three engineers now.",
            "Data science",
            id="a-first-sentence-of-areas",
        ),
        pytest.param(
            "Stylco - Berlin - Full time\nWe run a fashion search engine. Our Front-end and "
            "Data Science teams in particular are growing quickly right now.",
            "Data Science",
            id="an-ai-ml-team-said-to-grow",
        ),
    ],
)
def test_areas_and_titles_the_hiring_lists_name(text: str, role: str) -> None:
    assert role in _qualifying(text)
    assert decide_roles(None, text).ai_ml_technician


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Toolco | Berlin\nYou bring:\n* Python\n* Machine Learning\n* Backend Engineer "
            "experience",
            id="bullets-of-skills-under-a-skill-intro",
        ),
        pytest.param(
            "Notebookco | Remote\nWe help data science teams grow faster with shared notebooks."
            "\nWe're hiring a Frontend Engineer (React).",
            id="a-product-for-data-science-teams",
        ),
        pytest.param(
            "Cafeco | Backend Engineer | Leeds\nWe're hiring a Backend Engineer as well as a "
            "Designer. Our stack: Go, Postgres, machine learning for our menus.",
            id="as-well-as-joins-only-roles",
        ),
    ],
)
def test_lists_that_advertise_no_ai_ml_role(text: str) -> None:
    assert not _qualifying(text)
