-- Activities (tasks, calls, meetings), the diary, bookable resources, notifications,
-- calendar feeds and weekly activity targets.

-- Each member's own time zone, language of the mails Rapport sends them, and whether reminders also come by mail.
alter table members
  add column time_zone text not null default 'Europe/Oslo',
  add column language text not null default 'en' check (language in ('en', 'nb', 'sv')),
  add column reminder_email boolean not null default true;

-- Activity types: three built-in kinds; administrators add their own (each is one of the kinds).
-- Built-in types have no name: the app shows the kind's name in the reader's language.
create table activity_types (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  kind text not null check (kind in ('task', 'call', 'meeting')),
  name text,
  builtin boolean not null default false,
  color text check (color ~ '^#[0-9a-fA-F]{6}$'),
  points integer not null default 0 check (points between 0 and 1000),
  default_minutes integer check (default_minutes between 0 and 1440),
  sort_order integer not null default 0,
  archived_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  primary key (workspace_id, id),
  check (builtin or name is not null)
);
create unique index activity_types_name_idx on activity_types (workspace_id, lower(name))
  where archived_at is null and name is not null;
create unique index activity_types_builtin_idx on activity_types (workspace_id, kind) where builtin;

create function activity_types_seed(ws uuid) returns void language sql as $$
  insert into activity_types (workspace_id, id, kind, builtin, points, default_minutes, sort_order)
  values (ws, gen_random_uuid(), 'task', true, 1, null, 1),
         (ws, gen_random_uuid(), 'call', true, 2, 15, 2),
         (ws, gen_random_uuid(), 'meeting', true, 5, 60, 3)
  on conflict do nothing
$$;
select activity_types_seed(id) from workspaces;
create function workspaces_seed_activity_types() returns trigger language plpgsql as $$
begin
  perform activity_types_seed(new.id);
  return new;
end $$;
create trigger workspaces_seed_activity_types after insert on workspaces
  for each row execute function workspaces_seed_activity_types();

-- Bookable rooms and equipment.
create table resources (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  kind text not null default 'room' check (kind in ('room', 'equipment')),
  capacity integer check (capacity between 1 and 100000),
  location text,
  description text not null default '',
  archived_at timestamptz,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (workspace_id, id)
);
create unique index resources_name_idx on resources (workspace_id, lower(name)) where archived_at is null;

-- One activity. A task's date is starts_at (ends_at stays null); a call or meeting has both.
-- A recurring activity keeps its RRULE (RFC 5545, without the "RRULE:" prefix), expanded in its
-- time_zone's wall-clock time; exdates are the original starts of removed occurrences. A changed single
-- occurrence is its own row with series_id (the series) and recurrence_id (the occurrence's original start).
create table activities (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  type_id uuid not null,
  kind text not null check (kind in ('task', 'call', 'meeting')),
  title text not null check (length(title) between 1 and 500),
  description text not null default '',
  location text,
  starts_at timestamptz,
  ends_at timestamptz,
  all_day boolean not null default false,
  time_zone text not null default 'Europe/Oslo',
  priority text not null default 'normal' check (priority in ('low', 'normal', 'high')),
  done_at timestamptz,
  done_by uuid references users (id) on delete set null,
  owner_id uuid not null references users (id),
  company_id uuid,
  contact_id uuid,
  private boolean not null default false,
  reminder_minutes integer check (reminder_minutes between 0 and 40320),
  rrule text,
  exdates timestamptz[] not null default '{}',
  series_id uuid,
  recurrence_id timestamptz,
  ical_uid text not null,
  ical_sequence integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  deleted_at timestamptz,
  search_text text not null default '',
  primary key (workspace_id, id),
  foreign key (workspace_id, type_id) references activity_types (workspace_id, id),
  foreign key (workspace_id, company_id) references companies (workspace_id, id),
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id),
  foreign key (workspace_id, series_id) references activities (workspace_id, id),
  check (ends_at is null or (starts_at is not null and ends_at >= starts_at)),
  check (rrule is null or starts_at is not null),
  check ((series_id is null) = (recurrence_id is null))
);

create function activities_search_text() returns trigger language plpgsql as $$
begin
  new.search_text := rapport_search_text(new.title, new.location);
  return new;
end $$;
create trigger activities_search_text before insert or update of title, location
  on activities for each row execute function activities_search_text();

-- Diary: one user's activities in a time range.
create index activities_owner_start_idx on activities (workspace_id, owner_id, starts_at, id) where deleted_at is null;
-- Task list: open tasks by due date.
create index activities_open_idx on activities (workspace_id, owner_id, starts_at, id)
  where deleted_at is null and done_at is null;
