import type { ActivityKind, ActivityType } from '@rapport/contracts/activities.ts';
import { IconCalendarEvent, IconCheckbox, IconPhone } from '@tabler/icons-react';
import type { TFunction } from 'i18next';

/** The icon of an activity's kind. */
export function KindIcon({ kind, size = 16 }: { kind: ActivityKind; size?: number }) {
  if (kind === 'call') return <IconPhone size={size} aria-hidden />;
  if (kind === 'meeting') return <IconCalendarEvent size={size} aria-hidden />;
  return <IconCheckbox size={size} aria-hidden />;
}

/** A type's name: built-in types are named after their kind in the reader's language. */
export function typeLabel(type: Pick<ActivityType, 'name' | 'kind'>, t: TFunction): string {
  return type.name ?? t(`activities.kinds.${type.kind}`);
}
