-- The full company card: customer number, person names for private customers, industry, typed phones,
-- e-mails and addresses, visibility, payment terms and currency. Contacts get visibility too.

-- Per-workspace counters for human numbers (customer number now; order and ticket numbers later).
create table workspace_counters (
  workspace_id uuid not null references workspaces (id) on delete cascade,
  name text not null,
  value bigint not null default 0,
  primary key (workspace_id, name)
);

alter table companies
  add column customer_number bigint,
  add column first_name text,
  add column last_name text,
  add column industry text,
  add column visibility text not null default 'everyone' check (visibility in ('everyone', 'owner')),
  add column payment_terms_days integer check (payment_terms_days between 0 and 365),
  add column currency text check (currency ~ '^[A-Z]{3}$'),
  add column phones jsonb not null default '[]' check (jsonb_typeof(phones) = 'array'),
  add column emails jsonb not null default '[]' check (jsonb_typeof(emails) = 'array'),
  add column addresses jsonb not null default '[]' check (jsonb_typeof(addresses) = 'array');

-- Existing companies get numbers in the order they were created.
update companies c set customer_number = n.rn
from (select workspace_id, id, row_number() over (partition by workspace_id order by created_at, id) as rn from companies) n
where n.workspace_id = c.workspace_id and n.id = c.id;
insert into workspace_counters (workspace_id, name, value)
select workspace_id, 'customer_number', max(customer_number) from companies group by workspace_id;
update companies set phones = jsonb_build_array(jsonb_build_object('type', 'main', 'value', phone)) where phone is not null;
update companies set emails = jsonb_build_array(jsonb_build_object('type', 'main', 'value', email)) where email is not null;

alter table companies alter column customer_number set not null;
create unique index companies_customer_number_idx on companies (workspace_id, customer_number);
create index companies_customer_number_sort_idx on companies (workspace_id, customer_number, id) where deleted_at is null;

-- Values of a jsonb array of {value} objects, for search.
create function rapport_json_values(items jsonb) returns text
language sql immutable parallel safe as $$
  select coalesce(string_agg((item ->> 'value') || ' ' || rapport_digits(item ->> 'value'), ' '), '')
  from jsonb_array_elements(coalesce(items, '[]'::jsonb)) item
$$;

create or replace function companies_search_text() returns trigger language plpgsql as $$
begin
  new.search_text := rapport_search_text(new.name, new.org_number, rapport_digits(new.org_number), new.email,
    new.phone, rapport_digits(new.phone), new.website, new.customer_number::text,
    rapport_json_values(new.phones), rapport_json_values(new.emails));
  return new;
end $$;
drop trigger companies_search_text on companies;
create trigger companies_search_text before insert or update of name, org_number, email, phone, website, phones, emails
  on companies for each row execute function companies_search_text();
update companies set name = name;

alter table contacts
  add column visibility text not null default 'everyone' check (visibility in ('everyone', 'owner'));
