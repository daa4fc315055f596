import { IdParamsSchema, OkSchema } from '@rapport/contracts/common.ts';
import { OutboxListSchema, UserListSchema } from '@rapport/contracts/system.ts';
import {
  ApiKeyCreatedSchema,
  ApiKeyCreateSchema,
  ApiKeyListSchema,
  InvitationCreateSchema,
  InvitationListSchema,
  InvitationSchema,
  MemberListSchema,
  MemberPatchSchema,
  MemberSchema,
  MeSchema,
  SetupResultSchema,
  SetupSchema,
  SetupStatusSchema,
  SwitchWorkspaceSchema,
} from '@rapport/contracts/workspaces.ts';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../../http/context.ts';
import { AppError } from '../../http/errors.ts';
import { openRoute, route } from '../../http/route.ts';
import * as svc from './workspaces.service.ts';
import { countWorkspaces } from './workspaces.sql.ts';

const tags = ['Workspace'];
const NoContent = { 204: z.null().describe('Done') };

export function registerWorkspaceRoutes(app: FastifyInstance, deps: Deps) {
  openRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/setup',
    permission: 'public',
    summary: 'Whether the first workspace still has to be created',
    tags,
    schema: { response: { 200: SetupStatusSchema } },
    handler: async (ctx) => ({ needed: (await countWorkspaces(ctx.db)) === 0 }),
  });

  openRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/setup',
    permission: 'public',
    summary: 'Create the first workspace and its administrator (only while none exists)',
    tags,
    status: 201,
    schema: { body: SetupSchema, response: { 201: SetupResultSchema } },
    handler: async (ctx, { body }) => {
      if ((await countWorkspaces(ctx.db)) > 0) throw new AppError('CONFLICT', 'Rapport is already set up; sign in');
      return svc.createWorkspaceWithAdmin(ctx.db, ctx.auth, body);
    },
  });

  openRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/me',
    permission: 'signed-in',
    summary: 'The signed-in user, the active workspace and all workspaces of the user',
    tags,
    schema: { response: { 200: MeSchema } },
    handler: async ({ caller, db }) => {
      if (caller.kind === 'user-only') {
        return svc.me(db, { id: caller.userId, name: caller.name, email: caller.email }, null);
      }
      if (caller.kind !== 'member') throw new AppError('UNAUTHENTICATED', 'Sign in first');
      const user = await db
        .selectFrom('users')
        .select(['id', 'name', 'email'])
        .where('id', '=', caller.actor.userId)
        .executeTakeFirstOrThrow();
      return svc.me(db, user, caller.workspaceId);
    },
  });

  openRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/me/workspace',
    permission: 'signed-in',
    summary: 'Switch the active workspace of this session',
    tags,
    schema: { body: SwitchWorkspaceSchema, response: { 200: OkSchema } },
    handler: async ({ caller, db }, { body }) => {
      if (caller.kind === 'none' || caller.sessionId === null) {
        throw new AppError('FORBIDDEN', 'An API key belongs to one workspace');
      }
      const userId = caller.kind === 'member' ? caller.actor.userId : caller.userId;
      await svc.switchWorkspace(db, userId, caller.sessionId, body.workspaceId);
      return { ok: true as const };
    },
  });

  openRoute(app, deps, {
    method: 'POST',
    url: '/api/v1/invitations/:id/accept',
    permission: 'signed-in',
    summary: 'Accept an invitation sent to your e-mail address',
    tags,
    schema: {
      params: IdParamsSchema,
      response: { 200: z.object({ workspaceId: z.uuid(), workspaceName: z.string() }) },
    },
    handler: async ({ caller, db }, { params }) => {
      if (caller.kind === 'none' || caller.sessionId === null) throw new AppError('FORBIDDEN', 'Sign in to accept');
      const userId = caller.kind === 'member' ? caller.actor.userId : caller.userId;
      const user = await db
        .selectFrom('users')
        .select(['id', 'email'])
        .where('id', '=', userId)
        .executeTakeFirstOrThrow();
      const res = await svc.acceptInvitation(db, user, params.id);
      await svc.switchWorkspace(db, user.id, caller.sessionId, res.workspaceId);
      return res;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/users',
    permission: 'read',
    summary: 'Users of the workspace (for owner pickers)',
    tags,
    schema: { response: { 200: UserListSchema } },
    handler: async (ctx) => ({ items: await svc.listUsers(ctx) }),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/members',
    permission: 'admin',
    summary: 'Members of the workspace with their roles',
    tags,
    schema: { response: { 200: MemberListSchema } },
    handler: async (ctx) => ({ items: await svc.listMembers(ctx) }),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/members/:id',
    permission: 'admin',
    summary:
      "Change a member's role, or deactivate them (`active: false`: no sign-in, their sessions in the workspace end at once, their records stay) and reactivate them",
    tags,
    schema: { params: IdParamsSchema, body: MemberPatchSchema, response: { 200: MemberSchema } },
    handler: async (ctx, { params, body }) => svc.changeMember(ctx, params.id, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/members/:id',
    permission: 'admin',
    summary: 'Remove a member from the workspace; their sessions in it end at once',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: NoContent },
    handler: async (ctx, { params }) => {
      await svc.removeMember(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/invitations',
    permission: 'admin',
    summary: 'Pending invitations',
    tags,
    schema: { response: { 200: InvitationListSchema } },
    handler: async (ctx) => ({ items: await svc.listInvitations(ctx) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/invitations',
    permission: 'admin',
    summary: 'Invite someone by e-mail',
    tags,
    status: 201,
    schema: { body: InvitationCreateSchema, response: { 201: InvitationSchema } },
    handler: async (ctx, { body }) => svc.invite(ctx, body),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/invitations/:id',
    permission: 'admin',
    summary: 'Revoke a pending invitation',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: NoContent },
    handler: async (ctx, { params }) => {
      await svc.revokeInvitation(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/api-keys',
    permission: 'admin',
    summary: 'API keys of the workspace',
    tags,
    schema: { response: { 200: ApiKeyListSchema } },
    handler: async (ctx) => ({ items: await svc.listApiKeys(ctx) }),
  });

  route(app, {
    method: 'POST',
    url: '/api/v1/api-keys',
    permission: 'admin',
    summary: 'Create an API key; the secret is in this answer only',
    tags,
    status: 201,
    schema: { body: ApiKeyCreateSchema, response: { 201: ApiKeyCreatedSchema } },
    handler: async (ctx, { body }) => svc.createApiKey(ctx.db, ctx.workspaceId, ctx.actor.userId, body.name, body.role),
  });

  route(app, {
    method: 'DELETE',
    url: '/api/v1/api-keys/:id',
    permission: 'admin',
    summary: 'Revoke an API key',
    tags,
    status: 204,
    schema: { params: IdParamsSchema, response: NoContent },
    handler: async (ctx, { params }) => {
      await svc.revokeApiKey(ctx, params.id);
      return undefined;
    },
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/outbox',
    permission: 'admin',
    summary: 'Mails sent or kept by Rapport (kept when no SMTP server is configured)',
    tags,
    schema: { response: { 200: OutboxListSchema } },
    handler: async (ctx) => ({ items: await svc.listOutbox(ctx) }),
  });
}
