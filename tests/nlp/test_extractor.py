"""Golden cases for the extractor: text in, skills out, on spacy.blank("en")."""

from __future__ import annotations

from typing import cast

import pytest

from nlp.extractor import SPANS_KEY, Extractor, _variants
from nlp.relevance import Relevance, RelevanceModel
from nlp.skills import load_taxonomy


@pytest.fixture(scope="module")
def extractor() -> Extractor:
    return Extractor(load_taxonomy())


def found(extractor: Extractor, text: str) -> list[tuple[str, str]]:
    ((_, mentions),) = extractor.tag([("t", text)])
    return [(m.skill_id, m.text) for m in mentions]


def ids(extractor: Extractor, text: str) -> set[str]:
    return {skill for skill, _ in found(extractor, text)}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Python and SQL", {"python", "sql"}, id="plain"),
        pytest.param("We use sklearn and scikit-learn", {"scikit_learn"}, id="alias"),
        pytest.param("Deploy on k8s with Docker", {"kubernetes", "docker"}, id="k8s"),
        pytest.param(
            "Strong C++, C# and .NET skills", {"cpp", "csharp", "dotnet"}, id="punctuated"
        ),
        pytest.param("Node.js and CI/CD pipelines", {"nodejs", "ci_cd"}, id="slash-and-dot"),
        pytest.param(
            "Experience with Python, SQL and R.", {"python", "sql", "r_lang"}, id="sentence-end"
        ),
        pytest.param("Large language models (LLMs) and NLP", {"llms", "nlp"}, id="ai"),
        pytest.param(
            "TensorFlow/PyTorch/Keras", {"tensorflow", "pytorch", "keras"}, id="slashed-list"
        ),
        pytest.param(
            "TCP, IPv4 and IPv6 over Ethernet; SSL and PKI",
            {"ipv4", "ipv6", "ethernet", "tls", "pki"},
            id="networking",
        ),
        pytest.param(
            "Experience building SPAs and REST APIs", {"single_page_application"}, id="spa"
        ),
        pytest.param("Kotlin on the JVM, styles in SASS", {"jvm", "sass"}, id="jvm-sass"),
        pytest.param(
            "Technologies: ngrx, symfony2, fastlane and sonar",
            {"ngrx", "symfony", "fastlane", "sonarqube"},
            id="tag-list",
        ),
        pytest.param(
            "Experience in threat hunting and malware analysis",
            {"threat_hunting", "malware_analysis"},
            id="security",
        ),
        pytest.param(
            "Tests with Jasmine, RxJS and MobX; RSpec for Rails",
            {"jasmine", "rxjs", "mobx", "rspec"},
            id="web-testing",
        ),
        pytest.param(
            "Clusters on AWS EKS; MapReduce and Talend jobs",
            {"kubernetes", "mapreduce", "talend"},
            id="cloud-data",
        ),
        pytest.param(
            "Routers from Cisco, F5 and Palo Alto Networks; OWASP and SOAP",
            {"cisco", "f5_networks", "palo_alto_networks", "owasp", "soap"},
            id="network-security",
        ),
        pytest.param(
            "Time series forecasting in SPSS; designs in Photoshop and Zeplin",
            {"time_series", "spss", "adobe_photoshop", "zeplin"},
            id="analysis-design",
        ),
        pytest.param(
            "Stored procedures, webhooks and SAST; monorepo tooling like Lerna",
            {"stored_procedures", "webhooks", "sast", "monorepo", "lerna"},
            id="engineering-practice",
        ),
        pytest.param(
            "Builds with Gulp or Grunt, PHPUnit tests, Scrapy spiders; HL7 and FHIR",
            {"gulp", "grunt", "phpunit", "scrapy", "hl7", "fhir"},
            id="build-php-health",
        ),
    ],
)
def test_finds_skills(extractor: Extractor, text: str, expected: set[str]) -> None:
    assert expected <= ids(extractor, text)


