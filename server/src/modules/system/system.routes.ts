import { HealthSchema } from '@rapport/contracts/system.ts';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { Deps } from '../../http/context.ts';
import { openRoute } from '../../http/route.ts';

export function registerSystemRoutes(app: FastifyInstance, deps: Deps) {
  openRoute(app, deps, {
    method: 'GET',
    url: '/api/v1/health',
    permission: 'public',
    summary: 'Health: ok when the database answers, 503 otherwise',
    tags: ['System'],
    schema: { response: { 200: HealthSchema, 503: HealthSchema } },
    handler: async ({ db }, _input, reply) => {
      try {
        // A load balancer needs an answer in time: a database that does not answer within 2 s is down.
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          sql`select 1`.execute(db),
          new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error('database did not answer in time')), 2000);
          }),
        ]).finally(() => clearTimeout(timer));
        return { status: 'ok' as const };
      } catch {
        reply.status(503);
        return reply.send({ status: 'unavailable' });
      }
    },
  });
}
