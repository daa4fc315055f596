import { randomBytes } from 'node:crypto';
import type { Language } from '@rapport/contracts/preferences.ts';
import type { Role, Setup } from '@rapport/contracts/workspaces.ts';
import type { Kysely } from 'kysely';
import type { Auth } from '../../auth/auth.ts';
import type { DB } from '../../db/schema.ts';
import { forgetApiKeys, hashApiKey } from '../../http/actor.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, forbidden, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import type { Mailer } from '../../mail/mailer.ts';
import * as q from './workspaces.sql.ts';

function slugify(name: string): string {
  const base = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 40);
  return base || 'workspace';
}

async function uniqueSlug(db: Kysely<DB>, name: string): Promise<string> {
  const base = slugify(name);
  for (let i = 1; ; i++) {
    const slug = i === 1 ? base : `${base}-${i}`;
    if (!(await q.slugTaken(db, slug))) return slug;
  }
}

/**
 * Creates a workspace with its first administrator. The user is created with the password,
 * or, when the e-mail already has an account, that account becomes the administrator.
 */
export async function createWorkspaceWithAdmin(db: Kysely<DB>, auth: Auth, input: Setup) {
  if (await q.findWorkspaceByName(db, input.workspace)) {
    throw new AppError('CONFLICT', `A workspace named "${input.workspace}" already exists`);
  }
  let user = await q.findUserByEmail(db, input.email);
  if (!user) {
    const created = await auth.api.signUpEmail({
      body: { name: input.name, email: input.email, password: input.password },
    });
    user = { id: created.user.id, name: created.user.name, email: created.user.email };
  }
  const workspaceId = newId();
  const userId = user.id;
  await db.transaction().execute(async (tx) => {
    await q.insertWorkspace(tx, {
      id: workspaceId,
      name: input.workspace,
      slug: await uniqueSlug(tx, input.workspace),
    });
    await q.insertMember(tx, { workspace_id: workspaceId, id: newId(), user_id: userId, role: 'admin' });
  });
  return { workspaceId, userId };
}

export async function me(db: Kysely<DB>, user: { id: string; name: string; email: string }, activeId: string | null) {
  const rows = await q.workspacesOfUser(db, user.id);
  const workspaces = rows.map((r) => ({ id: r.id, name: r.name, slug: r.slug, role: r.role as Role }));
  // The member's own time zone and language in the active workspace (their preferences).
  const active = rows.find((r) => r.id === activeId);
  return {
    user,
    workspace: workspaces.find((w) => w.id === activeId) ?? null,
    workspaces,
    timeZone: active?.time_zone ?? null,
    language: active ? (active.language as Language) : null,
  };
}

export async function switchWorkspace(db: Kysely<DB>, userId: string, sessionId: string, workspaceId: string) {
  if (!(await q.isMember(db, workspaceId, userId))) throw notFound('Workspace');
  await q.setActiveWorkspace(db, sessionId, workspaceId);
}

export async function listMembers(ctx: Ctx) {
  const rows = await q.listMembers(ctx.db, ctx.workspaceId);
  return rows.map((r) => ({
    id: r.id,
    userId: r.user_id,
    name: r.name,
    email: r.email,
    role: r.role as Role,
    active: r.deactivated_at === null,
    createdAt: new Date(r.created_at).toISOString(),
  }));
}

/** Changing or removing a member never leaves a workspace without an administrator. */
async function guardLastAdmin(ctx: Ctx, memberId: string, newRole: Role | null) {
  const member = await q.findMember(ctx.db, ctx.workspaceId, memberId);
  if (!member) throw notFound('Member');
  const activeAdmin = member.role === 'admin' && member.deactivated_at === null;
  if (activeAdmin && newRole !== 'admin' && (await q.countAdmins(ctx.db, ctx.workspaceId)) <= 1) {
    throw new AppError('CONFLICT', 'A workspace needs at least one administrator');
  }
  return member;
}

/** Changes a member's role, or deactivates (their sessions in the workspace end at once) or reactivates them. */
export async function changeMember(
  ctx: Ctx,
  memberId: string,
  patch: { role?: Role | undefined; active?: boolean | undefined },
) {
  await ctx.db.transaction().execute(async (db) => {
    const current = await q.findMember(db, ctx.workspaceId, memberId);
    if (!current) throw notFound('Member');
    const role = patch.role ?? (current.role as Role);
    if (patch.active === false) {
      if (current.user_id === ctx.actor.userId) throw new AppError('CONFLICT', 'You cannot deactivate yourself');
      await guardLastAdmin({ ...ctx, db }, memberId, null);
      await q.setMemberActive(db, ctx.workspaceId, memberId, false);
      await q.deleteSessionsInWorkspace(db, current.user_id, ctx.workspaceId);
    } else {
      await guardLastAdmin({ ...ctx, db }, memberId, role);
      if (patch.active === true) await q.setMemberActive(db, ctx.workspaceId, memberId, true);
    }
    if (patch.role) await q.updateMemberRole(db, ctx.workspaceId, memberId, patch.role);
  });
  const updated = (await listMembers(ctx)).find((m) => m.id === memberId);
  if (!updated) throw notFound('Member');
  return updated;
}