AMBIGUOUS_CASES = [
    # (skill id, counts in this text, does not count in this one)
    ("r_lang", "Experience with Python, R and SQL.", "Plan R is our fallback."),
    ("r_lang", "Experience with R & Python.", "Join our R & D team using Python."),
    ("go", "Our backend is written in Go.", "Go home early on Fridays."),
    ("c", "Strong knowledge of C and assembly.", "We closed our Series C last year."),
    ("d_lang", "Proficient in C++ or D for systems work.", "Plan D is not an option."),
    ("spark", "Experience with Spark, Kafka and Airflow.", "Spark curiosity in our users."),
    ("excel", "Advanced Excel skills are needed.", "Excel at helping customers."),
    ("microsoft_access", "Knowledge of Access and SQL Server.", "Access to free snacks."),
    ("swift", "iOS apps in Swift and Objective-C.", "Swift decisions are valued."),
    ("rust", "Experience with Rust programming.", "Rust never sleeps on old boats."),
    ("unity", "Game development with Unity and C#.", "Unity is one of our values."),
    ("chef", "Configuration with Chef, Ansible or Terraform.", "Our chef cooks lunch daily."),
    ("puppet", "Knowledge of Puppet and Ansible.", "Puppet shows for team events."),
    ("julia", "Numerical code in Julia language.", "Julia leads the design team."),
    ("ruby", "Experience with Ruby and PostgreSQL.", "Ruby will be your manager."),
    ("spring", "Backend in Java, Spring and Kafka.", "Spring is the best time to join."),
    ("aws_lambda", "Serverless with Lambda, S3 and DynamoDB.", "Lambda is a Greek letter."),
    ("nodejs", "Experience with Node and MongoDB.", "Each Node is a person we help."),
    ("scheme", "Functional code in Scheme and Haskell.", "A generous pension Scheme."),
    ("german", "Fluent in German and English.", "A German company with offices."),
    ("apache_http_server", "Setup of Apache and Tomcat servers.", "Apache helicopters flew by."),
    ("microsoft_windows", "Experience with Linux and Windows.", "Windows face the garden."),
    ("dagger", "Experience with Dagger and Retrofit.", "A dagger hung on the wall."),
    ("google_workspace", "Admin of Google Workspace and Slack.", "Bright, quiet workspaces."),
    ("oracle_database", "Databases such as PostgreSQL, Oracle or MySQL.", "Oracle is a customer."),
    (
        "apache_storm",
        "Stream processing with Storm, Spark or Flink.",
        "Storm warnings today.",
    ),
    ("drone_ci", "CI with Jenkins, Drone or GitLab CI.", "A Drone flew over the office."),
    ("cocoa", "Familiar with Swift, Objective-C and Cocoa.", "Free Cocoa in the kitchen."),
    ("volley", "Libraries like Retrofit, Picasso and Volley.", "Volley ball on Fridays."),
    ("sap", "Good knowledge of SAP and ABAP.", "Join the SAP journey to intelligent enterprises."),
    ("less_css", "Styles in Sass or LESS.", "Coach and mentor less experienced peers."),
    ("apache_pig", "Experience with Hive, Pig and Spark.", "A pig roast at the summer party."),
    ("beam", "Pipelines with Beam, Flink or Spark.", "Beam with pride at your work."),
    ("karma_runner", "Unit tests with Jasmine and Karma.", "Good Karma in the team."),
    ("gcc", "Builds with GCC, Clang and CMake.", "Offices across the GCC region."),
    ("capacitor_js", "Experience with Angular, Ionic and Capacitor.", "A Capacitor stores charge."),
    ("php_composer", "PHP with Symfony, Doctrine and Composer.", "A Composer of film music."),
    ("laravel_blade", "Views in Laravel, Blade and Vue.", "Sharp as a Blade."),
    ("nexus_repository", "Artifacts in Nexus or Artifactory.", "The Nexus of our city."),
    (
        "artificial_intelligence",
        "Experience with AI and machine learning.",
        "We are an AI startup building an AI-powered platform.",
    ),
]


@pytest.mark.parametrize(
    ("skill", "text"), [pytest.param(c[0], c[1], id=f"{c[0]}-counts") for c in AMBIGUOUS_CASES]
)
def test_ambiguous_name_counts_in_skill_context(
    extractor: Extractor, skill: str, text: str
) -> None:
    assert skill in ids(extractor, text)


@pytest.mark.parametrize(
    ("skill", "text"), [pytest.param(c[0], c[2], id=f"{c[0]}-ignored") for c in AMBIGUOUS_CASES]
)
def test_ambiguous_name_ignored_elsewhere(extractor: Extractor, skill: str, text: str) -> None:
    assert skill not in ids(extractor, text)


