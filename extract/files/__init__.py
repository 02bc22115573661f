"""File readers: postings from CSV, JSON Lines and Parquet, JobSpy exports, HN sightings
files, and curricula files. Each reads a path given to it; none fetches anything."""
