import type { Role } from '@rapport/contracts/workspaces.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';

export type WorkspaceRow = {
  id: string;
  name: string;
  slug: string;
  role: string;
  time_zone: string;
  language: string;
};

export const countWorkspaces = async (db: Kysely<DB>) =>
  (
    await db
      .selectFrom('workspaces')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow()
  ).n;

export const findWorkspaceByName = (db: Kysely<DB>, name: string) =>
  db.selectFrom('workspaces').selectAll().where('name', '=', name).executeTakeFirst();

export const slugTaken = async (db: Kysely<DB>, slug: string) =>
  (await db.selectFrom('workspaces').select('id').where('slug', '=', slug).executeTakeFirst()) !== undefined;

export const insertWorkspace = (db: Kysely<DB>, row: { id: string; name: string; slug: string }) =>
  db.insertInto('workspaces').values(row).execute();

export const insertMember = (db: Kysely<DB>, row: { workspace_id: string; id: string; user_id: string; role: Role }) =>
  db
    .insertInto('members')
    .values(row)
    .onConflict((oc) => oc.columns(['workspace_id', 'user_id']).doNothing())
    .execute();

export const workspacesOfUser = (db: Kysely<DB>, userId: string): Promise<WorkspaceRow[]> =>
  db
    .selectFrom('members')
    .innerJoin('workspaces', 'workspaces.id', 'members.workspace_id')
    .select([
      'workspaces.id',
      'workspaces.name',
      'workspaces.slug',
      'members.role',
      'members.time_zone',
      'members.language',
    ])
    .where('members.user_id', '=', userId)
    .where('members.deactivated_at', 'is', null)
    .orderBy('workspaces.name')
    .execute();

export const findUserByEmail = (db: Kysely<DB>, email: string) =>
  db.selectFrom('users').select(['id', 'name', 'email']).where('email', '=', email.toLowerCase()).executeTakeFirst();

export const setActiveWorkspace = (db: Kysely<DB>, sessionId: string, workspaceId: string) =>
  db.updateTable('sessions').set({ activeWorkspaceId: workspaceId }).where('id', '=', sessionId).execute();

export const listMembers = (db: Kysely<DB>, workspaceId: string) =>
  db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select([
      'members.id',
      'members.user_id',
      'users.name',
      'users.email',
      'members.role',
      'members.created_at',
      'members.deactivated_at',
    ])
    .where('members.workspace_id', '=', workspaceId)
    .orderBy('users.name')
    .execute();

export const setMemberActive = (db: Kysely<DB>, workspaceId: string, id: string, active: boolean) =>
  db
    .updateTable('members')
    .set({ deactivated_at: active ? null : new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .execute();

export const findMember = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db.selectFrom('members').selectAll().where('workspace_id', '=', workspaceId).where('id', '=', id).executeTakeFirst();

export const countAdmins = async (db: Kysely<DB>, workspaceId: string) =>
  (
    await db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('workspace_id', '=', workspaceId)
      .where('role', '=', 'admin')
      .where('deactivated_at', 'is', null)
      .executeTakeFirstOrThrow()
  ).n;

export const updateMemberRole = (db: Kysely<DB>, workspaceId: string, id: string, role: Role) =>
  db.updateTable('members').set({ role }).where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

export const deleteMember = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db.deleteFrom('members').where('workspace_id', '=', workspaceId).where('id', '=', id).execute();

/** Sessions of a removed member that point at the workspace end at once. */
export const deleteSessionsInWorkspace = (db: Kysely<DB>, userId: string, workspaceId: string) =>
  db.deleteFrom('sessions').where('userId', '=', userId).where('activeWorkspaceId', '=', workspaceId).execute();

export const listUsers = (db: Kysely<DB>, workspaceId: string) =>
  db
    .selectFrom('members')
    .innerJoin('users', 'users.id', 'members.user_id')
    .select(['users.id', 'users.name', 'users.email'])
    .where('members.workspace_id', '=', workspaceId)
    .orderBy('users.name')
    .execute();

export const isMember = async (db: Kysely<DB>, workspaceId: string, userId: string) =>
  (await db
    .selectFrom('members')
    .select('id')
    .where('workspace_id', '=', workspaceId)
    .where('user_id', '=', userId)
    .where('deactivated_at', 'is', null)
    .executeTakeFirst()) !== undefined;

export const insertInvitation = (
  db: Kysely<DB>,
  row: { workspace_id: string; id: string; email: string; role: Role; invited_by: string; expires_at: Date },
) => db.insertInto('invitations').values(row).returningAll().executeTakeFirstOrThrow();

export const listInvitations = (db: Kysely<DB>, workspaceId: string) =>
  db
    .selectFrom('invitations')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('status', '=', 'pending')
    .orderBy('created_at', 'desc')
    .execute();

export const findInvitationById = (db: Kysely<DB>, id: string) =>
  db
    .selectFrom('invitations')
    .innerJoin('workspaces', 'workspaces.id', 'invitations.workspace_id')
    .selectAll('invitations')
    .select('workspaces.name as workspace_name')
    .where('invitations.id', '=', id)
    .executeTakeFirst();

export const setInvitationStatus = (db: Kysely<DB>, workspaceId: string, id: string, status: 'accepted' | 'revoked') =>
  db
    .updateTable('invitations')
    .set({ status })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();

export const insertApiKey = (
  db: Kysely<DB>,
  row: {
    workspace_id: string;
    id: string;
    name: string;
    prefix: string;
    key_hash: string;
    role: Role;
    created_by: string;
  },
) => db.insertInto('api_keys').values(row).returningAll().executeTakeFirstOrThrow();

export const listApiKeys = (db: Kysely<DB>, workspaceId: string) =>
  db
    .selectFrom('api_keys')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .where('revoked_at', 'is', null)
    .orderBy('created_at', 'desc')
    .execute();

export const revokeApiKey = (db: Kysely<DB>, workspaceId: string, id: string) =>
  db
    .updateTable('api_keys')
    .set({ revoked_at: new Date() })
    .where('workspace_id', '=', workspaceId)
    .where('id', '=', id)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();

export const listOutbox = (db: Kysely<DB>, workspaceId: string) =>
  db
    .selectFrom('outbox_mails')
    .selectAll()
    // Account mails (password reset) have no workspace: show those addressed to this workspace's members.
    .where((eb) =>
      eb.or([
        eb('workspace_id', '=', workspaceId),
        eb.and([
          eb('workspace_id', 'is', null),
          eb(
            'to',
            'in',
            eb
              .selectFrom('members')
              .innerJoin('users', 'users.id', 'members.user_id')
              .select('users.email')
              .where('members.workspace_id', '=', workspaceId),
          ),
        ]),
      ]),
    )
    .orderBy('created_at', 'desc')
    .limit(200)
    .execute();
