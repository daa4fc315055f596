import type { Notification } from '@rapport/contracts/notifications.ts';
import type { TFunction } from 'i18next';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** When a reminded activity starts, in the reader's time zone and language. */
function formatStart(iso: string, allDay: boolean, locale: string, timeZone: string | undefined) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return '';
  return new Intl.DateTimeFormat(locale, {
    timeZone,
    ...(allDay ? { dateStyle: 'medium' } : { dateStyle: 'medium', timeStyle: 'short' }),
  }).format(d);
}

/** The sentence of a notification in the reader's language. */
export function notificationText(n: Notification, t: TFunction, locale: string, timeZone: string | undefined): string {
  const p = n.params;
  const title = str(p.title) ?? '';
  const actor = str(p.actorName) ?? n.actorName ?? t('bell.someone');
  switch (n.kind) {
    case 'activity.assigned':
      return p.role === 'participant'
        ? t('bell.kinds.added', { actor, title })
        : t('bell.kinds.assigned', { actor, title });
    case 'activity.reminder': {
      const start = str(p.start);
      const when = start ? t('bell.at', { time: formatStart(start, p.allDay === true, locale, timeZone) }) : '';
      return t('bell.kinds.reminder', { title, when }).trim();
    }
    case 'activity.invitation': {
      const contact = str(p.contactName) ?? t('bell.aContact');
      const key =
        p.response === 'accepted'
          ? 'bell.kinds.invitationAccepted'
          : p.response === 'declined'
            ? 'bell.kinds.invitationDeclined'
            : p.response === 'tentative'
              ? 'bell.kinds.invitationTentative'
              : 'bell.kinds.invitation';
      return t(key, { contact, title });
    }
    case 'mention':
      return title ? t('bell.kinds.mentionIn', { actor, title }) : t('bell.kinds.mention', { actor });
    default:
      return title ? `${t('bell.kinds.other')}: ${title}` : t('bell.kinds.other');
  }
}

/** "5 minutes ago", "yesterday", in the reader's language. */
export function timeAgo(iso: string, locale: string, t: TFunction, now = Date.now()): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  if (Math.abs(seconds) < 45) return t('bell.justNow');
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const steps: [Intl.RelativeTimeFormatUnit, number][] = [
    ['minute', 60],
    ['hour', 3600],
    ['day', 86_400],
    ['week', 604_800],
  ];
  let unit: Intl.RelativeTimeFormatUnit = 'minute';
  let size = 60;
  for (const [u, s] of steps) {
    if (Math.abs(seconds) >= s) {
      unit = u;
      size = s;
    }
  }
  if (Math.abs(seconds) >= 4 * 604_800) {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium' }).format(new Date(iso));
  }
  return rtf.format(Math.round(seconds / size), unit);
}