def test_lowercase_name_counts_only_in_a_list(extractor: Extractor) -> None:
    assert "go" in ids(extractor, "Stack: python, go, docker, postgres")
    assert "go" not in ids(extractor, "Ready to go with docker")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Java 11 and Spring Boot", "Java 11", id="version"),
        pytest.param("ES6+ and CSS", "ES6+", id="version-plus"),
        pytest.param(
            "Experience with modern programming languages",
            "modern programming languages",
            id="modern",
        ),
        pytest.param("Kotlin 3 years of experience", "Kotlin", id="not-a-duration"),
        pytest.param("Knowledge of Angular 2+ and Vue", "Angular 2+", id="version-plus-spaced"),
        pytest.param("Python 3+ years of experience", "Python", id="alias-number-is-years"),
        pytest.param("Python 3 required", "Python 3", id="alias-number-is-version"),
        pytest.param("Frontend in React/Redux daily", "React/Redux", id="slash-pair"),
        # SkillSpan's annotators take the noun an "X-based" phrase describes (nlp.extent)
        pytest.param("Run Linux-based servers", "Linux-based servers", id="hyphen-joined"),
        pytest.param(
            "Experience with cloud deployment tools", "cloud deployment tools", id="grown-phrase"
        ),
        pytest.param("We use Python daily", "Python", id="not-grown"),
        pytest.param(
            "Experience with Kubernetes environments", "Kubernetes environments", id="head-noun"
        ),
        pytest.param("Knowledge of DevOps best practices", "DevOps best practices", id="head-pair"),
        pytest.param("Skills in network security", "network security", id="modifier"),
        pytest.param("Experience in C# / . Net Core", ". Net Core", id="spaced-dot"),
        pytest.param("Fan of Infrastructure-as-Code", "Infrastructure-as-Code", id="hyphen-casing"),
        pytest.param("BS or MS in Computer Science", "BS or MS in Computer Science", id="degree"),
        pytest.param(
            "Hosting on Amazon Web Services (AWS) today",
            "Amazon Web Services (AWS)",
            id="name-with-abbreviation",
        ),
        pytest.param(
            "A Bachelor's degree in Computer Engineering",
            "Bachelor's degree in Computer Engineering",
            id="degree-possessive",
        ),
        pytest.param("Interest in Computer Science", "Computer Science", id="no-degree"),
    ],
)
def test_span_boundaries(extractor: Extractor, text: str, expected: str) -> None:
    assert expected in [t for _, t in found(extractor, text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Backend in Node.js/Express", {"nodejs"}, id="dotted-name-slash"),
        pytest.param("Strong C#/.NET skills", {"csharp", "dotnet"}, id="csharp-slash-dotnet"),
        pytest.param("Frontend in Vue.js/Nuxt.js", {"vue", "nuxt"}, id="two-dotted-names"),
    ],
)
def test_slash_between_punctuated_names_splits(
    extractor: Extractor, text: str, expected: set[str]
) -> None:
    assert expected <= ids(extractor, text)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Apply at https://acme.com/python-jobs today", id="url"),
        pytest.param("See acme.io/python-jobs for more", id="bare-domain-path"),
    ],
)
def test_urls_stay_whole(extractor: Extractor, text: str) -> None:
    assert "python" not in ids(extractor, text)


def test_bracketed_name_of_another_skill_stays_apart(extractor: Extractor) -> None:
    text = "Backend in Java (Spring) on AWS (EC2, S3)"
    assert found(extractor, text) == [
        ("java", "Java"),
        ("spring", "Spring"),
        ("aws", "AWS"),
        ("ec2", "EC2"),
        ("s3", "S3"),
    ]


def test_slash_pair_keeps_both_skills(extractor: Extractor) -> None:
    assert found(extractor, "Experience with React/Redux") == [
        ("react", "React/Redux"),
        ("redux", "React/Redux"),
    ]


def test_a_sentence_full_stop_before_net_is_not_dotnet(extractor: Extractor) -> None:
    assert "dotnet" not in ids(extractor, "We are growing. Net revenue rose again.")


