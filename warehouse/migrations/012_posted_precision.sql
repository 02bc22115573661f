-- Some sources date a posting only to its month: the HN "Who is hiring?" month files of
-- 2013-2018 have no time per comment, only the thread's month in the file name. For those,
-- posted_at holds the first instant of the month (UTC) so that every query grouping by month
-- places them right, and posted_precision = 'month' says that its day and time are not known
-- and must not be read. NULL means posted_at is as precise as its source stated it.
ALTER TABLE postings ADD COLUMN posted_precision VARCHAR;

