-- The case list shows the longest-waiting step first (status_since, id): with this index a page is read in order
-- instead of sorting every case in scope (ListsBenchmark: 200,000 cases at a million enterprises).
CREATE INDEX award_case_since_idx ON award_case (status_since, id);
