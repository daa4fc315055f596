import type { Document, DocumentEntity } from '@rapport/contracts/documents.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid, notFound } from '../../http/errors.ts';
import { newId } from '../../lib/ids.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { insertAudit } from '../audit/audit.sql.ts';
import { getCompany } from '../companies/companies.service.ts';
import { getContact } from '../contacts/contacts.service.ts';
import { discard, openContent, place, receive, storageKey } from './document-files.ts';
import * as q from './documents.sql.ts';
import { contentTypeFor, refusedContent, refusedName, sanitizeFileName } from './file-types.ts';

const toDocument = (r: q.DocumentRow): Document => ({
  id: r.id,
  entity: r.entity as DocumentEntity,
  entityId: r.entity_id,
  name: r.name,
  description: r.description,
  contentType: r.content_type,
  size: Number(r.size_bytes),
  sha256: r.sha256,
  uploadedBy: r.uploaded_by,
  uploadedByName: r.uploaded_by_name,
  url: `/api/v1/documents/${r.id}/content`,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
  deletedAt: r.deleted_at ? r.deleted_at.toISOString() : null,
});

const visibleFor = (ctx: Ctx): q.CardVisible => ({
  company: visibleTo('c', ctx.actor),
  contact: visibleTo('ct', ctx.actor),
});

/** The card must exist and be visible to the reader; otherwise its documents do not exist either. */
async function checkCard(ctx: Ctx, entity: DocumentEntity, entityId: string) {
  if (entity === 'company') await getCompany(ctx, entityId);
  else await getContact(ctx, entityId);
}

/** Document changes are written into the history of the card they belong to. */
const audit = (ctx: Ctx, db: Ctx['db'], r: { entity: string; entity_id: string }, old: unknown, next: unknown) =>
  insertAudit(db, {
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    entity: r.entity as DocumentEntity,
    entityId: r.entity_id,
    action: 'update',
    changes: [{ field: 'document', old, new: next }],
  });

/** An upload larger than DOCUMENT_MAX_BYTES. The route answers 413. */
export class TooLargeError extends Error {}

export type Upload = {
  stream: NodeJS.ReadableStream & { truncated?: boolean; resume(): unknown };
  filename: string;
  mimetype: string;
  description: string | null;
};

export async function uploadDocument(
  ctx: Ctx,
  target: { entity: DocumentEntity; entityId: string },
  upload: Upload,
): Promise<Document> {
  const name = sanitizeFileName(upload.filename);
  const refusal = refusedName(name);
  if (refusal) {
    upload.stream.resume();
    throw invalid('file', refusal);
  }
  const dataDir = ctx.config.dataDir;
  const received = await receive(dataDir, upload.stream);
  let placed: string | null = null;
  try {
    if (upload.stream.truncated) {
      throw new TooLargeError(
        `The file is larger than the limit of ${formatBytes(ctx.config.documentMaxBytes)}; nothing was saved`,
      );
    }
    const contentRefusal = refusedContent(received.head);
    if (contentRefusal) throw invalid('file', contentRefusal);
    const id = newId();
    const key = storageKey(ctx.workspaceId, id, ctx.now);
    const row = await ctx.db.transaction().execute(async (db) => {
      await q.insertDocument(db, {
        workspace_id: ctx.workspaceId,
        id,
        entity: target.entity,
        entity_id: target.entityId,
        name,
        description: upload.description,
        content_type: contentTypeFor(name, upload.mimetype),
        size_bytes: received.size,
        sha256: received.sha256,
        storage_key: key,
        uploaded_by: ctx.actor.userId,
      });
      await audit(ctx, db, { entity: target.entity, entity_id: target.entityId }, null, { id, name });
      const inserted = await q.selectDocument(db, ctx.workspaceId, id, { visible: visibleFor(ctx), deleted: false });
      if (!inserted) throw new AppError('INTERNAL', 'The new document could not be read back');
      // The file takes its place inside the transaction: if the commit fails, it is removed below.
      placed = await place(dataDir, received.tmpPath, key);
      return inserted;
    });
    return toDocument(row);
  } catch (err) {
    await discard(received.tmpPath);
    if (placed) await discard(placed);
    throw err;
  }
}

/** Checks the card before anything is read from the upload, so a hidden card costs no disk. */
export const checkUploadTarget = (ctx: Ctx, entity: DocumentEntity, entityId: string) =>
  checkCard(ctx, entity, entityId);

