-- Company categories, each with its own custom fields. A company holds several categories and the
-- values of their fields in `companies.custom_fields` (field id → value).
--
-- Deleting a category or a field archives it (`deleted_at`): it disappears from cards, lists, filters and
-- statistics, while the companies keep their links and values untouched, so restoring it brings
-- everything back. Only active categories count towards the limit of 100 and reserve their name.

create table categories (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null check (length(name) between 1 and 100),
  colour text not null default 'blue' check (colour in ('gray', 'red', 'pink', 'grape', 'violet', 'indigo', 'blue',
    'cyan', 'teal', 'green', 'lime', 'yellow', 'orange')),
  description text check (length(description) <= 1000),
  sort_order integer not null default 0,
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  deleted_at timestamptz,
  primary key (workspace_id, id)
);
-- Names are unique per workspace whatever their case, among categories in use.
create unique index categories_name_idx on categories (workspace_id, lower(name)) where deleted_at is null;
create index categories_order_idx on categories (workspace_id, sort_order, id) where deleted_at is null;

create table custom_fields (
  workspace_id uuid not null,
  id uuid not null,
  category_id uuid not null,
  key text not null check (key ~ '^[a-z][a-z0-9_]{0,39}$'),
  label text not null check (length(label) between 1 and 100),
  type text not null check (type in ('text', 'longText', 'number', 'money', 'date', 'select', 'multiSelect',
    'checkbox', 'url', 'email', 'phone', 'user', 'company', 'contact')),
  -- Select and multi-select: [{"id", "label"}]; values store the option id, so renaming an option keeps them.
  options jsonb not null default '[]' check (jsonb_typeof(options) = 'array'),
  -- Money: the currency a new value gets when none is given.
  currency text check (currency ~ '^[A-Z]{3}$'),
  required boolean not null default false,
  sort_order integer not null default 0,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  deleted_at timestamptz,
  primary key (workspace_id, id),
  foreign key (workspace_id, category_id) references categories (workspace_id, id) on delete cascade
);
create unique index custom_fields_key_idx on custom_fields (workspace_id, category_id, key) where deleted_at is null;
create index custom_fields_category_idx on custom_fields (workspace_id, category_id, sort_order);

create table company_categories (
  workspace_id uuid not null,
  company_id uuid not null,
  category_id uuid not null,
  created_at timestamptz not null default now(),
  primary key (workspace_id, company_id, category_id),
  foreign key (workspace_id, company_id) references companies (workspace_id, id) on delete cascade,
  foreign key (workspace_id, category_id) references categories (workspace_id, id) on delete cascade
);
-- "Companies in this category": the list filter and the statistics.
create index company_categories_category_idx on company_categories (workspace_id, category_id, company_id);

-- Values of custom fields, keyed by field id. An empty value is never stored: the key is absent.
alter table companies
  add column custom_fields jsonb not null default '{}' check (jsonb_typeof(custom_fields) = 'object');
-- Serves `cf.<field>` filters written as containment (`@>`) and presence (`?`) tests.
create index companies_custom_fields_idx on companies using gin (workspace_id, custom_fields) where deleted_at is null;