-- The card's activity list, and "next" / "last" activity of a company or contact.
create index activities_company_idx on activities (workspace_id, company_id, starts_at, id)
  where deleted_at is null and company_id is not null;
create index activities_contact_idx on activities (workspace_id, contact_id, starts_at, id)
  where deleted_at is null and contact_id is not null;
-- Recurring series are few: read them all for a range and expand them in the application.
create index activities_recurring_idx on activities (workspace_id, owner_id) where deleted_at is null and rrule is not null;
create unique index activities_occurrence_idx on activities (workspace_id, series_id, recurrence_id)
  where series_id is not null and deleted_at is null;
-- Weekly targets count what was done in a week.
create index activities_done_idx on activities (workspace_id, owner_id, done_at) where deleted_at is null and done_at is not null;
create index activities_search_idx on activities using gin (workspace_id, search_text gin_trgm_ops) where deleted_at is null;

-- Colleagues and contacts taking part (a colleague may also be an assignee of a task).
create table activity_participants (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  activity_id uuid not null,
  user_id uuid references users (id) on delete cascade,
  contact_id uuid,
  response text not null default 'needs-action'
    check (response in ('needs-action', 'accepted', 'declined', 'tentative')),
  invited_at timestamptz,
  primary key (workspace_id, id),
  foreign key (workspace_id, activity_id) references activities (workspace_id, id) on delete cascade,
  foreign key (workspace_id, contact_id) references contacts (workspace_id, id),
  check ((user_id is null) <> (contact_id is null))
);
create unique index activity_participants_user_idx on activity_participants (workspace_id, activity_id, user_id)
  where user_id is not null;
create unique index activity_participants_contact_idx on activity_participants (workspace_id, activity_id, contact_id)
  where contact_id is not null;
-- A colleague's diary also shows what they take part in.
create index activity_participants_by_user_idx on activity_participants (workspace_id, user_id, activity_id)
  where user_id is not null;
create index activity_participants_by_contact_idx on activity_participants (workspace_id, contact_id, activity_id)
  where contact_id is not null;

-- Resources booked by an activity (a double booking is refused by the service under an advisory lock,
-- since recurring bookings are expanded in the application).
create table activity_resources (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  activity_id uuid not null,
  resource_id uuid not null,
  primary key (workspace_id, activity_id, resource_id),
  foreign key (workspace_id, activity_id) references activities (workspace_id, id) on delete cascade,
  foreign key (workspace_id, resource_id) references resources (workspace_id, id)
);
create index activity_resources_resource_idx on activity_resources (workspace_id, resource_id, activity_id);

-- Reminders already delivered (one per user and occurrence), so a retried job sends nothing twice.
create table activity_reminders_sent (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  activity_id uuid not null,
  occurrence_start timestamptz not null,
  user_id uuid not null references users (id) on delete cascade,
  sent_at timestamptz not null default now(),
  primary key (workspace_id, activity_id, occurrence_start, user_id),
  foreign key (workspace_id, activity_id) references activities (workspace_id, id) on delete cascade
);

-- In-app notifications (the bell). The app renders kind + params in the reader's language.
create table notifications (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  user_id uuid not null references users (id) on delete cascade,
  kind text not null,
  params jsonb not null default '{}',
  path text,
  actor_id uuid references users (id) on delete set null,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  primary key (workspace_id, id)
);
create index notifications_user_idx on notifications (workspace_id, user_id, created_at desc, id desc);
create index notifications_unread_idx on notifications (workspace_id, user_id) where read_at is null;

-- Each user's secret iCalendar feed URL; only a SHA-256 of the token is kept, revoking ends it.
create table calendar_feeds (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  user_id uuid not null references users (id) on delete cascade,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  revoked_at timestamptz,
  primary key (workspace_id, id)
);
create index calendar_feeds_user_idx on calendar_feeds (workspace_id, user_id) where revoked_at is null;

-- Weekly activity targets per user: a number of calls, meetings or tasks done, or points.
create table activity_targets (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  user_id uuid not null references users (id) on delete cascade,
  metric text not null check (metric in ('calls', 'meetings', 'tasks', 'points')),
  weekly_target integer not null check (weekly_target between 0 and 100000),
  updated_at timestamptz not null default now(),
  updated_by uuid references users (id) on delete set null,
  primary key (workspace_id, user_id, metric)
);
