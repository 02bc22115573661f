from __future__ import annotations

import pytest

from extract.sources.hn.header import HNHeader, parse_header, work_mode

# First lines of real comments from the bundled 2026 threads, with what a reader would file
# under each field. Fields the line does not state stay None.
GOLDEN = [
    (
        "milaboratories",
        "MiLaboratories | Bilbao, Spain | ONSITE | VISA SPONSORSHIP | RELOCATION SUPPORT",
        HNHeader("MiLaboratories", None, "Bilbao, Spain", False),
    ),
    (
        "contract-no-role",
        "Blackbird | Dev Shop | Remote (US or Europe) | Contract",
        HNHeader("Blackbird", None, "Remote (US or Europe)", True, employment_type="Contract"),
    ),
    (
        "canonical-order",
        "Station A | Staff Software Engineer | Remote (US) | Full-time",
        HNHeader(
            "Station A", "Staff Software Engineer", "Remote (US)", True, employment_type="Full-time"
        ),
    ),
    (
        "salary-label-and-url",
        "Level 12 | Full Stack Web Developer - Python, JavaScript, SQL | Mid-Level & Senior | "
        "REMOTE | SALARY:$95K-145K+ | https://www.level12.io/careers/",
        HNHeader(
            "Level 12",
            "Full Stack Web Developer - Python, JavaScript, SQL",
            None,
            True,
            "https://www.level12.io/careers/",
            "SALARY:$95K-145K+",
        ),
    ),
    (
        "url-second",
        "Category Labs | https://www.category.xyz/ | Remote and NYC | Full Time | $200K USD+",
        HNHeader(
            "Category Labs",
            None,
            "Remote and NYC",
            True,
            "https://www.category.xyz/",
            "$200K USD+",
            "Full Time",
        ),
    ),
    (
        "onsite-hybrid",
        "Beatdapp | Data Platform Engineer | Vancouver, Canada | ONSITE (Hybrid) | Full-time",
        HNHeader(
            "Beatdapp",
            "Data Platform Engineer",
            "Vancouver, Canada",
            False,
            employment_type="Full-time",
        ),
    ),
    (
        "pound-salary",
        "Count | Senior Software Engineer | REMOTE (UK/Europe/US East Coast) | Full-time | "
        "£100–140k (or local equivalent) + Equity | https://count.co",
        HNHeader(
            "Count",
            "Senior Software Engineer",
            "REMOTE (UK/Europe/US East Coast)",
            True,
            "https://count.co",
            "£100–140k (or local equivalent) + Equity",
            "Full-time",
        ),
    ),
    (
        "bare-domain-url",
        "Hyperspell | YC F25 | San Francisco, ONSITE | $150k-220k + generous equity and "
        "benefits | hyperspell.com",
        HNHeader(
            "Hyperspell",
            None,
            "San Francisco, ONSITE",
            False,
            "hyperspell.com",
            "$150k-220k + generous equity and benefits",
        ),
    ),
    (
        "salary-with-currency-word",
        "Mana Pool | Senior/Principal Software Engineer | Full-Time | Remote (US) | 135k-200k USD",
        HNHeader(
            "Mana Pool",
            "Senior/Principal Software Engineer",
            "Remote (US)",
            True,
            salary="135k-200k USD",
            employment_type="Full-Time",
        ),
    ),
    (
        "multiple-roles",
        "Matchie.io | Multiple Roles | Remote + Hybrid | $80k–$220k+",
        HNHeader("Matchie.io", "Multiple Roles", None, True, salary="$80k–$220k+"),
    ),
    (
        "onsite-with-city",
        "Prosper AI | getprosper.ai | ONSITE Barcelona | Full-time",
        HNHeader(
            "Prosper AI",
            None,
            "ONSITE Barcelona",
            False,
            "getprosper.ai",
            employment_type="Full-time",
        ),
    ),
    (
        "in-office",
        "Steel.dev | Founding Engineers (Infrastructure, Applied AI), Growth, GTM | "
        "Toronto, San Francisco | In-office",
        HNHeader(
            "Steel.dev",
            "Founding Engineers (Infrastructure, Applied AI), Growth, GTM",
            "Toronto, San Francisco",
            False,
        ),
    ),
    (
        "state-code",
        "2NDNATURE | Director of Engineering (Player-Coach) | Santa Cruz, CA | ONSITE",
        HNHeader("2NDNATURE", "Director of Engineering (Player-Coach)", "Santa Cruz, CA", False),
    ),
    (
        "salary-prefix",
        "b.well | Sr SRE | US - Remote | bwell.com | Salary: $154-190,000 DOE",
        HNHeader("b.well", "Sr SRE", "US - Remote", True, "bwell.com", "Salary: $154-190,000 DOE"),
    ),
    (
        "location-before-flag",
        "Herakles Defense | Munich, Germany | REMOTE| Full-time | Part-time available",
        HNHeader("Herakles Defense", None, "Munich, Germany", True, employment_type="Full-time"),
    ),
    (
        "roles-after-location",
        "NobodyWho | Copenhagen, Denmark | Software Engineer, ML Engineer, DevRel | Full-time "
        "| ONSITE",
        HNHeader(
            "NobodyWho",
            "Software Engineer, ML Engineer, DevRel",
            "Copenhagen, Denmark",
            False,
            employment_type="Full-time",
        ),
    ),
    (
        "city-preferred-over-remote-zone",
        "eventfirst | Senior Full-Stack Engineer | Berlin, Germany | REMOTE (CET) | Full-time",
        HNHeader(
            "eventfirst",
            "Senior Full-Stack Engineer",
            "Berlin, Germany",
            True,
            employment_type="Full-time",
        ),
    ),
    (
        "no-work-mode",
        "Youth Inc | Head of Engineering | Chicago, Nashville or Boston",
        HNHeader("Youth Inc", "Head of Engineering", "Chicago, Nashville or Boston", None),
    ),
    (
        "many-cities",
        "Cloudflare | New York City, Austin, London, Lisbon, San Francisco, Seattle | Full Time",
        HNHeader(
            "Cloudflare",
            None,
            "New York City, Austin, London, Lisbon, San Francisco, Seattle",
            None,
            employment_type="Full Time",
        ),
    ),
    (
        "role-with-terms",
        "Furtim Modus | Hiring Java Developer (Full-Time) | NYC (HYBRID) | "
        "https://www.furtimmodus.com/software-engineer",
        HNHeader(
            "Furtim Modus",
            "Hiring Java Developer (Full-Time)",
            "NYC (HYBRID)",
            False,
            "https://www.furtimmodus.com/software-engineer",
            employment_type="Full-Time",
        ),
    ),
    (
        "euro-salary",
        "Stealth (legal/fintech document automation) | Full-Stack Developer (Mid/Senior) | "
        "ONSITE (Milan, Italy) | Full-time | €30–40k RAL",
        HNHeader(
            "Stealth (legal/fintech document automation)",
            "Full-Stack Developer (Mid/Senior)",
            "ONSITE (Milan, Italy)",
            False,
            None,
            "€30–40k RAL",
            "Full-time",
        ),
    ),
    (
        "remote-or-cities",
        "Oklo | Remote (US) or Santa Clara or Brooklyn | Full time | https://oklo.com",
        HNHeader(
            "Oklo",
            None,
            "Remote (US) or Santa Clara or Brooklyn",
            True,
            "https://oklo.com",
            employment_type="Full time",
        ),
    ),
    (
        "bare-remote-is-no-location",
        "DuckDuckGo | Multiple Roles | Remote | Full-time | $178,500 - $320,000 USD + equity",
        HNHeader(
            "DuckDuckGo",
            "Multiple Roles",
            None,
            True,
            salary="$178,500 - $320,000 USD + equity",
            employment_type="Full-time",
        ),
    ),
    (
        "markdown-link",
        "Onos Health | Staff Eng (AI), Lead Eng (Backend), Lead Eng (Data) | San Francisco "
        "(Hybrid) | $200-250k + Equity | [https://onoshealth.com](https://onoshealth.com/)",
        HNHeader(
            "Onos Health",
            "Staff Eng (AI), Lead Eng (Backend), Lead Eng (Data)",
            "San Francisco (Hybrid)",
            False,
            "https://onoshealth.com",
            "$200-250k + Equity",
        ),
    ),
    (
        "work-from-home",
        "Temporal Technologies | Multiple positions in United States - WORK FROM HOME | "
        "FULL-TIME |",
        HNHeader(
            "Temporal Technologies",
            "Multiple positions in United States - WORK FROM HOME",
            None,
            True,
            employment_type="FULL-TIME",
        ),
    ),
    (
        "prose-with-dash",
        "Hiring: Fullstack Engineer (Remote, LATAM) – BudgetSimple",
        HNHeader(),
    ),
    (
        "prose-sentence",
        "Addepar is hiring a Software Engineering Manager for our New Workflow Platform.",
        HNHeader(),
    ),
]


@pytest.mark.parametrize(
    ("line", "expected"), [pytest.param(line, want, id=name) for name, line, want in GOLDEN]
)
def test_parse_header_golden(line: str, expected: HNHeader) -> None:
    assert parse_header(line) == expected


@pytest.mark.parametrize(
    ("line", "remote"),
    [
        pytest.param("Acme | Engineer | REMOTE or ONSITE", True, id="remote-or-onsite"),
        pytest.param("Acme | Engineer | Remote (US)", True, id="remote-with-region"),
        pytest.param("Acme | Engineer | ONSITE", False, id="onsite-only"),
        pytest.param("Acme | Engineer | Hybrid", False, id="hybrid-is-not-remote"),
        pytest.param("Acme | Engineer | Paris", None, id="unstated"),
    ],
)
def test_parse_header_remote_flag(line: str, remote: bool | None) -> None:
    assert parse_header(line).remote is remote


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Acme Is Hiring (Remote, EU)", True, id="remote"),
        pytest.param("Acme Is Hiring (NYC, Onsite)", False, id="onsite"),
        pytest.param("Acme Is Hiring", None, id="neither"),
    ],
)
def test_work_mode(text: str, expected: bool | None) -> None:
    assert work_mode(text) is expected
