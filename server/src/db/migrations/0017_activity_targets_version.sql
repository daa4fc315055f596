-- The version of each member's set of weekly activity targets: a manager changing them sends the version they read,
-- so two managers changing the same person's targets at once do not overwrite each other unseen.
alter table members add column targets_version integer not null default 1;
