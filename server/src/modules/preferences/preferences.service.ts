import type { Language, Preferences, PreferencesPatch } from '@rapport/contracts/preferences.ts';
import type { Ctx } from '../../http/context.ts';
import { invalid, notFound } from '../../http/errors.ts';

/**
 * A time zone as the IANA database spells it ("europe/oslo" → "Europe/Oslo"), or null when it is none. Offsets
 * and abbreviations are refused: weeks and reminders need a zone with its daylight-saving rules.
 */
export function canonicalTimeZone(tz: string): string | null {
  let resolved: string;
  try {
    resolved = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
  if (resolved === 'UTC' || resolved === 'Etc/UTC') return 'UTC';
  return /^[A-Za-z]+(?:\/[A-Za-z0-9_+-]+)+$/.test(resolved) ? resolved : null;
}

async function read(ctx: Ctx): Promise<Preferences> {
  const row = await ctx.db
    .selectFrom('members')
    .select(['time_zone', 'language', 'reminder_email'])
    .where('workspace_id', '=', ctx.workspaceId)
    .where('user_id', '=', ctx.actor.userId)
    .executeTakeFirst();
  if (!row) throw notFound('Membership');
  return { timeZone: row.time_zone, language: row.language as Language, reminderEmail: row.reminder_email };
}

export const getPreferences = read;

export async function updatePreferences(ctx: Ctx, patch: PreferencesPatch): Promise<Preferences> {
  const set: { time_zone?: string; language?: string; reminder_email?: boolean } = {};
  if (patch.timeZone !== undefined) {
    const tz = canonicalTimeZone(patch.timeZone);
    if (!tz) throw invalid('timeZone', `“${patch.timeZone}” is not a time zone such as Europe/Oslo`);
    set.time_zone = tz;
  }
  if (patch.language !== undefined) set.language = patch.language;
  if (patch.reminderEmail !== undefined) set.reminder_email = patch.reminderEmail;
  await ctx.db
    .updateTable('members')
    .set(set)
    .where('workspace_id', '=', ctx.workspaceId)
    .where('user_id', '=', ctx.actor.userId)
    .execute();
  return read(ctx);
}
