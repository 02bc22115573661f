"""The AI/ML technician decision on the borderline examples of docs/ai-ml-technician.md."""

from __future__ import annotations

import pytest

from nlp.posting_roles import find_roles
from nlp.technician import decide_roles, role_family
from nlp.technician_eval import read_examples

# The borderline table of docs/ai-ml-technician.md, written out as postings: the same file the
# trainer holds every model it ships to (scripts/train_technician.py).
BORDERLINE = [
    pytest.param(e.title, e.text, e.ai_ml_technician, e.role_family, id=e.name)
    for e in read_examples()
]


def test_the_examples_cover_both_answers_and_the_definitions_hard_cases() -> None:
    examples = {e.name: e for e in read_examples()}
    assert len(examples) >= 15
    assert not examples["backend-at-ai-company"].ai_ml_technician
    assert examples["fullstack-with-rag-and-evals"].ai_ml_technician


@pytest.mark.parametrize(("title", "text", "expected", "family"), BORDERLINE)
def test_borderline_examples(title: str | None, text: str, expected: bool, family: str) -> None:
    decision = decide_roles(title, text)
    assert decision.ai_ml_technician is expected
    assert decision.role_family == family
    assert bool(decision.roles) is expected


def test_a_role_listed_in_the_body_counts_and_is_named() -> None:
    text = (
        "Kinsa | New York\n"
        "We build smart thermometers.\n"
        "We are looking for:\n"
        "- Senior Front-End Developer - http://jobs.example.com/fe\n"
        "- Lead Data Scientist - http://jobs.example.com/ds\n"
        "- Product Designer\n"
    )
    decision = decide_roles(None, text)
    assert decision.ai_ml_technician
    assert decision.roles == ("Lead Data Scientist",)


def test_areas_listed_in_the_header_are_roles() -> None:
    decision = decide_roles(None, "Rocket | Machine Learning, Backend | Pittsburgh | ONSITE")
    assert decision.roles == ("Machine Learning",)


def test_the_company_name_is_not_a_role() -> None:
    decision = decide_roles(None, "Pluto AI | Palo Alto | Backend Engineer | Onsite")
    assert not decision.ai_ml_technician
    assert decision.role_family == "software_backend"


def test_a_given_title_is_the_main_role() -> None:
    decision = decide_roles("Machine Learning Engineer", "We ship a calendar app.")
    assert decision.ai_ml_technician
    assert decision.roles == ("Machine Learning Engineer",)
    assert not decide_roles("Frontend Engineer", "We ship a calendar app.").ai_ml_technician


def test_colleagues_are_not_the_hire() -> None:
    text = (
        "Acme | Backend Engineer | Remote\n"
        "You will work closely with our data scientists to ship APIs in Go."
    )
    assert not decide_roles(None, text).ai_ml_technician


def test_the_company_using_ai_is_not_the_role_doing_it() -> None:
    text = (
        "Acme | Senior Frontend Engineer | Remote\n"
        "Acme uses machine learning to predict delivery times. Our AI-powered platform serves "
        "millions. You will build our React web app."
    )
    assert not decide_roles(None, text).ai_ml_technician


def test_ai_coding_tools_are_not_ai_work() -> None:
    text = (
        "Acme | Software Engineer | Remote\n"
        "You are comfortable leveraging AI agents to plan, implement and test code. "
        "We use Claude Code and Cursor every day. You will build our billing service."
    )
    assert not decide_roles(None, text).ai_ml_technician


def test_duties_under_a_heading_about_the_hire_count_even_with_our() -> None:
    text = (
        "Buildco | Full Stack Engineer | SF\n"
        "Problems you'll help us solve:\n"
        "* Build a clean user interface for contractors.\n"
        "* Enhance the accuracy of our machine learning classifier.\n"
    )
    assert decide_roles(None, text).ai_ml_technician


