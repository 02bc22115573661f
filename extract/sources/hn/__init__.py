"""Hacker News "Who is hiring?" threads: the Algolia search API and the comment header format.

The bundled month files of sightings are read by :mod:`extract.files.hn_sightings`.
"""
