/**
 * What Rapport accepts as an attachment and how it serves it back: names are cleaned for display,
 * programs are refused, and types a browser would run (HTML, SVG, scripts) are only ever downloaded.
 */

const MAX_NAME = 200;

/** Extensions of programs and scripts that run when opened; such files are refused at upload and rename. */
const REFUSED_EXTENSIONS = new Set([
  'exe',
  'bat',
  'cmd',
  'com',
  'msi',
  'msp',
  'msix',
  'appx',
  'scr',
  'pif',
  'cpl',
  'dll',
  'sys',
  'drv',
  'sh',
  'bash',
  'zsh',
  'csh',
  'ksh',
  'command',
  'ps1',
  'psm1',
  'psd1',
  'vbs',
  'vbe',
  'jse',
  'wsf',
  'wsh',
  'wsc',
  'hta',
  'lnk',
  'reg',
  'inf',
  'gadget',
  'application',
  'jar',
  'apk',
  'app',
  'deb',
  'rpm',
  'run',
  'bin',
  'elf',
]);

/** Media types by extension for the files people attach to cards. Unknown extensions get octet-stream. */
const TYPES: Record<string, string> = {
  pdf: 'application/pdf',
  txt: 'text/plain',
  csv: 'text/csv',
  md: 'text/markdown',
  rtf: 'application/rtf',
  json: 'application/json',
  xml: 'application/xml',
  html: 'text/html',
  htm: 'text/html',
  xhtml: 'application/xhtml+xml',
  svg: 'image/svg+xml',
  js: 'text/javascript',
  mjs: 'text/javascript',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  heic: 'image/heic',
  tif: 'image/tiff',
  tiff: 'image/tiff',
  bmp: 'image/bmp',
  doc: 'application/msword',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xls: 'application/vnd.ms-excel',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  ppt: 'application/vnd.ms-powerpoint',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  odt: 'application/vnd.oasis.opendocument.text',
  ods: 'application/vnd.oasis.opendocument.spreadsheet',
  odp: 'application/vnd.oasis.opendocument.presentation',
  eml: 'message/rfc822',
  msg: 'application/vnd.ms-outlook',
  vcf: 'text/vcard',
  ics: 'text/calendar',
  zip: 'application/zip',
  mp3: 'audio/mpeg',
  mp4: 'video/mp4',
  mov: 'video/quicktime',
};

/** Types a browser would render as a page or run as code: always served as a download of plain bytes. */
const DANGEROUS_TYPES = new Set([
  'text/html',
  'application/xhtml+xml',
  'image/svg+xml',
  'text/javascript',
  'application/javascript',
  'application/xml',
  'text/xml',
]);

/** Types the browser may show in a tab when asked (`?inline=true`). */
const INLINE_TYPES = new Set(['application/pdf', 'text/plain', 'image/png', 'image/jpeg', 'image/gif', 'image/webp']);

/**
 * The name as it is shown: path parts, control and bidirectional-override characters removed,
 * whitespace collapsed, at most 200 characters with the extension kept.
 */
export function sanitizeFileName(raw: string | undefined | null): string {
  let name = (raw ?? '').normalize('NFC');
  name = name.split(/[/\\]/).pop() ?? '';
  // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
  name = name.replace(/[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  name = name.replace(/\s+/g, ' ').trim();
  // Windows ignores trailing dots and spaces, so "x.exe." would open as "x.exe".
  name = name.replace(/[. ]+$/, '');
  if (name === '' || name === '.' || name === '..') name = 'file';
  if ([...name].length > MAX_NAME) {
    const chars = [...name];
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 ? [...name.slice(dot)] : [];
    name =
      ext.length > 0 && ext.length <= 16
        ? chars.slice(0, MAX_NAME - ext.length).join('') + ext.join('')
        : chars.slice(0, MAX_NAME).join('');
  }
  return name;
}

export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** Why a file of this name is refused, or null when it is accepted. */
export function refusedName(name: string): string | null {
  const ext = extensionOf(name);
  if (REFUSED_EXTENSIONS.has(ext)) {
    return `Files of type .${ext} are programs or scripts and cannot be attached; put them in a zip archive if you must share them`;
  }
  return null;
}

/**
 * Programs recognised by their first bytes whatever their name: Windows (MZ), Linux (ELF),
 * macOS (Mach-O) and scripts starting with "#!".
 */
export function refusedContent(head: Buffer): string | null {
  const hex = head.subarray(0, 4).toString('hex');
  const isProgram =
    head.subarray(0, 2).toString('latin1') === 'MZ' ||
    hex === '7f454c46' ||
    ['feedface', 'feedfacf', 'cefaedfe', 'cffaedfe', 'cafebabe'].includes(hex) ||
    head.subarray(0, 2).toString('latin1') === '#!';
  return isProgram ? 'This file is a program or script and cannot be attached' : null;
}

/** The media type stored for a file: from its extension, else the uploader's claim when well-formed. */
export function contentTypeFor(name: string, claimed: string | undefined): string {
  const byExt = TYPES[extensionOf(name)];
  if (byExt) return byExt;
  const c = (claimed ?? '').toLowerCase().split(';')[0]?.trim() ?? '';
  if (/^[a-z]+\/[a-z0-9][a-z0-9.+-]{0,100}$/.test(c) && !DANGEROUS_TYPES.has(c) && !c.startsWith('text/')) return c;
  return 'application/octet-stream';
}

/** How a stored file is sent: dangerous types as plain bytes to download; only safe ones inline on request. */
export function servingOf(contentType: string, wantInline: boolean): { type: string; inline: boolean } {
  if (DANGEROUS_TYPES.has(contentType)) return { type: 'application/octet-stream', inline: false };
  const type = contentType.startsWith('text/') ? `${contentType}; charset=utf-8` : contentType;
  return { type, inline: wantInline && INLINE_TYPES.has(contentType) };
}

/** Content-Disposition with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987). */
export function contentDisposition(name: string, inline: boolean): string {
  const fallback = name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\%]/g, '_');
  const encoded = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `${inline ? 'inline' : 'attachment'}; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