def test_a_role_section_is_judged_by_its_own_text() -> None:
    text = (
        "Locu | Cambridge, MA\n"
        "Frontend Engineering\n"
        "Build the web app merchants use every day.\n"
        "Backend Engineering\n"
        "If you want to solve hard problems in machine learning and NLP, you'll feel at home.\n"
    )
    decision = decide_roles(None, text)
    assert decision.ai_ml_technician
    assert decision.roles == ("Backend Engineering",)


def test_find_roles_reads_header_list_and_sections() -> None:
    text = (
        "Stash | Data Engineer, Senior iOS Engineer, Lead Data Scientist | New York\n"
        "Machine Learning Engineer - you will train ranking models.\n"
    )
    titles = [role.title for role in find_roles(None, text)]
    assert "Data Engineer" in titles
    assert "Senior iOS Engineer" in titles
    assert "Lead Data Scientist" in titles
    assert "Machine Learning Engineer" in titles


@pytest.mark.parametrize(
    ("title", "family"),
    [
        ("Senior Machine Learning Engineer", "ml_engineering"),
        ("Staff Data Scientist", "data_science"),
        ("MLOps Engineer", "ml_platform_mlops"),
        ("Applied AI Engineer", "ai_engineering"),
        ("AI Researcher", "ml_research"),
        ("AI Product Manager", "product_design"),
        ("Account Executive, AI", "sales_marketing_support"),
        ("iOS Engineer", "mobile"),
        ("Site Reliability Engineer", "devops_sre"),
        ("Firmware Engineer", "embedded_hardware"),
        ("Data Analyst", "data_analytics"),
        ("Customer Success Manager", "sales_marketing_support"),
        ("Director of Engineering", "management"),
    ],
)
def test_role_family_of_titles(title: str, family: str) -> None:
    assert role_family(title) == family


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Appco | AI Product Engineer (React Native) | Remote\n"
            "You'll own features across React Native and Node.js.",
            id="ai-names-the-product",
        ),
        pytest.param(
            "Learnco (Remote US) — Full-Stack Software Engineer — TypeScript / Postgres / "
            "React / AI\nYou'll build our exam platform.",
            id="ai-in-a-list-of-technologies",
        ),
        pytest.param(
            "Dashco | Software Engineer | Remote\n"
            "Looking for skills in Python, React, FastAPI, Postgres, Kafka, RAG, OLAP.",
            id="rag-in-a-skills-list",
        ),
        pytest.param(
            "Healthco | Founding Engineer | Austin\n"
            "Looking for: full-stack, agentic-first as a daily working mode, shipper not writer.",
            id="agentic-first-working-mode",
        ),
        pytest.param(
            "Careco | Senior Fullstack Engineer | Remote\n"
            "Description: Careco is building autonomous AI agents for clinics.\n"
            "You'll build our scheduling UI in React.",
            id="the-company-builds-agents",
        ),
        pytest.param(
            "Hireco | Backend Engineer | Remote\n"
            "We've played a critical role in developer hiring over the last 15 years.",
            id="a-role-in-prose-is-no-role",
        ),
    ],
)
def test_ai_around_a_role_that_does_not_do_the_work(text: str) -> None:
    assert not decide_roles(None, text).ai_ml_technician


def test_areas_beside_titles_in_a_list_of_roles_count() -> None:
    text = (
        "Rainco | SF\nRainco is hiring for most roles; developers backend (rails / go / elixir), "
        "frontend (react), data science, also sales, plus marketing."
    )
    decision = decide_roles(None, text)
    assert decision.ai_ml_technician
    assert decision.roles == ("data science",)


def test_a_heading_without_text_leaves_the_main_roles_text_whole() -> None:
    text = (
        "Acme | Backend Engineer | Remote\n"
        "You will train and deploy our ranking models.\n"
        "You will monitor the models in production.\n"
        "Frontend Engineer\n"
        "Product Designer\n"
        "React and Figma.\n"
    )
    main = find_roles(None, text)[0]
    assert "train and deploy our ranking models" in main.text
    assert len(main.text) <= len(text)
    assert decide_roles(None, text).roles == ("Backend Engineer",)


