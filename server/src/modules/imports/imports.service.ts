import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type {
  Import,
  ImportDraft,
  ImportEntity,
  ImportListQuerySchema,
  ImportMapping,
  ImportPreview,
  ImportSettingsSchema,
} from '@rapport/contracts/imports.ts';
import { sql } from 'kysely';
import type { z } from 'zod';
import { atLeastManager, type Ctx, isAdmin } from '../../http/context.ts';
import { AppError, notFound } from '../../http/errors.ts';
import type { Jobs } from '../../jobs/jobs.ts';
import { newId } from '../../lib/ids.ts';
import { companyBatch, contactBatch } from './import-batch.ts';
import { errorReportCsv, type ParsedFile, parseFile } from './import-file.ts';
import { checkMapping, rememberedFor, suggestMapping } from './import-mapping.ts';
import * as q from './imports.sql.ts';

export const IMPORT_QUEUE = 'import-run';
/** Rows of the preview. */
const PREVIEW_ROWS = 20;
/** Larger files are refused at upload. */
export const MAX_ROWS = 200_000;

export const importsDir = (dataDir: string) => path.join(dataDir, 'imports');

export const toImport = (r: q.ImportRow): Import => ({
  id: r.id,
  entity: r.entity as ImportEntity,
  fileName: r.file_name,
  format: r.format as Import['format'],
  sheet: r.sheet,
  sheets: r.sheets as string[],
  encoding: r.encoding,
  delimiter: r.delimiter,
  columns: r.columns as Import['columns'],
  rowCount: r.row_count,
  mapping: (r.mapping as ImportMapping | null) ?? null,
  duplicateRule: r.duplicate_rule as Import['duplicateRule'],
  defaultCountry: r.default_country,
  status: r.status as Import['status'],
  progress: { processed: r.processed, created: r.created, updated: r.updated, skipped: r.skipped, failed: r.failed },
  error: r.error,
  undo: (r.undo_summary as Import['undo']) ?? null,
  createdBy: r.created_by,
  createdByName: r.created_by_name,
  createdAt: r.created_at.toISOString(),
  startedAt: r.started_at?.toISOString() ?? null,
  finishedAt: r.finished_at?.toISOString() ?? null,
  undoneAt: r.undone_at?.toISOString() ?? null,
});

/** Imports are seen by the user who made them, and by managers and administrators. */
async function loadImport(ctx: Ctx, id: string, opts: { forUpdate?: boolean } = {}): Promise<q.ImportRow> {
  const row = await q.selectImport(ctx.db, ctx.workspaceId, id, opts);
  if (!row || (row.created_by !== ctx.actor.userId && !atLeastManager(ctx.actor))) throw notFound('Import');
  return row;
}

export async function readStoredFile(dataDir: string, row: Pick<q.ImportRow, 'stored_file' | 'file_name' | 'sheet'>) {
  const bytes = await readFile(path.join(importsDir(dataDir), row.stored_file));
  return parseFile(row.file_name, bytes, row.sheet);
}

const columnsOf = (parsed: ParsedFile) =>
  parsed.columns.map((name, i) => ({
    name,
    samples: parsed.rows
      .map((r) => r.cells[i] ?? '')
      .filter((v) => v !== '')
      .slice(0, 3),
  }));

async function draftOf(ctx: Ctx, row: q.ImportRow, columns: string[]): Promise<ImportDraft> {
  const entity = row.entity as ImportEntity;
  return {
    import: toImport(row),
    suggestedMapping: suggestMapping(entity, columns),
    rememberedMapping: rememberedFor(columns, await q.selectLastMapping(ctx.db, ctx.workspaceId, entity)),
  };
}

export async function uploadImport(
  ctx: Ctx,
  file: { fileName: string; bytes: Buffer },
  opts: { entity: ImportEntity; sheet?: string | undefined },
): Promise<ImportDraft> {
  const parsed = await parseFile(file.fileName, file.bytes, opts.sheet);
  if (parsed.rows.length > MAX_ROWS) {
    throw new AppError('VALIDATION', `A file can hold at most ${MAX_ROWS.toLocaleString('en')} rows; split it`);
  }
  const id = newId();
  const storedFile = `${ctx.workspaceId}/${id}.${parsed.format}`;
  await mkdir(path.join(importsDir(ctx.config.dataDir), ctx.workspaceId), { recursive: true });
  await writeFile(path.join(importsDir(ctx.config.dataDir), storedFile), file.bytes, { mode: 0o600 });
  await q.insertImport(ctx.db, {
    workspace_id: ctx.workspaceId,
    id,
    entity: opts.entity,
    file_name: file.fileName.slice(0, 255),
    format: parsed.format,
    stored_file: storedFile,
    sheet: parsed.sheet,
    sheets: JSON.stringify(parsed.sheets),
    encoding: parsed.encoding,
    delimiter: parsed.delimiter,
    columns: JSON.stringify(columnsOf(parsed)),
    row_count: parsed.rows.length,
    created_by: ctx.actor.userId,
    actor_kind: ctx.actor.kind,
  });
  const row = await loadImport(ctx, id);
  return draftOf(ctx, row, parsed.columns);
}

