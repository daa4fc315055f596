-- "Next activity" and "last activity" as sort orders of the company list: the companies come straight from
-- their activities in index order (modules/companies/company-list-activity.ts), one activity per company.

-- Open activities of companies by start: the soonest next activity first.
create index activities_company_next_idx on activities (workspace_id, starts_at, id)
  where deleted_at is null and done_at is null and company_id is not null;

-- Activities of companies by when they took place (a done one at its start, or when it was done if that came
-- first): the latest last activity first.
create index activities_company_last_idx
  on activities (workspace_id, (least(coalesce(starts_at, done_at), done_at)) desc, id desc)
  where deleted_at is null and company_id is not null;
