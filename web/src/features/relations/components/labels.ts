import { BUILT_IN_RELATION_TYPES, type BuiltInRelationKey } from '@rapport/contracts/relations.ts';
import type { TFunction } from 'i18next';

/**
 * A built-in type keeps its standard English wording in the database; while nobody has renamed it,
 * it is shown in the reader's language. A renamed or added type is shown as written.
 */
export function relationLabel(
  t: TFunction,
  key: BuiltInRelationKey | null,
  side: 'from' | 'to',
  stored: string,
): string {
  if (!key) return stored;
  const builtIn = BUILT_IN_RELATION_TYPES.find((b) => b.key === key);
  const standard = side === 'to' ? (builtIn?.toLabel ?? builtIn?.fromLabel) : builtIn?.fromLabel;
  return stored === standard ? t(`relations.builtin.${key}.${side}`) : stored;
}
