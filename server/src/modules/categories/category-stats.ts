import type {
  CategoryColour,
  CategoryStats,
  CategoryStatsExportQuerySchema,
  CustomFieldType,
  FieldOption,
  FieldStats,
} from '@rapport/contracts/categories.ts';
import type { z } from 'zod';
import type { Ctx } from '../../http/context.ts';
import { notFound } from '../../http/errors.ts';
import { type Cell, csvStream, exportFileName, MEDIA_TYPES, xlsxStream } from '../../lib/export.ts';
import { visibleTo } from '../../lib/visibility.ts';
import * as q from './categories.sql.ts';

const num = (v: string | null) => (v === null ? null : Math.round(Number(v) * 1e6) / 1e6);

/**
 * Counts, sums and averages per category over the companies the caller can see (not in the trash):
 * three aggregate queries for all categories at once, whatever their number.
 */
export async function categoryStats(ctx: Ctx, categoryId: string | null): Promise<CategoryStats[]> {
  const categories = categoryId
    ? [await q.selectCategory(ctx.db, ctx.workspaceId, categoryId)].filter((c) => c && !c.deleted_at)
    : await q.selectCategories(ctx.db, ctx.workspaceId, false);
  if (categoryId && categories.length === 0) throw notFound('Category');
  const fields = (
    await q.selectFields(
      ctx.db,
      ctx.workspaceId,
      categories.map((c) => c?.id as string),
    )
  ).filter((f) => f.deleted_at === null);
  const visible = visibleTo('c', ctx.actor);
  const counts = await q.selectCompanyCounts(ctx.db, ctx.workspaceId, visible, categoryId);
  const aggregates = await q.selectFieldAggregates(ctx.db, ctx.workspaceId, visible, categoryId);
  const options = await q.selectOptionCounts(ctx.db, ctx.workspaceId, visible, categoryId);

  return categories.map((c) => {
    const category = c as q.CategoryRow;
    return {
      categoryId: category.id,
      name: category.name,
      colour: category.colour as CategoryColour,
      companyCount: counts.find((r) => r.category_id === category.id)?.n ?? 0,
      fields: fields
        .filter((f) => f.category_id === category.id)
        .map((f): FieldStats => {
          const rows = aggregates.filter((a) => a.field_id === f.id);
          const currencies =
            f.type === 'money'
              ? rows
                  .filter((r) => r.currency)
                  .map((r) => ({
                    currency: r.currency as string,
                    filled: r.filled,
                    sum: num(r.sum),
                    avg: num(r.avg),
                    min: num(r.min),
                    max: num(r.max),
                  }))
                  .sort((a, b) => b.filled - a.filled || a.currency.localeCompare(b.currency))
              : [];
          // A number field has one row; money has one per currency, and totals only when there is one currency.
          const single = f.type === 'number' ? rows[0] : f.type === 'money' && rows.length === 1 ? rows[0] : undefined;
          return {
            fieldId: f.id,
            label: f.label,
            type: f.type as CustomFieldType,
            filled: rows.reduce((n, r) => n + r.filled, 0),
            sum: num(single?.sum ?? null),
            avg: num(single?.avg ?? null),
            min: num(single?.min ?? null),
            max: num(single?.max ?? null),
            currencies,
            options: ((f.options as FieldOption[]) ?? []).map((o) => ({
              id: o.id,
              label: o.label,
              count: options.find((r) => r.field_id === f.id && r.option === o.id)?.n ?? 0,
            })),
          };
        }),
    };
  });
}

type Lang = 'en' | 'nb' | 'sv';
const HEADER: Record<Lang, string[]> = {
  en: ['Category', 'Companies', 'Field', 'Currency', 'With a value', 'Sum', 'Average', 'Min', 'Max'],
  nb: ['Kategori', 'Firmaer', 'Felt', 'Valuta', 'Med verdi', 'Sum', 'Gjennomsnitt', 'Min', 'Maks'],
  sv: ['Kategori', 'Företag', 'Fält', 'Valuta', 'Med värde', 'Summa', 'Medelvärde', 'Min', 'Max'],
};

/** One row per category, then one per number field, money currency and select option below it. */
export function statsRows(stats: CategoryStats[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const c of stats) {
    rows.push([c.name, c.companyCount, null, null, null, null, null, null, null]);
    for (const f of c.fields) {
      if (f.type === 'number') rows.push([c.name, null, f.label, null, f.filled, f.sum, f.avg, f.min, f.max]);
      else if (f.type === 'money') {
        for (const m of f.currencies)
          rows.push([c.name, null, f.label, m.currency, m.filled, m.sum, m.avg, m.min, m.max]);
      } else if (f.options.length > 0) {
        for (const o of f.options)
          rows.push([c.name, null, `${f.label}: ${o.label}`, null, o.count, null, null, null, null]);
      } else rows.push([c.name, null, f.label, null, f.filled, null, null, null, null]);
    }
  }
  return rows;
}

export async function exportStats(ctx: Ctx, query: z.output<typeof CategoryStatsExportQuerySchema>) {
  const stats = await categoryStats(ctx, null);
  const header = HEADER[query.lang ?? 'en'];
  async function* pages() {
    yield statsRows(stats);
  }
  return {
    stream:
      query.format === 'xlsx'
        ? xlsxStream('Categories', header, pages())
        : csvStream(header, pages(), query.delimiter ?? ','),
    fileName: exportFileName('category-statistics', query.format, ctx.now),
    contentType: MEDIA_TYPES[query.format],
  };
}
