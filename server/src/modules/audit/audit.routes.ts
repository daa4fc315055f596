import { AuditListSchema, AuditQuerySchema } from '@rapport/contracts/system.ts';
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/route.ts';
import { getCompany } from '../companies/companies.service.ts';
import { getContact } from '../contacts/contacts.service.ts';
import { listAudit } from './audit.sql.ts';

export function registerAuditRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/audit',
    permission: 'read',
    summary: 'History of a record: who changed which field, when, from what to what',
    tags: ['History'],
    schema: { querystring: AuditQuerySchema, response: { 200: AuditListSchema } },
    handler: async (ctx, { query }) => {
      // Reading the record first applies its visibility rules to its history too.
      if (query.entity === 'company') await getCompany(ctx, query.entityId, { includeDeleted: true });
      else await getContact(ctx, query.entityId, { includeDeleted: true });
      const rows = await listAudit(ctx.db, ctx.workspaceId, query.entity, query.entityId, query.limit);
      return {
        items: rows.map((r) => ({
          id: r.id,
          entity: r.entity,
          entityId: r.entity_id,
          action: r.action as 'create' | 'update' | 'delete' | 'restore',
          field: r.field,
          oldValue: r.old_value,
          newValue: r.new_value,
          actorId: r.actor_id,
          actorName: r.actor_name,
          at: new Date(r.at).toISOString(),
        })),
      };
    },
  });
}
