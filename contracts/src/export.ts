import { z } from 'zod';
import { listQuery } from './common.ts';
import { CompanyListQuerySchema } from './companies.ts';
import { contactSortFields } from './contacts.ts';

/** Columns a company list can show and export, in the order they are offered. */
export const companyColumns = [
  'customerNumber',
  'name',
  'orgNumber',
  'type',
  'industry',
  'country',
  'phone',
  'email',
  'website',
  'street',
  'postalCode',
  'city',
  'ownerName',
  'visibility',
  'contactCount',
  'paymentTermsDays',
  'currency',
  'createdAt',
  'updatedAt',
  'id',
] as const;
export type CompanyColumn = (typeof companyColumns)[number];
export const defaultCompanyColumns: CompanyColumn[] = [
  'customerNumber',
  'name',
  'orgNumber',
  'type',
  'country',
  'phone',
  'email',
  'city',
  'ownerName',
];

/** Columns a contact list can show and export. */
export const contactColumns = [
  'firstName',
  'lastName',
  'title',
  'email',
  'phone',
  'companyName',
  'ownerName',
  'visibility',
  'createdAt',
  'updatedAt',
  'companyId',
  'id',
] as const;
export type ContactColumn = (typeof contactColumns)[number];
export const defaultContactColumns: ContactColumn[] = [
  'firstName',
  'lastName',
  'title',
  'email',
  'phone',
  'companyName',
];

const columnsParam = (all: readonly string[]) =>
  z
    .string()
    .max(1000)
    .optional()
    .describe(`Comma-separated columns in the order wanted; default a useful set. One of: ${all.join(', ')}`);

const exportOptions = {
  delimiter: z
    .enum([',', ';'])
    .optional()
    .describe('CSV field separator: `,` (default) or `;` (spreadsheets set to Nordic locales expect `;`)'),
  lang: z.enum(['en', 'nb', 'sv']).optional().describe('Language of the column headings (default en)'),
};

/** The list query of companies (filters, sort, search, trash) without paging, plus the file format and columns. */
export const CompanyExportQuerySchema = CompanyListQuerySchema.omit({ limit: true, cursor: true })
  .extend({
    format: z.enum(['csv', 'xlsx']).default('csv').describe('File format'),
    columns: columnsParam(companyColumns),
    ...exportOptions,
  })
  .strict();
export type CompanyExportQuery = z.input<typeof CompanyExportQuerySchema>;

export const ContactExportQuerySchema = listQuery(contactSortFields)
  .omit({ limit: true, cursor: true })
  .extend({
    format: z
      .enum(['csv', 'xlsx', 'vcf'])
      .default('csv')
      .describe('File format; `vcf` gives vCard 4.0 (columns do not apply)'),
    columns: columnsParam(contactColumns),
    ...exportOptions,
  })
  .strict();
export type ContactExportQuery = z.input<typeof ContactExportQuerySchema>;