/** XLSX: reads another sheet of the uploaded workbook. */
export async function chooseSheet(ctx: Ctx, id: string, sheet: string): Promise<ImportDraft> {
  const row = await loadImport(ctx, id);
  if (row.status !== 'uploaded') throw new AppError('CONFLICT', 'This import has already started');
  if (row.format !== 'xlsx') throw new AppError('VALIDATION', 'Only workbooks have sheets');
  const parsed = await readStoredFile(ctx.config.dataDir, { ...row, sheet });
  await q.updateImport(ctx.db, ctx.workspaceId, id, {
    sheet: parsed.sheet,
    columns: JSON.stringify(columnsOf(parsed)),
    row_count: parsed.rows.length,
  });
  return draftOf(ctx, await loadImport(ctx, id), parsed.columns);
}

export const getImport = async (ctx: Ctx, id: string) => toImport(await loadImport(ctx, id));

export async function listImports(ctx: Ctx, query: z.output<typeof ImportListQuerySchema>) {
  const rows = await q.selectImportPage(ctx.db, ctx.workspaceId, {
    limit: query.limit,
    cursor: query.cursor,
    entity: query.entity,
    createdBy: atLeastManager(ctx.actor) ? null : ctx.actor.userId,
  });
  const items = rows.slice(0, query.limit).map(toImport);
  return { items, nextCursor: rows.length > query.limit ? (items.at(-1)?.id ?? null) : null };
}

export type Settings = Omit<z.output<typeof ImportSettingsSchema>, 'mapping'> & { mapping: ImportMapping };

export async function previewImport(ctx: Ctx, id: string, settings: Settings): Promise<ImportPreview> {
  const row = await loadImport(ctx, id);
  const parsed = await readStoredFile(ctx.config.dataDir, row);
  const byField = checkMapping(row.entity as ImportEntity, parsed.columns, settings.mapping);
  const batch = row.entity === 'company' ? companyBatch : contactBatch;
  const { outcomes } = await batch({
    db: ctx.db,
    workspaceId: ctx.workspaceId,
    actor: ctx.actor,
    importId: id,
    rule: settings.duplicateRule,
    defaultCountry: settings.defaultCountry,
    byField,
    rows: parsed.rows.slice(0, PREVIEW_ROWS),
    write: false,
  });
  return { rows: outcomes.map((o) => ({ row: o.row, values: o.values, errors: o.errors, action: o.action })) };
}

/** Saves the mapping and queues the job, in one transaction: the import runs exactly when it is recorded as queued. */
export async function startImport(ctx: Ctx, jobs: Jobs, id: string, settings: Settings): Promise<Import> {
  const row = await loadImport(ctx, id);
  const parsed = await readStoredFile(ctx.config.dataDir, row);
  checkMapping(row.entity as ImportEntity, parsed.columns, settings.mapping);
  await ctx.db.transaction().execute(async (db) => {
    const locked = await q.selectImport(db, ctx.workspaceId, id, { forUpdate: true });
    if (locked?.status !== 'uploaded') throw new AppError('CONFLICT', 'This import has already started');
    await q.updateImport(db, ctx.workspaceId, id, {
      mapping: JSON.stringify(settings.mapping),
      duplicate_rule: settings.duplicateRule,
      default_country: settings.defaultCountry,
      status: 'queued',
      started_at: sql`now()`,
    });
    await jobs.send(IMPORT_QUEUE, { workspaceId: ctx.workspaceId, importId: id }, { db });
  });
  jobs.wake(IMPORT_QUEUE);
  return getImport(ctx, id);
}

/** The rows that failed, as CSV: the file's own columns plus the reasons. */
export async function errorReport(ctx: Ctx, id: string): Promise<{ fileName: string; csv: string }> {
  const row = await loadImport(ctx, id);
  const errors = await q.selectImportErrors(ctx.db, ctx.workspaceId, id);
  const columns = (row.columns as { name: string }[]).map((c) => c.name);
  const csv = errorReportCsv(
    columns,
    errors.map((e) => ({ row: e.row_number, cells: e.cells, errors: e.errors })),
    row.delimiter ?? ',',
  );
  const base = row.file_name.replace(/\.[^.]+$/, '').replace(/[^\w.-]+/g, '_') || 'import';
  return { fileName: `${base}-errors.csv`, csv };
}

export const mayUndo = (ctx: Ctx, row: q.ImportRow) => row.created_by === ctx.actor.userId || isAdmin(ctx.actor);
export { loadImport };
