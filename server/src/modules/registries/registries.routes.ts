import { RegistrySearchQuerySchema, RegistrySearchResultSchema } from '@rapport/contracts/registries.ts';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../../config.ts';
import { route } from '../../http/route.ts';
import { providersFor, searchRegistries } from './registries.service.ts';

export function registerRegistryRoutes(app: FastifyInstance, config: Config) {
  const providers = providersFor(config);
  route(app, {
    method: 'GET',
    url: '/api/v1/registries/search',
    permission: 'read',
    summary: 'Search the national business registries (Norway, Finland) by name or organisation number',
    tags: ['Registries'],
    schema: { querystring: RegistrySearchQuerySchema, response: { 200: RegistrySearchResultSchema } },
    handler: (ctx, { query }) => searchRegistries(ctx, providers, query),
  });
}
