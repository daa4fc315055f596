import { PreferencesPatchSchema, PreferencesSchema } from '@rapport/contracts/preferences.ts';
import type { FastifyInstance } from 'fastify';
import { route } from '../../http/route.ts';
import * as svc from './preferences.service.ts';

const tags = ['Preferences'];

export function registerPreferenceRoutes(app: FastifyInstance) {
  route(app, {
    method: 'GET',
    url: '/api/v1/me/preferences',
    permission: 'read',
    summary: 'My time zone, language and reminder mails in this workspace',
    tags,
    schema: { response: { 200: PreferencesSchema } },
    handler: async (ctx) => svc.getPreferences(ctx),
  });

  route(app, {
    method: 'PATCH',
    url: '/api/v1/me/preferences',
    permission: 'read',
    summary:
      'Change my time zone (IANA, e.g. Europe/Oslo), language (en, nb, sv) or whether reminders also come by e-mail',
    tags,
    schema: { body: PreferencesPatchSchema, response: { 200: PreferencesSchema } },
    handler: async (ctx, { body }) => svc.updatePreferences(ctx, body),
  });
}