def test_degrees_are_found(extractor: Extractor) -> None:
    # a requirement line of a posting, not a lone first line (which the relevance filter doubts)
    text = "About you\nYou have a BS/MS degree in a technical field."
    assert "university_degree" in ids(extractor, text)


def test_degree_inside_a_field_of_study_keeps_its_id(extractor: Extractor) -> None:
    text = "Bachelor's degree in Computer Science"
    assert {(s, t) for s, t in found(extractor, text)} == {
        ("university_degree", text),
        ("computer_science", text),
    }


def test_hyphenated_and_plural_spellings(extractor: Extractor) -> None:
    assert {"aws", "web_services"} <= ids(extractor, "amazon-web-services, web-services")
    assert {"relational databases", "relational-database"} <= _variants(
        ["relational database"], set()
    )
    assert _variants(["technology"], set()) == {"technologies"}


def test_unknown_terms_are_recorded_not_mentioned(extractor: Extractor) -> None:
    ((_, mentions, unknown),) = extractor.tag_with_unknown([("t", "Python, Quixotl and SQL")])
    assert [m.skill_id for m in mentions] == ["python", "sql"]
    assert [(u.text, u.start, u.end) for u in unknown] == [("Quixotl", 8, 15)]
    doc = extractor.nlp("Python, Quixotl and SQL")
    assert [s.text for s in doc.spans["unknown"]] == ["Quixotl"]


@pytest.mark.parametrize(
    ("threshold", "expected"),
    [
        pytest.param(0.0, {"python", "information_security"}, id="keep-all"),
        pytest.param(1.0, {"python"}, id="drop-generic-only"),
    ],
)
def test_relevance_filter_applies_to_generic_skills_only(
    threshold: float, expected: set[str]
) -> None:
    extractor = Extractor(load_taxonomy())
    relevance = cast(Relevance, extractor.nlp.get_pipe("skillgap_relevance"))
    relevance.model = RelevanceModel({}, 0.0, threshold)
    assert ids(extractor, "Experience with Python and security") == expected


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Let's go to the office", id="go-verb"),
        pytest.param("r and c are letters", id="lowercase-letters"),
        pytest.param("We spark joy", id="spark-verb"),
    ],
)
def test_ambiguous_words_in_prose_are_not_skills(extractor: Extractor, text: str) -> None:
    assert ids(extractor, text) & {"go", "r_lang", "c", "spark"} == set()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Acme | Grand Rapids, MI | Python engineers", set(), id="city"),
        pytest.param("For fun we raft river rapids on retreats", set(), id="river"),
        pytest.param("GPU dataframes with RAPIDS (cuDF, cuML)", {"rapids"}, id="library"),
        pytest.param("Experience with NVIDIA Rapids a plus", {"rapids"}, id="vendor-named"),
    ],
)
def test_rapids_is_the_gpu_library_not_a_place(
    extractor: Extractor, text: str, expected: set[str]
) -> None:
    assert ids(extractor, text) & {"rapids"} == expected


GENERIC_CASES = [
    # (skill id, asked for in this text, incidental in this one)
    (
        "it_infrastructure",
        "Requirements:\nExperience with infrastructure automation.",
        "About us\nWe invest in public infrastructure across Europe.",
    ),
    (
        "systems_integration",
        "Requirements:\nExperience with integration of third-party APIs.",
        "We offer seamless integration with your calendar.",
    ),
    (
        "boosting",
        "Requirements:\nKnowledge of ensemble methods such as boosting and bagging.",
        "About us\nWe help our clients grow by boosting their online presence.",
    ),
    (
        "embeddings",
        "Requirements:\nExperience with embeddings and vector search.",
        "Your tasks\nEmbedding Scrum methodology in the team.",
    ),
]


@pytest.mark.parametrize(
    ("skill", "asked", "incidental"),
    [pytest.param(*case, id=case[0]) for case in GENERIC_CASES],
)
def test_generic_knowledge_words_count_only_where_asked_for(
    extractor: Extractor, skill: str, asked: str, incidental: str
) -> None:
    assert skill in ids(extractor, asked)
    assert skill not in ids(extractor, incidental)


def test_offsets_point_at_the_text(extractor: Extractor) -> None:
    text = "Senior ML engineer.\nYou know PyTorch, Kubernetes and AWS."
    ((_, mentions),) = extractor.tag([("t", text)])
    assert mentions
    for m in mentions:
        assert text[m.start : m.end] == m.text


