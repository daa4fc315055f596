import { SearchQuerySchema, SearchResultSchema } from '@rapport/contracts/search.ts';
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/route.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { activityVisibleTo } from '../activities/activity-visibility.ts';
import { searchActivities, searchCompanies, searchContacts, searchKey } from './search.sql.ts';

export function registerSearchRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/search',
    permission: 'read',
    summary:
      'Find companies and contacts by part of a name, e-mail, phone or organisation number, and your own activities by part of a title or place',
    tags: ['Search'],
    schema: { querystring: SearchQuerySchema, response: { 200: SearchResultSchema } },
    handler: async (ctx, { query }) => {
      const key = await searchKey(ctx.db, query.q);
      if (key.trim() === '') return { companies: [], contacts: [], activities: [] };
      const [companies, contacts, activities] = await Promise.all([
        searchCompanies(ctx.db, ctx.workspaceId, key, query.limit, visibleTo('c', ctx.actor)),
        searchContacts(ctx.db, ctx.workspaceId, key, query.limit, {
          contact: visibleTo('ct', ctx.actor),
          company: visibleTo('co', ctx.actor),
        }),
        searchActivities(
          ctx.db,
          ctx.workspaceId,
          ctx.actor.userId,
          key,
          query.limit,
          activityVisibleTo('a', ctx.actor),
        ),
      ]);
      return {
        companies: companies.map((h) => ({ ...h, kind: 'company' as const })),
        contacts: contacts.map((h) => ({ ...h, kind: 'contact' as const })),
        activities: activities.map((h) => ({
          id: h.id,
          kind: 'activity' as const,
          activityKind: h.kind as 'task' | 'call' | 'meeting',
          title: h.title,
          subtitle: h.subtitle,
          start: h.starts_at ? h.starts_at.toISOString() : null,
          done: h.done,
        })),
      };
    },
  });
}
