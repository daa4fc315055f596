import Mention from '@tiptap/extension-mention';

/**
 * An @mention as the server keeps it: `<span data-mention="USER_ID">@Name</span>`. The server's
 * sanitiser drops every other attribute, so the id and the label are read back from these two.
 */
export const NoteMention = Mention.extend({
  parseHTML() {
    return [{ tag: 'span[data-mention]' }];
  },
  addAttributes() {
    return {
      id: {
        default: null,
        parseHTML: (el: HTMLElement) => el.getAttribute('data-mention'),
        renderHTML: (attrs: { id?: string | null }) => (attrs.id ? { 'data-mention': attrs.id } : {}),
      },
      label: {
        default: null,
        parseHTML: (el: HTMLElement) => (el.textContent ?? '').replace(/^@/, ''),
        renderHTML: () => ({}),
      },
    };
  },
});
