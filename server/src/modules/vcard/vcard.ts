/**
 * vCard 4.0 (RFC 6350) written and read by hand: escaping of text values, folding of lines longer
 * than 75 octets (never inside a UTF-8 character), and on reading unfolding, parameters with TYPE
 * and PREF, structured values (N, ADR, ORG) and the older 2.1/3.0 forms phones still export.
 */

export type VcardContact = {
  id: string;
  firstName: string;
  lastName: string;
  title: string | null;
  email: string | null;
  phone: string | null;
  companyName: string | null;
  updatedAt: string;
};

export const escapeText = (value: string) =>
  value
    .replace(/\\/g, '\\\\')
    .replace(/,/g, '\\,')
    .replace(/;/g, '\\;')
    .replace(/\r\n|\r|\n/g, '\\n');

/** Splits a content line into lines of at most 75 octets; continuation lines start with one space. */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  let limit = 75;
  for (const ch of line) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (octets + size > limit) {
      out.push(current);
      current = ' ';
      octets = 1;
      limit = 75;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

const compactTimestamp = (iso: string) => `${iso.slice(0, 19).replace(/[-:]/g, '')}Z`;

export function formatVcard(c: VcardContact): string {
  const fn = `${c.firstName} ${c.lastName}`.trim() || c.email || 'Contact';
  const lines = [
    'BEGIN:VCARD',
    'VERSION:4.0',
    `FN:${escapeText(fn)}`,
    `N:${escapeText(c.lastName)};${escapeText(c.firstName)};;;`,
  ];
  if (c.companyName) lines.push(`ORG:${escapeText(c.companyName)}`);
  if (c.title) lines.push(`TITLE:${escapeText(c.title)}`);
  if (c.email) lines.push(`EMAIL;TYPE=work:${escapeText(c.email)}`);
  if (c.phone) lines.push(`TEL;TYPE=work,voice:${escapeText(c.phone)}`);
  lines.push(`UID:urn:uuid:${c.id}`, `REV:${compactTimestamp(c.updatedAt)}`, 'END:VCARD');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

// Reading

export type Typed = { value: string; types: string[]; pref: number };
export type ParsedAddress = {
  types: string[];
  pref: number;
  poBox: string;
  extended: string;
  street: string;
  locality: string;
  region: string;
  postalCode: string;
  country: string;
};
export type ParsedCard = {
  index: number;
  fn: string | null;
  n: { family: string; given: string; additional: string; prefixes: string; suffixes: string } | null;
  org: string[];
  title: string | null;
  emails: Typed[];
  tels: Typed[];
  addresses: ParsedAddress[];
};

export class NotVcardError extends Error {}

type ContentLine = { name: string; params: Map<string, string[]>; value: string };

/** Undoes the text escapes: \n \N, \, \; and \\. */
export const unescapeText = (value: string) =>
  value.replace(/\\([nN,;\\:])/g, (_m, c: string) => (c === 'n' || c === 'N' ? '\n' : c));

/** Splits on a separator that is not escaped with a backslash, then unescapes each part. */
function splitUnescaped(value: string, sep: ';' | ','): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      current += ch + value[i + 1];
      i++;
    } else if (ch === sep) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((p) => unescapeText(p).trim());
}

function parseContentLine(line: string): ContentLine | null {
  // The value starts at the first colon outside a quoted parameter value.
  let inQuotes = false;
  let colon = -1;
  for (let i = 0; i < line.length; i++) {
    if (line[i] === '"') inQuotes = !inQuotes;
    else if (line[i] === ':' && !inQuotes) {
      colon = i;
      break;
    }
  }
  if (colon < 0) return null;
  const head = line.slice(0, colon);
  const value = line.slice(colon + 1);
  const segments: string[] = [];
  let current = '';
  inQuotes = false;
  for (const ch of head) {
    if (ch === '"') inQuotes = !inQuotes;
    if (ch === ';' && !inQuotes) {
      segments.push(current);
      current = '';
    } else current += ch;
  }
  segments.push(current);
  const rawName = segments.shift() ?? '';
  const name = (rawName.includes('.') ? rawName.slice(rawName.lastIndexOf('.') + 1) : rawName).toUpperCase();
  const params = new Map<string, string[]>();
  for (const seg of segments) {
    const eq = seg.indexOf('=');
    // vCard 2.1 writes bare types: TEL;WORK;VOICE:…
    const key = (eq < 0 ? 'TYPE' : seg.slice(0, eq)).trim().toUpperCase();
    const raw = eq < 0 ? seg : seg.slice(eq + 1);
    const values = raw
      .split(',')
      .map((v) => v.trim().replace(/^"|"$/g, ''))
      .filter(Boolean);
    params.set(key, [...(params.get(key) ?? []), ...values]);
  }
  return { name, params, value };
}

