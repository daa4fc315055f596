import sanitizeHtml from 'sanitize-html';

/**
 * Rich text from users (notes, later e-mail bodies and FAQ articles) is reduced to a small allowlist:
 * no scripts, styles, event handlers or foreign URLs schemes survive. Mentions are spans with a
 * `data-mention` user id.
 */
const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p',
    'br',
    'strong',
    'b',
    'em',
    'i',
    'u',
    's',
    'ul',
    'ol',
    'li',
    'blockquote',
    'code',
    'pre',
    'a',
    'span',
  ],
  allowedAttributes: { a: ['href', 'target', 'rel'], span: ['data-mention'] },
  allowedSchemes: ['http', 'https', 'mailto', 'tel'],
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  transformTags: {
    a: sanitizeHtml.simpleTransform('a', { target: '_blank', rel: 'noopener noreferrer nofollow' }),
  },
};

export function sanitizeRichText(html: string): string {
  return sanitizeHtml(html, OPTIONS).trim();
}

/** Plain text of sanitised HTML, for search, previews and e-mail. */
export function richTextToPlain(html: string): string {
  const withBreaks = html.replace(/<(br|\/p|\/li|\/blockquote|\/pre)\s*\/?>/gi, '\n');
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return text
    .replace(/&nbsp;/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** User ids mentioned in sanitised HTML, each once. */
export function mentionedIds(html: string): string[] {
  const ids = new Set<string>();
  for (const m of html.matchAll(/data-mention="([^"]+)"/g)) if (m[1] && UUID.test(m[1])) ids.add(m[1].toLowerCase());
  return [...ids];
}
