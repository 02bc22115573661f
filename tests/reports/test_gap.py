"""The skill-gap section against its own recomputation.

A real warehouse: postings over three years imported, tagged and profiled by the real
extractor, the 60 bundled programmes tagged lesson by lesson and the core list stored (as a
run's curricula step does). The page
is written; its numbers (figure data, tables, CSVs) are then recomputed from the tables with
SQL written here, apart from the views and macros the report reads.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import duckdb
import polars as pl
import pytest
from bs4 import BeautifulSoup, Tag

from extract.records import JobPosting, postings_to_arrow
from flows.curricula import ensure_curricula
from nlp.batch import tag_batch
from nlp.core_skills import load_core_skills
from nlp.extractor import Extractor
from nlp.skills import load_taxonomy
from reports.page import write_report
from warehouse.db import open_warehouse
from warehouse.load import load_postings, load_tagging
from warehouse.load import load_taxonomy as store_taxonomy
from warehouse.queries import postings_to_tag
from warehouse.runs import finish_run, start_run

MIN_POSTINGS = 5
Z = 1.959963984540054

# (title, body) per posting kind; PyTorch and Kubernetes grow over the years, TensorFlow fades.
TECHNICIAN = {
    2024: [
        ("Machine Learning Engineer", "Train and evaluate models with TensorFlow and Keras. "
         "Python and SQL required; statistics a must."),
        ("Data Scientist", "Model training and evaluation in Python with scikit-learn; "
         "probability and linear algebra."),
        ("MLOps Engineer", "Deploy models with Docker on AWS. Python required."),
    ],
    2025: [
        ("Machine Learning Engineer", "Train models in PyTorch and TensorFlow, Python and Git."),
        ("MLOps Engineer", "Model deployment with Docker and Kubernetes on Google Cloud; "
         "model monitoring and data drift."),
        ("Data Scientist", "Python, SQL, statistics and scikit-learn; clear communication."),
    ],
    2026: [
        ("Machine Learning Engineer", "Train and evaluate models with PyTorch. Python, Docker "
         "and Kubernetes required."),
        ("MLOps Engineer", "Build data pipelines with Airflow; deploy with Kubernetes and "
         "MLflow on Azure; model monitoring."),
        ("AI Engineer", "PyTorch, Python and Kubernetes; strong communication skills."),
    ],
}  # fmt: skip
OTHER = ("Frontend Developer", "React and TypeScript for our web app.")
PER_YEAR = 45  # technician postings per year, cycling through the three texts


@dataclass(frozen=True)
class Built:
    con: duckdb.DuckDBPyConnection
    page: BeautifulSoup
    data: Path


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Built]:
    folder = tmp_path_factory.mktemp("gap")
    con = open_warehouse(folder / "w.duckdb")
    postings = []
    for year, texts in TECHNICIAN.items():
        for n in range(PER_YEAR + 3):
            title, body = OTHER if n >= PER_YEAR else texts[n % len(texts)]
            seen = datetime(year, 1 + n % 5, 1 + n % 28, tzinfo=UTC)
            text = f"{title}\n{body}\nReference {year}-{n}."
            postings.append(JobPosting("test", f"{year}-{n}", text, seen, "t", "{}", title=title))
    load_postings(con, postings_to_arrow(postings))
    extractor = Extractor(load_taxonomy())
    taxonomy = extractor.taxonomy
    store_taxonomy(con, taxonomy.version, taxonomy.attribution, taxonomy.to_arrow())
    run_id = start_run(con, "test")
    for batch in postings_to_tag(con, *extractor.versions):
        load_tagging(con, tag_batch(extractor, batch), run_id)
    finish_run(
        con,
        run_id,
        "completed",
        taxonomy_version=extractor.versions[0],
        extractor_version=extractor.versions[1],
    )
    ensure_curricula(con, extractor)  # stores the core skills too
    out = folder / "report.html"
    write_report(con, out, top_n=5, min_postings=MIN_POSTINGS)
    page = BeautifulSoup(out.read_text(encoding="utf-8"), "html.parser")
    yield Built(con, page, folder / "report_data")
    con.close()


# The recomputation: tables only (no view or macro of the warehouse).
OWN_COUNTS = """
WITH
cur AS (
    SELECT taxonomy_version AS tv, extractor_version AS ev FROM runs
    WHERE status = 'completed' AND taxonomy_version IS NOT NULL
    ORDER BY finished_at DESC LIMIT 1
),
tech AS (
    SELECT p.posting_id, year(coalesce(p.posted_at, p.first_seen) AT TIME ZONE 'UTC') AS y
    FROM postings AS p
    JOIN posting_profiles AS f USING (posting_id)
    JOIN cur ON f.taxonomy_version = cur.tv AND f.extractor_version = cur.ev
    WHERE f.is_ai_ml_role
),
base AS (SELECT posting_id FROM tech WHERE y = (SELECT max(y) FROM tech)),
asks AS (
    SELECT DISTINCT m.posting_id, k.item_id
    FROM skill_mentions AS m
    JOIN cur ON m.taxonomy_version = cur.tv AND m.extractor_version = cur.ev
    JOIN core_skills AS k ON k.skill_id = m.skill_id
    WHERE m.requirement <> 'not_required' AND m.posting_id IN (SELECT posting_id FROM base)
),
progs AS (
    SELECT c.curriculum_id, c.kind
    FROM curricula AS c
    JOIN curriculum_tags AS t ON t.curriculum_id = c.curriculum_id
        AND t.content_hash = c.content_hash
    JOIN cur ON t.taxonomy_version = cur.tv AND t.extractor_version = cur.ev
),
teaches AS (
    SELECT m.curriculum_id, k.item_id, count(DISTINCT m.lesson) AS lessons
    FROM curriculum_mentions AS m
    JOIN cur ON m.taxonomy_version = cur.tv AND m.extractor_version = cur.ev
    JOIN core_skills AS k ON k.skill_id = m.skill_id
    GROUP BY ALL
)
SELECT
    k.item_id,
    k.item,
    (SELECT count(*) FROM asks AS a WHERE a.item_id = k.item_id) AS asked,
    (SELECT count(*) FROM base) AS technician,
    (SELECT max(y) FROM tech) AS year,
    p.curriculum_id,
    p.kind,
    coalesce(t.lessons, 0) AS lessons_naming,
    (SELECT count(*) FROM curriculum_lessons AS l WHERE l.curriculum_id = p.curriculum_id)
        AS lessons
