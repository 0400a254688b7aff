-- Issue 14: two indexes that are the leading columns of another one. Every key and every decision written updated
-- them for nothing (each is one more page rewritten per commit), and H2 picked the shorter decisions index for the
-- admin's decision-log page and then sorted, where (project_id, at, id) gives the order as it reads.
drop index access_keys_project;
drop index decisions_project_at;