export async function removeMember(ctx: Ctx, memberId: string) {
  await ctx.db.transaction().execute(async (db) => {
    const member = await guardLastAdmin({ ...ctx, db }, memberId, null);
    await q.deleteMember(db, ctx.workspaceId, memberId);
    await q.deleteSessionsInWorkspace(db, member.user_id, ctx.workspaceId);
  });
}

const toInvitation = (r: { id: string; email: string; role: string; status: string; expires_at: Date | string }) => ({
  id: r.id,
  email: r.email,
  role: r.role as Role,
  status: r.status,
  expiresAt: new Date(r.expires_at).toISOString(),
});

export async function invite(ctx: Ctx, input: { email: string; role: Role }) {
  if (input.role === 'admin' && ctx.actor.role !== 'admin')
    throw forbidden('Only administrators can invite administrators');
  const row = await q.insertInvitation(ctx.db, {
    workspace_id: ctx.workspaceId,
    id: newId(),
    email: input.email.toLowerCase(),
    role: input.role,
    invited_by: ctx.actor.userId,
    expires_at: new Date(ctx.now.getTime() + 7 * 24 * 3600 * 1000),
  });
  const workspace = await ctx.db
    .selectFrom('workspaces')
    .select('name')
    .where('id', '=', ctx.workspaceId)
    .executeTakeFirstOrThrow();
  await ctx.mailer.send({
    workspaceId: ctx.workspaceId,
    to: row.email,
    subject: `${ctx.actor.name} invited you to ${workspace.name} on Rapport`,
    text: `${ctx.actor.name} invited you to join the workspace "${workspace.name}" as ${input.role}.\n\nAccept the invitation (valid for 7 days):\n${ctx.config.publicUrl}/invite/${row.id}\n`,
  });
  return toInvitation(row);
}

export const listInvitations = async (ctx: Ctx) => (await q.listInvitations(ctx.db, ctx.workspaceId)).map(toInvitation);

export async function revokeInvitation(ctx: Ctx, id: string) {
  const res = await q.setInvitationStatus(ctx.db, ctx.workspaceId, id, 'revoked');
  if (Number(res.numUpdatedRows) === 0) throw notFound('Invitation');
}

/** The signed-in user accepts an invitation sent to their own e-mail address. */
export async function acceptInvitation(db: Kysely<DB>, user: { id: string; email: string }, invitationId: string) {
  const inv = await q.findInvitationById(db, invitationId);
  if (!inv || inv.email !== user.email.toLowerCase()) throw notFound('Invitation');
  if (inv.status !== 'pending') throw new AppError('CONFLICT', 'This invitation was already used or revoked');
  if (new Date(inv.expires_at).getTime() < Date.now()) throw new AppError('CONFLICT', 'This invitation has expired');
  await db.transaction().execute(async (tx) => {
    await q.setInvitationStatus(tx, inv.workspace_id, inv.id, 'accepted');
    await q.insertMember(tx, { workspace_id: inv.workspace_id, id: newId(), user_id: user.id, role: inv.role as Role });
  });
  return { workspaceId: inv.workspace_id, workspaceName: inv.workspace_name };
}

const toApiKey = (r: {
  id: string;
  name: string;
  prefix: string;
  role: string;
  created_at: Date | string;
  last_used_at: Date | null;
}) => ({
  id: r.id,
  name: r.name,
  prefix: r.prefix,
  role: r.role as Role,
  createdAt: new Date(r.created_at).toISOString(),
  lastUsedAt: r.last_used_at ? new Date(r.last_used_at).toISOString() : null,
});

/** The secret is returned once; only its SHA-256 is stored. */
export async function createApiKey(db: Kysely<DB>, workspaceId: string, createdBy: string, name: string, role: Role) {
  const key = `rk_${randomBytes(24).toString('base64url')}`;
  const row = await q.insertApiKey(db, {
    workspace_id: workspaceId,
    id: newId(),
    name,
    prefix: key.slice(0, 8),
    key_hash: hashApiKey(key),
    role,
    created_by: createdBy,
  });
  return { ...toApiKey(row), key };
}

export const listApiKeys = async (ctx: Ctx) => (await q.listApiKeys(ctx.db, ctx.workspaceId)).map(toApiKey);

export async function revokeApiKey(ctx: Ctx, id: string) {
  const res = await q.revokeApiKey(ctx.db, ctx.workspaceId, id);
  forgetApiKeys();
  if (Number(res.numUpdatedRows) === 0) throw notFound('API key');
}

export async function listOutbox(ctx: Ctx) {
  const rows = await q.listOutbox(ctx.db, ctx.workspaceId);
  return rows.map((r) => ({
    id: r.id,
    to: r.to,
    subject: r.subject,
    text: r.text,
    createdAt: new Date(r.created_at).toISOString(),
    sentAt: r.sent_at ? r.sent_at.toISOString() : null,
    error: r.error,
  }));
}

export const listUsers = (ctx: Ctx) => q.listUsers(ctx.db, ctx.workspaceId);

export type { Mailer };
