"""Role profiles: the skills a role needs, by cluster (``nlp/taxonomy/profiles.toml``).

The AI/ML technician profile is the one the report sets postings and training programmes
against; :func:`check_profile` holds it to the taxonomy.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from extract.errors import TaxonomyError
from nlp.categories import CLUSTERS
from nlp.skills import DATA_DIR, Taxonomy


@dataclass(frozen=True, slots=True)
class ProfileCluster:
    """One cluster of a role profile: what it covers and the ids of its skills."""

    cluster: str
    name: str
    description: str
    skill_ids: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Profile:
    """The skills a role needs, grouped in clusters (one per value of :data:`CLUSTERS`)."""

    profile_id: str
    name: str
    description: str
    clusters: tuple[ProfileCluster, ...]

    @property
    def skill_ids(self) -> frozenset[str]:
        """Every skill id the profile lists, in any cluster."""
        return frozenset(i for c in self.clusters for i in c.skill_ids)

    def cluster_of(self, skill_id: str) -> str | None:
        """The cluster that lists ``skill_id``, or None when the profile does not list it."""
        return next((c.cluster for c in self.clusters if skill_id in c.skill_ids), None)


def load_profile(
    profile_id: str = "ai_ml_technician",
    path: Path | None = None,
    taxonomy: Taxonomy | None = None,
) -> Profile:
    """Load a role profile from ``profiles.toml`` (the packaged one unless ``path`` is given).

    With ``taxonomy``, also check that every listed id is a skill of it and that no listed
    skill carries a different cluster; a mismatch raises :class:`TaxonomyError`.

    >>> load_profile().cluster_of("pytorch")  # doctest: +SKIP
    'deep_learning'
    """
    path = path if path is not None else DATA_DIR / "profiles.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise TaxonomyError(f"{path}: cannot read profiles: {exc}") from exc
    raw = data.get("profiles", {}).get(profile_id)
    if not isinstance(raw, dict):
        raise TaxonomyError(f"{path}: no profile {profile_id!r}")
    clusters = []
    for item in raw.get("clusters", []):
        cluster = item.get("cluster")
        if cluster not in CLUSTERS:
            raise TaxonomyError(f"{path}: {profile_id}: cluster {cluster!r} is not in CLUSTERS")
        ids = item.get("skills", [])
        if not isinstance(ids, list) or not all(isinstance(i, str) for i in ids):
            raise TaxonomyError(f"{path}: {profile_id}.{cluster}: 'skills' must list ids")
        clusters.append(
            ProfileCluster(
                cluster,
                str(item.get("name", cluster)),
                str(item.get("description", "")),
                tuple(ids),
            )
        )
    profile = Profile(
        profile_id,
        str(raw.get("name", profile_id)),
        str(raw.get("description", "")),
        tuple(clusters),
    )
    if taxonomy is not None:
        check_profile(profile, taxonomy)
    return profile


def check_profile(profile: Profile, taxonomy: Taxonomy) -> None:
    """Raise :class:`TaxonomyError` unless the profile's ids exist and agree on clusters."""
    seen: dict[str, str] = {}
    for group in profile.clusters:
        for skill_id in group.skill_ids:
            other = seen.setdefault(skill_id, group.cluster)
            if other != group.cluster:
                raise TaxonomyError(f"profile lists {skill_id!r} under {other} and {group.cluster}")
            skill = taxonomy.get(skill_id)
            if skill.cluster != group.cluster:
                raise TaxonomyError(
                    f"profile lists {skill_id!r} under {group.cluster}, but its cluster is"
                    f" {skill.cluster}"
                )
