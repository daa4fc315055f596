import type { Kysely } from 'kysely';
import { sql } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { insertAudit } from '../audit/audit.sql.ts';

export type ResourceRow = {
  id: string;
  name: string;
  kind: string;
  capacity: number | null;
  location: string | null;
  description: string;
  archived_at: Date | null;
  version: number;
};

const COLUMNS = ['id', 'name', 'kind', 'capacity', 'location', 'description', 'archived_at', 'version'] as const;

/** The workspace's resources by name (archived ones too when asked). */
export const selectResources = (db: Kysely<DB>, workspaceId: string, archived: boolean) =>
  db
    .selectFrom('resources')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .$if(!archived, (q) => q.where('archived_at', 'is', null))
    .orderBy(sql`archived_at is not null`)
    .orderBy(sql`lower(name)`)
    .orderBy('id')
    .execute() as Promise<ResourceRow[]>;

export const selectResource = (db: Kysely<DB>, workspaceId: string, id: string, forUpdate = false) =>
  db
    .selectFrom('resources')
    .select(COLUMNS)
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .$if(forUpdate, (q) => q.forUpdate())
    .executeTakeFirst() as Promise<ResourceRow | undefined>;

/** A resource in use with this name (case-insensitive), other than `exceptId`. */
export const selectByName = (db: Kysely<DB>, workspaceId: string, name: string, exceptId: string | null) =>
  db
    .selectFrom('resources')
    .select(['id', 'name'])
    .where('workspace_id', '=', workspaceId)
    .where(sql`lower(name)`, '=', name.toLowerCase())
    .where('archived_at', 'is', null)
    .$if(exceptId !== null, (q) => q.where('id', '<>', exceptId as string))
    .executeTakeFirst();

export type ResourceValues = {
  name: string;
  kind: string;
  capacity: number | null;
  location: string | null;
  description: string;
};

export const insertResource = (db: Kysely<DB>, workspaceId: string, id: string, v: ResourceValues) =>
  db
    .insertInto('resources')
    .values({ workspace_id: workspaceId, id, ...v })
    .execute();

export const updateResource = (
  db: Kysely<DB>,
  workspaceId: string,
  id: string,
  v: Partial<ResourceValues> & { archived_at?: Date | null },
) =>
  db
    .updateTable('resources')
    .set({ ...v, version: sql`version + 1`, updated_at: sql`now()` })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const insertResourceAudit = (
  db: Kysely<DB>,
  e: {
    workspaceId: string;
    actor: Actor;
    resourceId: string;
    action: 'create' | 'update' | 'delete' | 'restore';
    changes?: { field: string; old: unknown; new: unknown }[];
  },
) =>
  insertAudit(db, {
    workspaceId: e.workspaceId,
    actor: e.actor,
    entity: 'resource',
    entityId: e.resourceId,
    action: e.action,
    changes: e.changes,
  });
