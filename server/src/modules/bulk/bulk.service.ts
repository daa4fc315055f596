import type { BulkAction, BulkResult } from '@rapport/contracts/bulk.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid } from '../../http/errors.ts';
import * as companies from '../companies/companies.service.ts';
import * as contacts from '../contacts/contacts.service.ts';

type Entity = 'company' | 'contact';
type Versioned = { id: string; version: number; ownerId: string };

/** The single-record operations a bulk action is made of, so each record follows the usual rules and history. */
const ops = {
  company: {
    get: (ctx: Ctx, id: string, deleted = false) => companies.getCompany(ctx, id, { includeDeleted: deleted }),
    patch: (ctx: Ctx, id: string, patch: Record<string, unknown>) =>
      companies.updateCompany(ctx, id, patch as Parameters<typeof companies.updateCompany>[2]),
    remove: companies.deleteCompany,
    restore: companies.restoreCompany,
  },
  contact: {
    get: (ctx: Ctx, id: string, deleted = false) => contacts.getContact(ctx, id, { includeDeleted: deleted }),
    patch: (ctx: Ctx, id: string, patch: Record<string, unknown>) =>
      contacts.updateContact(ctx, id, patch as Parameters<typeof contacts.updateContact>[2]),
    remove: contacts.deleteContact,
    restore: contacts.restoreContact,
  },
} as const;

/** The change one record needs, or null when it already has it. */
function changeFor(action: BulkAction, record: Versioned & { categoryIds?: string[] }): Record<string, unknown> | null {
  switch (action.action) {
    case 'setOwner':
      return record.ownerId === action.ownerId ? null : { ownerId: action.ownerId };
    case 'addCategory': {
      const current = record.categoryIds ?? [];
      return current.includes(action.categoryId) ? null : { categoryIds: [...current, action.categoryId] };
    }
    case 'removeCategory': {
      const current = record.categoryIds ?? [];
      return current.includes(action.categoryId)
        ? { categoryIds: current.filter((c) => c !== action.categoryId) }
        : null;
    }
    default:
      return null;
  }
}

/**
 * Applies one action to each selected record in turn. A record that cannot be changed (hidden, gone,
 * invalid) is reported and the others go on; each change is its own transaction with its own history.
 */
export async function runBulk(ctx: Ctx, entity: Entity, action: BulkAction): Promise<BulkResult> {
  if (entity === 'contact' && (action.action === 'addCategory' || action.action === 'removeCategory')) {
    throw invalid('action', 'Categories belong to companies');
  }
  const op = ops[entity];
  const result: BulkResult = { changed: 0, unchanged: 0, failed: [] };
  for (const id of new Set(action.ids)) {
    try {
      if (action.action === 'delete') {
        await op.remove(ctx, id);
        result.changed++;
      } else if (action.action === 'restore') {
        await op.restore(ctx, id);
        result.changed++;
      } else {
        // Read, change, and once more when someone else changed the record in between.
        for (let attempt = 0; ; attempt++) {
          const record = (await op.get(ctx, id)) as Versioned & { categoryIds?: string[] };
          const change = changeFor(action, record);
          if (!change) {
            result.unchanged++;
            break;
          }
          try {
            await op.patch(ctx, id, { version: record.version, ...change });
            result.changed++;
            break;
          } catch (err) {
            if (!(err instanceof AppError && err.code === 'CONFLICT' && attempt === 0)) throw err;
          }
        }
      }
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
      result.failed.push({ id, code: err.code, message: err.message });
    }
  }
  return result;
}
