create extension if not exists pg_trgm;
create extension if not exists unaccent;
create extension if not exists btree_gin;

-- Lower-cased, accent-free text for substring search; phone numbers also appear as digits only.
create function rapport_search_text(variadic parts text[]) returns text
language sql stable parallel safe as $$
  select lower(public.unaccent(array_to_string(parts, ' ')))
$$;

create function rapport_digits(value text) returns text
language sql immutable parallel safe as $$
  select regexp_replace(coalesce(value, ''), '\D', '', 'g')
$$;

create table companies (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  name text not null,
  org_number text,
  country text check (country ~ '^[A-Z]{2}$'),
  type text not null default 'customer' check (type in ('customer', 'supplier', 'private')),
  phone text,
  email text,
  website text,
  owner_id uuid not null references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  deleted_at timestamptz,
  search_text text not null default '',
  primary key (workspace_id, id)
);

create function companies_search_text() returns trigger language plpgsql as $$
begin
  new.search_text := rapport_search_text(new.name, new.org_number, rapport_digits(new.org_number), new.email,
    new.phone, rapport_digits(new.phone), new.website);
  return new;
end $$;
create trigger companies_search_text before insert or update of name, org_number, email, phone, website
  on companies for each row execute function companies_search_text();

create index companies_name_idx on companies (workspace_id, lower(name), id) where deleted_at is null;
create index companies_owner_name_idx on companies (workspace_id, owner_id, lower(name), id) where deleted_at is null;
create index companies_org_number_idx on companies (workspace_id, org_number) where deleted_at is null;
create index companies_deleted_idx on companies (workspace_id, deleted_at, id) where deleted_at is not null;
create index companies_search_idx on companies using gin (workspace_id, search_text gin_trgm_ops) where deleted_at is null;

create table contacts (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  id uuid not null,
  first_name text not null default '',
  last_name text not null default '',
  title text,
  email text,
  phone text,
  company_id uuid,
  owner_id uuid not null references users (id),
  version integer not null default 1,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  created_by uuid,
  deleted_at timestamptz,
  search_text text not null default '',
  primary key (workspace_id, id),
  foreign key (workspace_id, company_id) references companies (workspace_id, id)
);

create function contacts_search_text() returns trigger language plpgsql as $$
begin
  new.search_text := rapport_search_text(new.first_name, new.last_name, new.first_name || ' ' || new.last_name,
    new.email, new.phone, rapport_digits(new.phone), new.title);
  return new;
end $$;
create trigger contacts_search_text before insert or update of first_name, last_name, email, phone, title
  on contacts for each row execute function contacts_search_text();

-- The sort key of "by last name, then first name" as one expression, so keyset pages are one index range scan.
create index contacts_last_name_idx on contacts (workspace_id, (lower(last_name) || chr(1) || lower(first_name)), id)
  where deleted_at is null;
create index contacts_owner_last_name_idx on contacts (workspace_id, owner_id, (lower(last_name) || chr(1) || lower(first_name)), id)
  where deleted_at is null;
create index contacts_company_idx on contacts (workspace_id, company_id) where deleted_at is null;
create index contacts_email_idx on contacts (workspace_id, lower(email)) where deleted_at is null;
create index contacts_deleted_idx on contacts (workspace_id, deleted_at, id) where deleted_at is not null;
create index contacts_search_idx on contacts using gin (workspace_id, search_text gin_trgm_ops) where deleted_at is null;