def test_longest_match_wins(extractor: Extractor) -> None:
    assert found(extractor, "machine learning engineer") == [
        ("machine_learning", "machine learning")
    ]


def test_component_writes_spans_labelled_with_skill_ids(extractor: Extractor) -> None:
    doc = extractor.nlp("Docker and Git")
    assert [(s.text, s.label_) for s in doc.spans[SPANS_KEY]] == [
        ("Docker", "docker"),
        ("Git", "git"),
    ]


def test_mentions_carry_versions(extractor: Extractor) -> None:
    ((_, mentions),) = extractor.tag([("p1", "Python")])
    assert mentions[0].taxonomy_version == extractor.taxonomy.version
    assert mentions[0].extractor_version == extractor.versions[1]
    assert mentions[0].posting_id == "p1"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param("Python, Quixotl and SQL", ["quixotl"], id="list-item"),
        pytest.param("React / Frobnitz / TypeScript", ["frobnitz"], id="slash-list"),
        pytest.param("Tech Stack: Python, Go, Zorblax", ["zorblax"], id="label-before-colon"),
        pytest.param("Python and Quixotl.", ["quixotl"], id="two-item-list"),
        pytest.param("Acme | Python Engineer | Austin, TX | Full-time", [], id="hn-header-line"),
        pytest.param("Python, SQL, Remote, London", [], id="common-words-and-places"),
        pytest.param("Python, SQL, strong communication skills", [], id="lowercase-prose"),
    ],
)
def test_unknown_terms_are_tool_like_list_items(
    extractor: Extractor, text: str, expected: list[str]
) -> None:
    ((_, _, unknown),) = extractor.tag_with_unknown([("t", text)])
    assert [u.term for u in unknown] == expected
    for u in unknown:
        assert text[u.start : u.end] == u.text
        assert u.taxonomy_version == extractor.taxonomy.version


def test_last_list_item_before_a_full_stop_is_an_unknown_term(extractor: Extractor) -> None:
    ((_, _, unknown),) = extractor.tag_with_unknown([("t", "Python, SQL, Quixotl.")])
    assert [u.text for u in unknown] == ["Quixotl"]


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("We run Elasticsearch/OpenSearch clusters.", id="two-names-one-skill"),
        pytest.param("Postgres/PostgreSQL and k8s/Kubernetes", id="alias-slash-alias"),
    ],
)
def test_two_names_of_one_skill_joined_by_a_slash_are_one_mention(
    extractor: Extractor, text: str
) -> None:
    ((_, mentions),) = extractor.tag([("t", text)])
    keys = [(m.skill_id, m.start, m.end) for m in mentions]
    assert keys and len(keys) == len(set(keys))


def test_a_text_longer_than_spacy_takes_is_tagged_in_pieces_with_offsets_right(
    extractor: Extractor,
) -> None:
    paragraphs = [
        f"Role {i}: you will build pipelines in Python and SQL, deploy with Docker on AWS."
        for i in range(1500)
    ]
    text = "\n\n".join(paragraphs)  # about 120,000 characters
    whole = found_with_offsets(extractor, text)
    limit = extractor.nlp.max_length
    extractor.nlp.max_length = 50_000  # spaCy refuses longer docs (E088)
    try:
        pieces = found_with_offsets(extractor, text)
    finally:
        extractor.nlp.max_length = limit
    assert len(whole) == 4 * len(paragraphs)
    assert pieces == whole
    assert all(text[start:end] == span for _, start, end, span in pieces)


def found_with_offsets(extractor: Extractor, text: str) -> list[tuple[str, int, int, str]]:
    ((_, mentions),) = extractor.tag([("t", text)])
    return [(m.skill_id, m.start, m.end, m.text) for m in mentions]


def test_mentions_carry_the_level_set_on_each_span(extractor: Extractor) -> None:
    text = "Requirements:\n- Python and SQL\nNice to have: Kafka, Terraform\nWe use Docker."
    doc = extractor.nlp(text)
    levels = [m.requirement for m in extractor.mentions("p1", doc)]
    assert levels == [span._.requirement for span in doc.spans["skills"]]
    assert {"required", "preferred"} <= set(levels)
