"""The warehouse's views and table macros, one ``<name>.sql`` file each.

``warehouse.db.migrate`` creates or replaces all of them after the numbered migrations, each
after the files it reads, so changing a chart's SQL means editing its one file. Views named
``v_*`` read only the versions of the last completed tagging run (``v_current_versions``).

Every chart of the report reads a table macro called with the report's filters (``since``,
``until``: months, inclusive; ``countries``, ``sources``: lists; ``title_pattern``: a
case-insensitive regular expression; NULL means no filter), and each macro has a view with
its defaults, so a researcher gets the report's numbers with plain SQL::

    SELECT * FROM v_skill_share_monthly;
    SELECT * FROM share_monthly(since := DATE '2026-02-01', sources := ['hn']);

To retire a view, delete its file and add a numbered migration that drops it from existing
warehouses (``DROP VIEW IF EXISTS ...``). Every view is listed in ``docs/data-dictionary.md``
(a test holds the two together).
"""
