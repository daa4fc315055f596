import type ExcelJS from 'exceljs';
import Papa from 'papaparse';
import { invalid } from '../../http/errors.ts';
import { loadExcel } from '../../lib/export.ts';

/**
 * Reading an uploaded file into a header and data rows. CSV: comma, semicolon or tab separated, UTF-8
 * (with or without byte order mark) or, when the bytes are not valid UTF-8, Windows-1252 — what Excel
 * on Windows writes. XLSX: the first sheet or a chosen one, cells as the spreadsheet shows them.
 */

export type FileFormat = 'csv' | 'xlsx';

/** A data row: its number in the file (the header is row 1) and its cells. */
export type DataRow = { row: number; cells: string[] };

export type ParsedFile = {
  format: FileFormat;
  encoding: string | null;
  delimiter: string | null;
  sheet: string | null;
  sheets: string[];
  /** Unique, trimmed column names. */
  columns: string[];
  /** Non-blank data rows. */
  rows: DataRow[];
};

export function formatOf(fileName: string, bytes: Buffer): FileFormat {
  // An XLSX file is a zip archive: it starts with "PK".
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04) {
    return 'xlsx';
  }
  if (/\.xlsx?$/i.test(fileName)) throw invalid('file', 'This is not an XLSX file (only .xlsx workbooks are read)');
  return 'csv';
}

/** UTF-8 with or without BOM; otherwise Windows-1252. */
export function decodeText(bytes: Buffer): { text: string; encoding: string } {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
  }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
  } catch {
    return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
  }
}

/** Unique names: blank headers become "Column N", repeated ones get " (2)", " (3)". */
function uniqueColumns(header: string[]): string[] {
  const seen = new Map<string, number>();
  return header.map((raw, i) => {
    let name = raw.replace(/\s+/g, ' ').trim() || `Column ${i + 1}`;
    const count = (seen.get(name.toLowerCase()) ?? 0) + 1;
    seen.set(name.toLowerCase(), count);
    if (count > 1) name = `${name} (${count})`;
    return name;
  });
}

function toParsed(
  table: string[][],
  meta: Omit<ParsedFile, 'columns' | 'rows'>,
  rowNumberOf: (index: number) => number,
): ParsedFile {
  const headerIndex = table.findIndex((cells) => cells.some((c) => c.trim() !== ''));
  if (headerIndex < 0) throw invalid('file', 'The file has no header row');
  const header = table[headerIndex] as string[];
  // A loop, not Math.max(...): spreading some 125,000 rows or more into one call overflows the stack.
  let width = header.length;
  for (const r of table) if (r.length > width) width = r.length;
  const columns = uniqueColumns([...header, ...Array(width - header.length).fill('')]);
  const rows: DataRow[] = [];
  for (let i = headerIndex + 1; i < table.length; i++) {
    const cells = table[i] as string[];
    if (!cells.some((c) => c.trim() !== '')) continue;
    rows.push({ row: rowNumberOf(i), cells: columns.map((_, c) => (cells[c] ?? '').trim()) });
  }
  return { ...meta, columns, rows };
}

export function parseCsv(bytes: Buffer): ParsedFile {
  const { text, encoding } = decodeText(bytes);
  const result = Papa.parse<string[]>(text, {
    delimitersToGuess: [',', ';', '\t'],
    skipEmptyLines: false,
  });
  const delimiter = result.meta.delimiter || ',';
  return toParsed(result.data, { format: 'csv', encoding, delimiter, sheet: null, sheets: [] }, (i) => i + 1);
}

export async function parseXlsx(bytes: Buffer, sheetName?: string | null): Promise<ParsedFile> {
  const { default: Excel } = await loadExcel();
  const workbook = new Excel.Workbook();
  try {
    await workbook.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw invalid('file', 'The workbook cannot be read; save it again as .xlsx or as CSV');
  }
  const sheets = workbook.worksheets.map((w) => w.name);
  const sheet = sheetName ? workbook.worksheets.find((w) => w.name === sheetName) : workbook.worksheets[0];
  if (!sheet) throw invalid('sheet', sheetName ? `The workbook has no sheet “${sheetName}”` : 'The workbook is empty');
  const table: string[][] = [];
  const numbers: number[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c)));
    table.push(cells);
    numbers.push(rowNumber);
  });
  return toParsed(table, { format: 'xlsx', encoding: null, delimiter: null, sheet: sheet.name, sheets }, (i) =>
    Number(numbers[i]),
  );
}

function cellText(cell: ExcelJS.Cell): string {
  const value = cell.value;
  if (value === null || value === undefined) return '';
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  try {
    return cell.text ?? '';
  } catch {
    return String(value);
  }
}

export async function parseFile(fileName: string, bytes: Buffer, sheet?: string | null): Promise<ParsedFile> {
  return formatOf(fileName, bytes) === 'xlsx' ? parseXlsx(bytes, sheet) : parseCsv(bytes);
}

/** The error report: the header and rows of the file as they were, plus a column with the reasons. */
export function errorReportCsv(
  columns: string[],
  rows: { row: number; cells: string[]; errors: { field: string; message: string }[] }[],
  delimiter: string,
  errorHeader = 'Error',
): string {
  const data = rows.map((r) => [
    ...columns.map((_, i) => r.cells[i] ?? ''),
    r.errors.map((e) => (e.field === 'row' ? e.message : `${e.field}: ${e.message}`)).join('; '),
  ]);
  // A byte order mark makes Excel read the report as UTF-8.
  return `\uFEFF${Papa.unparse({ fields: [...columns, errorHeader], data }, { delimiter, newline: '\r\n' })}\r\n`;
}
