import { SearchQuerySchema, SearchResultSchema } from '@rapport/contracts/search.ts';
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/route.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { searchCompanies, searchContacts, searchKey } from './search.sql.ts';

export function registerSearchRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/search',
    permission: 'read',
    summary: 'Find companies and contacts by part of a name, e-mail, phone or organisation number',
    tags: ['Search'],
    schema: { querystring: SearchQuerySchema, response: { 200: SearchResultSchema } },
    handler: async (ctx, { query }) => {
      const key = await searchKey(ctx.db, query.q);
      if (key.trim() === '') return { companies: [], contacts: [] };
      const [companies, contacts] = await Promise.all([
        searchCompanies(ctx.db, ctx.workspaceId, key, query.limit, visibleTo('c', ctx.actor)),
        searchContacts(ctx.db, ctx.workspaceId, key, query.limit, {
          contact: visibleTo('ct', ctx.actor),
          company: visibleTo('co', ctx.actor),
        }),
      ]);
      return {
        companies: companies.map((h) => ({ ...h, kind: 'company' as const })),
        contacts: contacts.map((h) => ({ ...h, kind: 'contact' as const })),
      };
    },
  });
}
