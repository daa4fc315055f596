import type { Role } from '@rapport/contracts/workspaces.ts';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import type { Auth } from '../auth/auth.ts';
import type { Config } from '../config.ts';
import type { DB } from '../db/schema.ts';
import type { Mailer } from '../mail/mailer.ts';

/** Who is calling: a signed-in user, or an API key of a workspace (acting for the user who made it). */
export type Actor = {
  kind: 'user' | 'api_key';
  /** The user, or for an API key the user who created it (the default owner of what it creates). */
  userId: string;
  name: string;
  role: Role;
  apiKeyId: string | null;
};

/** Everything a service needs, passed as an argument. A transaction is just another `db`. */
export type Ctx = {
  db: Kysely<DB>;
  /**
   * Reads whose best plan does not depend on their values may run here, planned once per connection
   * (`db/pool.ts`); without it they run on `db`.
   */
  planOnce?: Kysely<DB>;
  actor: Actor;
  workspaceId: string;
  log: FastifyBaseLogger;
  now: Date;
  mailer: Mailer;
  config: Config;
};

/** App-wide dependencies, decorated on the Fastify instance. */
export type Deps = { db: Kysely<DB>; planOnce: Kysely<DB>; mailer: Mailer; config: Config; auth: Auth };

/**
 * Where a statement whose best plan cannot depend on its values runs (a read of one range of an index, a
 * write of one record by its key): on `planOnce`, except inside a transaction (`{ ...ctx, db: trx }`), whose
 * statements must stay in it.
 */
export const steadyStatements = (ctx: Pick<Ctx, 'db' | 'planOnce'>): Kysely<DB> =>
  ctx.db.isTransaction ? ctx.db : (ctx.planOnce ?? ctx.db);

/** What each role may do. A route names one permission; the role must include it. */
export type Permission = 'public' | 'signed-in' | 'read' | 'write' | 'manage' | 'admin';

const RANK: Record<Role, number> = { readonly: 1, user: 2, manager: 3, admin: 4 };
const NEEDS: Record<Exclude<Permission, 'public' | 'signed-in'>, number> = { read: 1, write: 2, manage: 3, admin: 4 };

export function roleAllows(role: Role, permission: Permission): boolean {
  if (permission === 'public' || permission === 'signed-in') return true;
  return RANK[role] >= NEEDS[permission];
}

export const isAdmin = (actor: Actor) => actor.role === 'admin';
export const atLeastManager = (actor: Actor) => RANK[actor.role] >= RANK.manager;