export async function listDocuments(
  ctx: Ctx,
  query: { entity: DocumentEntity; entityId: string; limit: number; cursor?: string | undefined; deleted?: string },
) {
  await checkCard(ctx, query.entity, query.entityId);
  const rows = await q.selectCardDocuments(ctx.db, ctx.workspaceId, {
    entity: query.entity,
    entityId: query.entityId,
    deleted: query.deleted === 'true',
    visible: visibleFor(ctx),
    ...(query.cursor ? { cursor: query.cursor } : {}),
    limit: query.limit,
  });
  const more = rows.length > query.limit;
  const items = (more ? rows.slice(0, query.limit) : rows).map(toDocument);
  return { items, nextCursor: more ? (items[items.length - 1]?.id ?? null) : null };
}

export async function getDocument(ctx: Ctx, id: string): Promise<Document> {
  const row = await q.selectDocument(ctx.db, ctx.workspaceId, id, { visible: visibleFor(ctx), deleted: false });
  if (!row) throw notFound('Document');
  return toDocument(row);
}

/** The stored file of a live document the reader may see. */
export async function documentContent(ctx: Ctx, id: string) {
  const row = await q.selectDocument(ctx.db, ctx.workspaceId, id, { visible: visibleFor(ctx), deleted: false });
  if (!row) throw notFound('Document');
  const stream = openContent(ctx.config.dataDir, row.storage_key);
  // A missing file is reported before any byte is sent.
  await new Promise<void>((resolve, reject) => {
    stream.once('open', () => resolve());
    stream.once('error', reject);
  }).catch((err: NodeJS.ErrnoException) => {
    ctx.log.error({ err, documentId: id }, 'document file missing');
    throw new AppError('NOT_FOUND', 'The file of this document is missing from storage');
  });
  return { document: toDocument(row), stream };
}

export async function updateDocument(
  ctx: Ctx,
  id: string,
  patch: { version: number; name?: string | undefined; description?: string | null | undefined },
): Promise<Document> {
  return ctx.db.transaction().execute(async (db) => {
    const visible = visibleFor(ctx);
    const row = await q.selectDocument(db, ctx.workspaceId, id, { visible, deleted: false, forUpdate: true });
    if (!row) throw notFound('Document');
    if (row.version !== patch.version) {
      throw new AppError('CONFLICT', 'Someone else changed this document; reload and apply your change again', {
        current: toDocument(row),
      });
    }
    const values: { name?: string; description?: string | null } = {};
    if (patch.name !== undefined) {
      const name = sanitizeFileName(patch.name);
      const refusal = refusedName(name);
      if (refusal) throw invalid('name', refusal);
      if (name !== row.name) values.name = name;
    }
    if (patch.description !== undefined) {
      const description = patch.description === '' ? null : patch.description;
      if (description !== row.description) values.description = description;
    }
    if (Object.keys(values).length === 0) return toDocument(row);
    await q.updateDocument(db, ctx.workspaceId, id, values);
    await audit(
      ctx,
      db,
      row,
      { id, name: row.name, description: row.description },
      { id, name: values.name ?? row.name, description: values.description ?? row.description },
    );
    const updated = await q.selectDocument(db, ctx.workspaceId, id, { visible, deleted: false });
    if (!updated) throw notFound('Document');
    return toDocument(updated);
  });
}

/** Soft delete: the document goes to the card's trash and can be restored; the file stays on disk. */
export async function deleteDocument(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction().execute(async (db) => {
    const row = await q.selectDocument(db, ctx.workspaceId, id, {
      visible: visibleFor(ctx),
      deleted: false,
      forUpdate: true,
    });
    if (!row) throw notFound('Document');
    await q.setDocumentDeleted(db, ctx.workspaceId, id, true);
    await audit(ctx, db, row, { id, name: row.name }, null);
  });
}

export async function restoreDocument(ctx: Ctx, id: string): Promise<Document> {
  return ctx.db.transaction().execute(async (db) => {
    const visible = visibleFor(ctx);
    const row = await q.selectDocument(db, ctx.workspaceId, id, { visible, deleted: true, forUpdate: true });
    if (!row) throw notFound('Deleted document');
    await q.setDocumentDeleted(db, ctx.workspaceId, id, false);
    await audit(ctx, db, row, null, { id, name: row.name });
    const restored = await q.selectDocument(db, ctx.workspaceId, id, { visible, deleted: false });
    if (!restored) throw notFound('Document');
    return toDocument(restored);
  });
}

export function formatBytes(n: number): string {
  if (n >= 1024 * 1024) return `${Math.round((n / (1024 * 1024)) * 10) / 10} MiB`;
  if (n >= 1024) return `${Math.round((n / 1024) * 10) / 10} KiB`;
  return `${n} bytes`;
}
