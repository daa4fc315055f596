import {
  TargetProgressQuerySchema,
  TargetProgressSchema,
  TargetsPutSchema,
  TeamProgressSchema,
  UserTargetsListSchema,
  UserTargetsSchema,
} from '@rapport/contracts/activity-targets.ts';
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/route.ts';
import * as svc from './activity-targets.service.ts';

const tags = ['Activity targets'];

export function registerActivityTargetRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/activity-targets',
    permission: 'read',
    summary: 'Weekly activity targets of every active member: calls, meetings and tasks done, or points',
    tags,
    schema: { response: { 200: UserTargetsListSchema } },
    handler: (ctx) => svc.listTargets(ctx),
  });

  route(app, {
    method: 'PUT',
    url: '/api/v1/activity-targets',
    permission: 'manage',
    summary:
      'Set the weekly targets of one member (a metric left out keeps its target, null removes it). Send the `version` you read',
    tags,
    schema: { body: TargetsPutSchema, response: { 200: UserTargetsSchema } },
    handler: (ctx, { body }) => svc.putTargets(ctx, body),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/activity-targets/progress',
    permission: 'read',
    summary:
      'Realized per ISO week (Monday to Sunday in the user’s time zone) for the last `weeks` weeks: done activities the user owns, counted by kind, and the sum of their types’ points. You see your own; managers and administrators anyone’s. Activities the caller may not see are counted too — only the numbers are given, nothing about them',
    tags,
    schema: { querystring: TargetProgressQuerySchema, response: { 200: TargetProgressSchema } },
    handler: (ctx, { query }) => svc.progress(ctx, query),
  });

  route(app, {
    method: 'GET',
    url: '/api/v1/activity-targets/team',
    permission: 'manage',
    summary:
      'Every active member’s current week (in their time zone) against their targets. Counts include activities the caller may not see; only numbers are given',
    tags,
    schema: { response: { 200: TeamProgressSchema } },
    handler: (ctx) => svc.team(ctx),
  });
}
