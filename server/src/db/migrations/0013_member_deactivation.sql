-- A member can be deactivated: they keep their records and their place in the history, but cannot
-- sign in to the workspace (their sessions in it end at once) until an administrator reactivates them.
alter table members add column deactivated_at timestamptz;