@pytest.mark.parametrize(
    ("text", "roles"),
    [
        pytest.param(
            "Bookco, San Francisco - full time\n"
            "We're looking for people who want to work with:\n"
            "* Ruby on Rails\n"
            "* Machine Learning / data mining / recommendations - think a prize, but for books!\n",
            ("Machine Learning", "data mining", "recommendations"),
            id="a-bullet-heading-lists-areas",
        ),
        pytest.param(
            "Drawco | SF | Onsite\n"
            "We're looking for talented engineers (front end, backend, mobile, and data science) "
            "who like hard problems.",
            ("data science",),
            id="an-oxford-comma-before-the-last-area",
        ),
        pytest.param(
            "Bigco | DE, IN, US | jobs.bigco.com\n"
            "Bigco is hiring for Machine Learning & Deep Learning in Argentina, Brazil and US.",
            ("Machine Learning", "Deep Learning"),
            id="hiring-for-areas-in-places",
        ),
        pytest.param(
            "Carco Advanced Technologies — Pittsburgh — Full Time\n"
            "We're hiring across a range of specialties to support this work: machine learning, "
            "planning, control, mapping, perception and simulation.",
            ("machine learning", "perception"),
            id="specialties-after-the-colon",
        ),
        pytest.param(
            "Voiceco | Remote | Full Time\nHiring:\n>> Senior Software Engineer, Agents:\n"
            ">> Distributed Systems Engineer:\n",
            ("Senior Software Engineer, Agents",),
            id="an-engineer-of-agents",
        ),
    ],
)
def test_ai_ml_roles_listed_in_the_ways_postings_list_them(
    text: str, roles: tuple[str, ...]
) -> None:
    decision = decide_roles(None, text)
    assert decision.ai_ml_technician
    assert decision.roles == roles


def test_growing_the_team_with_engineers_frames_the_hire() -> None:
    text = (
        "Featco | Software Engineer | Boston\n"
        "We're growing our technical team with engineers interested in pushing the boundaries "
        "of feature engineering automation."
    )
    assert decide_roles(None, text).ai_ml_technician
    without_frame = text.replace("growing our technical team with", "a team of")
    assert not decide_roles(None, without_frame).ai_ml_technician


@pytest.mark.parametrize(
    "text",
    [
        pytest.param(
            "Sourceco | Senior Python Engineer Lead | SF\n"
            "One founder previously sold a company and is a published machine learning "
            "researcher. You will lead our Django team.",
            id="a-founder-described-is-not-the-hire",
        ),
        pytest.param(
            "Talkco | Principal Software Engineer | Vienna\n"
            "For those who know what they're doing - even without AI. Our focus is engineering: "
            "building and improving systems, workflows, and engineering practices around AI "
            "agents and AI-assisted development.",
            id="prose-after-a-dash-is-no-list-of-roles",
        ),
        pytest.param(
            "Fitco is hiring mobile engineers and UI/UX designers.\nAbout us:\n"
            "+ We're a motley crew of fashion designers, operations experts, computer vision "
            "scientists, mobile and web engineers -- all working side by side.\n",
            id="the-team-as-it-is-in-a-bullet",
        ),
    ],
)
def test_ai_ml_people_who_are_not_the_hire(text: str) -> None:
    assert not decide_roles(None, text).ai_ml_technician


def test_a_place_ends_a_list_of_roles_but_ai_does_not() -> None:
    assert decide_roles(None, "Vidco Is Hiring Interns in AI for Summer 2026 in Austria").roles
    assert not decide_roles(None, "Vidco Is Hiring Interns in Vienna for Summer 2026").roles


def test_agents_heading_a_product_managers_remit_is_no_role() -> None:
    text = (
        "Cloudco | NYC | Full Time\n"
        "I'm hiring for some fun product manager roles on our developer platform:\n"
        "- Containers - Help build our new containers platform.\n"
        "- AI Agents - Define what agents on our platform look like.\n"
    )
    assert not decide_roles(None, text).ai_ml_technician
