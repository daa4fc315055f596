import { PassThrough, Readable } from 'node:stream';

/**
 * Lists leave Rapport as CSV or XLSX files written while the rows are read page by page, so an export
 * of a million rows holds one page in memory. Text that a spreadsheet would run as a formula is
 * neutralised: CSV gets a leading apostrophe, XLSX stores it as a text cell.
 */
export type Cell = string | number | Date | null;
export type ExportFormat = 'csv' | 'xlsx';

const FORMULA_START = /^[=+\-@\t\r]/;

export const looksLikeFormula = (value: string) => FORMULA_START.test(value);

/** A spreadsheet runs cells starting with = + - @ (and tab or CR before them); a leading ' keeps them text. */
export const neutralize = (value: string) => (looksLikeFormula(value) ? `'${value}` : value);

function csvField(cell: Cell, delimiter: string): string {
  if (cell === null) return '';
  if (typeof cell === 'number') return String(cell);
  const text = neutralize(cell instanceof Date ? cell.toISOString() : cell);
  return text.includes(delimiter) || /["\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export const csvLine = (cells: Cell[], delimiter: string) =>
  `${cells.map((c) => csvField(c, delimiter)).join(delimiter)}\r\n`;

/** CSV in UTF-8 with a byte-order mark (so Excel reads æøå right), CRLF line ends. */
export function csvStream(header: string[], rows: AsyncIterable<Cell[][]>, delimiter: ',' | ';'): Readable {
  async function* lines() {
    yield `\uFEFF${csvLine(header, delimiter)}`;
    for await (const page of rows) yield page.map((r) => csvLine(r, delimiter)).join('');
  }
  return Readable.from(lines());
}

/**
 * exceljs takes a third of a second to load, a tenth of Rapport's start-up: it is loaded when the first
 * workbook is read or written, not at start.
 */
export const loadExcel = () => import('exceljs');

/** XLSX through exceljs' streaming writer: each row is committed (written out) as soon as it is added. */
export function xlsxStream(sheetName: string, header: string[], rows: AsyncIterable<Cell[][]>): Readable {
  const out = new PassThrough();
  const write = async () => {
    const { default: ExcelJS } = await loadExcel();
    const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = workbook.addWorksheet(sheetName.slice(0, 31));
    const head = sheet.addRow(header);
    head.font = { bold: true };
    head.commit();
    for await (const page of rows) {
      for (const cells of page) {
        const row = sheet.addRow(cells);
        cells.forEach((value, i) => {
          const cell = row.getCell(i + 1);
          if (typeof value === 'string' && looksLikeFormula(value)) cell.numFmt = '@';
          else if (value instanceof Date) cell.numFmt = 'yyyy-mm-dd hh:mm:ss';
        });
        row.commit();
      }
      // Wait for the reader when it falls behind, so pages do not pile up in memory.
      if (out.writableNeedDrain) await new Promise((resolve) => out.once('drain', resolve));
    }
    sheet.commit();
    await workbook.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

export const MEDIA_TYPES = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  vcf: 'text/vcard; charset=utf-8',
} as const;

/** `companies-2026-03-01.csv`: the list and the day, ASCII only. */
export const exportFileName = (base: string, ext: string, now: Date) =>
  `${base}-${now.toISOString().slice(0, 10)}.${ext}`;

/**
 * Pages of a keyset-paged list, one request at a time; the first page is read before anything is
 * sent so a bad filter still gets a proper error answer.
 */
export async function pagesOf<T>(
  fetchPage: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>,
): Promise<AsyncIterable<T[]>> {
  const first = await fetchPage(undefined);
  return {
    async *[Symbol.asyncIterator]() {
      let page = first;
      yield page.items;
      while (page.nextCursor) {
        page = await fetchPage(page.nextCursor);
        yield page.items;
      }
    },
  };
}

export async function* mapPages<T, U>(pages: AsyncIterable<T[]>, map: (item: T) => U): AsyncIterable<U[]> {
  for await (const page of pages) yield page.map(map);
}