function decodeQuotedPrintable(value: string, charset: string | undefined): string {
  const bytes: number[] = [];
  for (let i = 0; i < value.length; i++) {
    const hex = value.slice(i + 1, i + 3);
    if (value[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(value[i] ?? '', 'utf8'));
  }
  const enc = charset?.toLowerCase() === 'iso-8859-1' || charset?.toLowerCase() === 'latin1' ? 'latin1' : 'utf8';
  return Buffer.from(bytes).toString(enc);
}

/** Unfolds and splits into lines; vCard 2.1 quoted-printable values continue after a trailing "=". */
function logicalLines(text: string): string[] {
  const physical = text
    .replace(/\r\n|\r/g, '\n')
    .replace(/\n[ \t]/g, '')
    .split('\n');
  const lines: string[] = [];
  for (let i = 0; i < physical.length; i++) {
    let line = physical[i] ?? '';
    if (/ENCODING=QUOTED-PRINTABLE|;QUOTED-PRINTABLE/i.test(line.split(':')[0] ?? '')) {
      while (line.endsWith('=') && i + 1 < physical.length) {
        line = line.slice(0, -1) + (physical[++i] ?? '');
      }
    }
    if (line.trim() !== '') lines.push(line);
  }
  return lines;
}

const typesOf = (params: Map<string, string[]>) =>
  (params.get('TYPE') ?? []).map((t) => t.toLowerCase()).filter((t) => t !== 'pref' && t !== 'internet');

function prefOf(params: Map<string, string[]>): number {
  const pref = Number(params.get('PREF')?.[0]);
  if (Number.isInteger(pref) && pref >= 1 && pref <= 100) return pref;
  return (params.get('TYPE') ?? []).some((t) => t.toLowerCase() === 'pref') ? 1 : 101;
}

/** Parses a file of one or many vCards; throws NotVcardError when it holds none. */
export function parseVcards(input: string): ParsedCard[] {
  const text = input.replace(/^\uFEFF/, '');
  if (!/^BEGIN:VCARD\s*$/im.test(text)) throw new NotVcardError('The file contains no vCard (BEGIN:VCARD is missing)');
  const cards: ParsedCard[] = [];
  let card: ParsedCard | null = null;
  for (const raw of logicalLines(text)) {
    const line = parseContentLine(raw);
    if (!line) continue;
    if (line.name === 'BEGIN' && line.value.trim().toUpperCase() === 'VCARD') {
      card = { index: cards.length + 1, fn: null, n: null, org: [], title: null, emails: [], tels: [], addresses: [] };
      continue;
    }
    if (!card) continue;
    if (line.name === 'END' && line.value.trim().toUpperCase() === 'VCARD') {
      cards.push(card);
      card = null;
      continue;
    }
    const encoding = line.params.get('ENCODING')?.[0]?.toUpperCase();
    const isQP = encoding === 'QUOTED-PRINTABLE' || line.params.get('TYPE')?.includes('QUOTED-PRINTABLE');
    const value = isQP ? decodeQuotedPrintable(line.value, line.params.get('CHARSET')?.[0]) : line.value;
    const types = typesOf(line.params).filter((t) => t !== 'quoted-printable');
    const pref = prefOf(line.params);
    switch (line.name) {
      case 'FN':
        card.fn = unescapeText(value).trim() || null;
        break;
      case 'N': {
        const [family = '', given = '', additional = '', prefixes = '', suffixes = ''] = splitUnescaped(value, ';');
        card.n = { family, given, additional, prefixes, suffixes };
        break;
      }
      case 'ORG':
        card.org = splitUnescaped(value, ';').filter(Boolean);
        break;
      case 'TITLE':
        card.title = unescapeText(value).trim() || null;
        break;
      case 'EMAIL':
        card.emails.push({ value: unescapeText(value).trim(), types, pref });
        break;
      case 'TEL':
        card.tels.push({
          value: unescapeText(value)
            .trim()
            .replace(/^tel:/i, '')
            .replace(/;ext=.*$/i, ''),
          types,
          pref,
        });
        break;
      case 'ADR': {
        const [poBox = '', extended = '', street = '', locality = '', region = '', postalCode = '', country = ''] =
          splitUnescaped(value, ';');
        card.addresses.push({ types, pref, poBox, extended, street, locality, region, postalCode, country });
        break;
      }
    }
  }
  if (cards.length === 0) throw new NotVcardError('The file contains no complete vCard (END:VCARD is missing)');
  return cards;
}

/** The preferred of several values: lowest PREF, then the first in the file. */
export const preferred = <T extends { pref: number }>(items: T[]): T | undefined =>
  items.reduce<T | undefined>((best, it) => (best === undefined || it.pref < best.pref ? it : best), undefined);
