import type { BulkAction, BulkResult } from '@rapport/contracts/bulk.ts';
import { api } from '../../../lib/api.ts';

export type ListEntity = 'company' | 'contact';

/** The server takes up to 1,000 ids per call. */
const CHUNK = 1000;

/** Runs one bulk action on any number of records, a thousand at a time, and adds up the results. */
export async function runBulk(entity: ListEntity, action: BulkAction): Promise<BulkResult> {
  const path = entity === 'company' ? '/api/v1/companies/bulk' : '/api/v1/contacts/bulk';
  const total: BulkResult = { changed: 0, unchanged: 0, failed: [] };
  for (let i = 0; i < action.ids.length; i += CHUNK) {
    const res = await api.post<BulkResult>(path, { ...action, ids: action.ids.slice(i, i + CHUNK) });
    total.changed += res.changed;
    total.unchanged += res.unchanged;
    total.failed.push(...res.failed);
  }
  return total;
}
