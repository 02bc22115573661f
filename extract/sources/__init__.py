"""The online sources of postings, one module per provider, and their registry.

Each source is a :class:`~extract.connector.Connector` subclass declaring its ``kind`` (the
name a settings file uses), its ``settings_class`` and, where they apply, the ``secrets``
it takes from the environment and whether it is ``incremental``. To add a source, write
its module here and add its class to the tuple in :func:`source_classes`; ``flows.sources``
turns every class listed there into a kind a settings file may name.

The modules are imported when the registry is asked for, not when this package is, so
importing one source (or the board list) does not import the others.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from extract.connector import Connector


def source_classes() -> tuple[type[Connector[Any]], ...]:
    """Every online source class, in the order ``skillgap sources`` lists them."""
    from extract.sources import (
        adzuna,
        arbeitnow,
        ashby,
        greenhouse,
        jobpage,
        lever,
        remoteok,
        smartrecruiters,
        usajobs,
        workable,
    )
    from extract.sources.hn import algolia

    return (
        greenhouse.GreenhouseSource,
        lever.LeverSource,
        ashby.AshbySource,
        smartrecruiters.SmartRecruitersSource,
        workable.WorkableSource,
        usajobs.USAJobsSource,
        usajobs.USAJobsHistorySource,
        algolia.HNAlgoliaSource,
        jobpage.JobPageSource,
        remoteok.RemoteOKSource,
        arbeitnow.ArbeitnowSource,
        adzuna.AdzunaSource,
    )
