import { Readable } from 'node:stream';
import {
  type CompanyExportQuerySchema,
  type ContactExportQuerySchema,
  companyColumns,
  contactColumns,
  defaultCompanyColumns,
  defaultContactColumns,
} from '@rapport/contracts/export.ts';
import type { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { invalid } from '../../http/errors.ts';
import { csvStream, exportFileName, MEDIA_TYPES, mapPages, pagesOf, xlsxStream } from '../../lib/export.ts';
import { listCompanies } from '../companies/companies.service.ts';
import { listContacts } from '../contacts/contacts.service.ts';
import { formatVcard } from '../vcard/vcard.ts';
import { COMPANY_COLUMNS, CONTACT_COLUMNS } from './export-columns.ts';

/** Rows read per query while an export streams. */
const PAGE = 1000;

export type ExportFile = { stream: Readable; fileName: string; contentType: string };

/** `columns=name,email` → the allowlisted columns in that order; unknown or repeated names are refused. */
export function pickColumns<K extends string>(raw: string | undefined, all: readonly K[], fallback: K[]): K[] {
  if (raw === undefined || raw.trim() === '') return fallback;
  const picked = raw.split(',').map((c) => c.trim());
  for (const c of picked) {
    if (!(all as readonly string[]).includes(c)) {
      throw invalid('columns', `Unknown column "${c}". Columns: ${all.join(', ')}`);
    }
  }
  if (new Set(picked).size !== picked.length) throw invalid('columns', 'A column can appear only once');
  return picked as K[];
}

export async function exportCompanies(ctx: Ctx, query: z.output<typeof CompanyExportQuerySchema>): Promise<ExportFile> {
  const columns = pickColumns(query.columns, companyColumns, defaultCompanyColumns);
  const lang = query.lang ?? 'en';
  const { format, columns: _c, delimiter, lang: _l, ...list } = query;
  // Each page is one keyset query with the list's own filters and visibility.
  const pages = await pagesOf((cursor) => listCompanies(ctx, { ...list, limit: PAGE, cursor }));
  const rows = mapPages(pages, (c) => columns.map((col) => COMPANY_COLUMNS[col].value(c)));
  const header = columns.map((col) => COMPANY_COLUMNS[col].label[lang]);
  return {
    stream: format === 'xlsx' ? xlsxStream('Companies', header, rows) : csvStream(header, rows, delimiter ?? ','),
    fileName: exportFileName('companies', format, ctx.now),
    contentType: MEDIA_TYPES[format],
  };
}

export async function exportContacts(ctx: Ctx, query: z.output<typeof ContactExportQuerySchema>): Promise<ExportFile> {
  const columns = pickColumns(query.columns, contactColumns, defaultContactColumns);
  const lang = query.lang ?? 'en';
  const { format, columns: _c, delimiter, lang: _l, ...list } = query;
  const pages = await pagesOf((cursor) => listContacts(ctx, { ...list, limit: PAGE, cursor }));
  if (format === 'vcf') {
    async function* cards() {
      for await (const page of pages) yield page.map(formatVcard).join('');
    }
    return {
      stream: Readable.from(cards()),
      fileName: exportFileName('contacts', 'vcf', ctx.now),
      contentType: MEDIA_TYPES.vcf,
    };
  }
  const rows = mapPages(pages, (c) => columns.map((col) => CONTACT_COLUMNS[col].value(c)));
  const header = columns.map((col) => CONTACT_COLUMNS[col].label[lang]);
  return {
    stream: format === 'xlsx' ? xlsxStream('Contacts', header, rows) : csvStream(header, rows, delimiter ?? ','),
    fileName: exportFileName('contacts', format, ctx.now),
    contentType: MEDIA_TYPES[format],
  };
}
