import { DiaryQuerySchema, DiarySchema } from '@rapport/contracts/activities.ts';
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/route.ts';
import { diary } from './diary.service.ts';

export function registerDiaryRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/diary',
    permission: 'read',
    summary:
      'Occurrences in [from, to) (at most 62 days) of the activities of colleagues (owner or taking part; default: the caller) and resources, repeating series expanded',
    tags: ['Diary'],
    schema: { querystring: DiaryQuerySchema, response: { 200: DiarySchema } },
    handler: (ctx, { query }) => diary(ctx, query),
  });
}
