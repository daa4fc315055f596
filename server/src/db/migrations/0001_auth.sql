-- Tables of better-auth (users, sessions, passwords, verification tokens, rate limits).
-- Column names are better-auth's own (camelCase); Rapport's tables use snake_case.
create table "users" (
  "id" uuid not null primary key,
  "name" text not null,
  "email" text not null unique,
  "emailVerified" boolean not null,
  "image" text,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz default current_timestamp not null
);

create table "sessions" (
  "id" uuid not null primary key,
  "expiresAt" timestamptz not null,
  "token" text not null unique,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz not null,
  "ipAddress" text,
  "userAgent" text,
  "userId" uuid not null references "users" ("id") on delete cascade,
  "activeWorkspaceId" uuid
);
create index "sessions_userId_idx" on "sessions" ("userId");

create table "accounts" (
  "id" uuid not null primary key,
  "accountId" text not null,
  "providerId" text not null,
  "userId" uuid not null references "users" ("id") on delete cascade,
  "accessToken" text,
  "refreshToken" text,
  "idToken" text,
  "accessTokenExpiresAt" timestamptz,
  "refreshTokenExpiresAt" timestamptz,
  "scope" text,
  "password" text,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz not null
);
create index "accounts_userId_idx" on "accounts" ("userId");

create table "verifications" (
  "id" uuid not null primary key,
  "identifier" text not null,
  "value" text not null,
  "expiresAt" timestamptz not null,
  "createdAt" timestamptz default current_timestamp not null,
  "updatedAt" timestamptz default current_timestamp not null
);
create index "verifications_identifier_idx" on "verifications" ("identifier");

create table "rate_limits" (
  "id" text not null primary key,
  "key" text not null unique,
  "count" integer not null,
  "lastRequest" bigint not null
);

-- Lockout after repeated failed sign-ins, per e-mail address.
create table sign_in_failures (
  email text primary key,
  failures integer not null default 0,
  first_failure_at timestamptz not null default now(),
  locked_until timestamptz
);