FROM (SELECT DISTINCT item_id, item FROM core_skills) AS k
CROSS JOIN progs AS p
LEFT JOIN teaches AS t ON t.curriculum_id = p.curriculum_id AND t.item_id = k.item_id
"""


def wilson(k: int, n: int) -> tuple[float, float]:
    p, z2 = k / n, Z * Z
    centre, half = p + z2 / (2 * n), Z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))
    return (centre - half) / (1 + z2 / n), (centre + half) / (1 + z2 / n)


@pytest.fixture(scope="module")
def own(built: Built) -> pl.DataFrame:
    return built.con.sql(OWN_COUNTS).pl()


@pytest.fixture(scope="module")
def own_items(own: pl.DataFrame) -> dict[str, dict[str, Any]]:
    """Per core item: demand and coverage as recomputed here."""
    items = own.group_by("item_id", "item", "asked", "technician", "year").agg(
        (pl.col("lessons_naming") > 0).sum().alias("teaching"),
        pl.len().alias("programmes"),
    )
    return {r["item"]: r for r in items.iter_rows(named=True)}


@pytest.fixture(scope="module")
def own_fit(own: pl.DataFrame, own_items: dict[str, dict[str, Any]]) -> dict[str, float]:
    share = {r["item_id"]: r["asked"] / r["technician"] for r in own_items.values()}
    total = sum(share.values())
    fit: dict[str, float] = {}
    for r in own.iter_rows(named=True):
        fit.setdefault(r["curriculum_id"], 0.0)
        if r["lessons_naming"]:
            fit[r["curriculum_id"]] += share[r["item_id"]] / total
    return fit


def figure(page: BeautifulSoup, key: str) -> dict[str, Any]:
    node = page.find("script", attrs={"data-figure": f"chart-{key}"})
    assert isinstance(node, Tag), f"no chart {key}"
    return dict(json.loads(node.string or ""))


def trace(fig: dict[str, Any], name_start: str) -> dict[str, Any]:
    return next(t for t in fig["data"] if str(t.get("name", "")).startswith(name_start))


def table_rows(page: BeautifulSoup, key: str) -> list[list[str]]:
    block = page.find("div", id=f"chart-{key}")
    assert isinstance(block, Tag)
    container = block.find_parent("figure")
    assert isinstance(container, Tag)
    return [[td.get_text() for td in tr.find_all("td")] for tr in container.select("tbody tr")]


def test_the_core_gap_on_the_page_is_the_recomputed_one(
    built: Built, own_items: dict[str, dict[str, Any]]
) -> None:
    fig = figure(built.page, "core-gap")
    demand = trace(fig, "demand")
    coverage = trace(fig, "coverage")
    shown = dict(zip(demand["y"], demand["x"], strict=True))
    taught = dict(zip(coverage["y"], coverage["x"], strict=True))
    seed = [item.name for item in load_core_skills()]
    assert sorted(shown) == sorted(seed), "every core skill is drawn"
    for name, r in own_items.items():
        low, high = wilson(r["asked"], r["technician"])
        assert shown[name] == pytest.approx(100 * r["asked"] / r["technician"]), name
        assert taught[name] == pytest.approx(100 * r["teaching"] / r["programmes"]), name
        at = demand["y"].index(name)
        assert demand["error_x"]["array"][at] == pytest.approx(100 * high - shown[name]), name
        assert demand["error_x"]["arrayminus"][at] == pytest.approx(shown[name] - 100 * low)
    rows = {row[1]: row for row in table_rows(built.page, "core-gap")}
    assert sorted(rows) == sorted(seed), "every core skill has a row, zeros included"
    for name, r in own_items.items():
        assert rows[name][3].endswith(f"({r['asked']}/{r['technician']})"), name
        assert rows[name][5].endswith(f"({r['teaching']}/{r['programmes']})"), name
        gap = 100 * (r["asked"] / r["technician"] - r["teaching"] / r["programmes"])
        assert float(rows[name][6]) == pytest.approx(gap, abs=0.051), name
    assert any(r["asked"] == 0 for r in own_items.values()), "the data has a zero-demand item"
    assert {r["year"] for r in own_items.values()} == {2026}
    assert min(r["technician"] for r in own_items.values()) >= 30, "technician postings counted"
    assert {r["programmes"] for r in own_items.values()} == {60}
    csv = pl.read_csv(built.data / "core-gap.csv")
    assert dict(zip(csv["item"], csv["demand_postings"], strict=True)) == {
        name: r["asked"] for name, r in own_items.items()
    }


def test_programme_fit_on_the_page_is_the_recomputed_one(
    built: Built, own: pl.DataFrame, own_fit: dict[str, float]
) -> None:
    csv = pl.read_csv(built.data / "programme-fit.csv")
    assert csv.height == 60
    for cid, fit in zip(csv["curriculum_id"], csv["fit"], strict=True):
        assert fit == pytest.approx(own_fit[cid]), cid
    fig = figure(built.page, "programme-fit")
    drawn = sorted(x for t in fig["data"] for x in t["x"])
    assert drawn == pytest.approx(sorted(100 * f for f in own_fit.values()))
    # the best per kind, as the table of best-fitting programmes names them
    kinds = dict(zip(own["curriculum_id"], own["kind"], strict=True))
    names = dict(zip(csv["curriculum_id"], csv["name"], strict=True))
    best = {}
    for cid, fit in own_fit.items():
        if kinds[cid] not in best or fit > own_fit[best[kinds[cid]]]:
            best[kinds[cid]] = cid
    caption = built.page.find("caption", string=lambda s: bool(s and "best-fitting" in s))
    assert isinstance(caption, Tag)
    listed = caption.find_parent("table")
    assert isinstance(listed, Tag)
    firsts = {
        cells[0]: cells[2]
        for tr in listed.select("tbody tr")
        for cells in [[td.get_text() for td in tr.find_all("td")]]
        if cells[1] == "1"
    }
    assert firsts == {kind: names[cid] for kind, cid in best.items()}
    overall = max(own_fit, key=lambda c: own_fit[c])
    assert figure(built.page, "programme-fit")["layout"]["title"]["text"].startswith(
        f"Best fit: {names[overall]}"[:40]
    )


def test_coverage_by_kind_and_the_matrix_are_the_recomputed_ones(
    built: Built, own: pl.DataFrame
) -> None:
    heat = figure(built.page, "core-coverage-by-kind")["data"][0]
    by_kind = own.group_by("item", "kind").agg(
        ((pl.col("lessons_naming") > 0).sum() / pl.len()).alias("coverage")
    )
    kinds = [label.split(" (")[0] for label in heat["x"]]
    for r in by_kind.iter_rows(named=True):
        z = heat["z"][heat["y"].index(r["item"])][kinds.index(r["kind"])]
        assert z == pytest.approx(100 * r["coverage"]), (r["item"], r["kind"])
    matrix = pl.read_csv(built.data / "programme-core-matrix.csv")
    joined = matrix.join(own, on=["curriculum_id", "item_id"])
    assert joined.height == own.height == 60 * 19
    for r in joined.iter_rows(named=True):
        assert r["taught"] is (r["lessons_naming_right"] > 0)
        assert r["lesson_share"] == pytest.approx(r["lessons_naming_right"] / r["lessons_right"])


def test_the_gap_over_time_and_the_surplus_follow_their_rules(built: Built) -> None:
    rows = pl.read_csv(built.data / "core-gap-over-time.csv")
    assert set(rows["first_year"]) == {2024} and set(rows["last_year"]) == {2026}
    for r in rows.iter_rows(named=True):
        first_high = wilson(r["first_postings"], r["first_total"])[1]
        last_low = wilson(r["last_postings"], r["last_total"])[0]
        change = r["last_share"] - r["first_share"]
        low = change - math.hypot(r["last_share"] - last_low, first_high - r["first_share"])
        assert r["change_low"] == pytest.approx(low), r["item"]
        assert r["grew"] is (low > 0)
        assert r["keeps_up"] is (r["coverage"] >= r["last_share"])
    grew = rows.filter(pl.col("grew"))["item"].to_list()
    assert "Kubernetes" in grew, "Kubernetes rises from 0 to two thirds of technician postings"
    surplus = pl.read_csv(built.data / "skill-surplus.csv")
    assert not surplus.is_empty()
    for r in surplus.iter_rows(named=True):
        assert r["coverage"] >= 0.2 and r["coverage"] >= 3 * r["ci_high"], r["skill"]
