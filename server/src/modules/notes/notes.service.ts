import type { Note, NoteEntity } from '@rapport/contracts/notes.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, forbidden, invalid, notFound } from '../../http/errors.ts';
import { mentionedIds, richTextToPlain, sanitizeRichText } from '../../lib/html.ts';
import { newId } from '../../lib/ids.ts';
import { getCompany } from '../companies/companies.service.ts';
import { getContact } from '../contacts/contacts.service.ts';
import * as q from './notes.sql.ts';

const toNote = (r: q.NoteRow): Note => ({
  id: r.id,
  entity: r.entity as NoteEntity,
  entityId: r.entity_id,
  html: r.html,
  text: r.text,
  mentions: r.mentions,
  authorId: r.author_id,
  authorName: r.author_name,
  version: r.version,
  createdAt: r.created_at.toISOString(),
  updatedAt: r.updated_at.toISOString(),
});

/** The card the note belongs to, as the reader sees it (hidden or missing cards are "not found"). */
async function cardOf(ctx: Ctx, entity: NoteEntity, entityId: string) {
  if (entity === 'company') {
    const c = await getCompany(ctx, entityId);
    return { title: c.name, path: `/companies/${c.id}` };
  }
  const c = await getContact(ctx, entityId);
  return { title: `${c.firstName} ${c.lastName}`.trim(), path: `/contacts/${c.id}` };
}

async function prepare(ctx: Ctx, rawHtml: string) {
  const html = sanitizeRichText(rawHtml);
  const text = richTextToPlain(html);
  if (text === '') throw invalid('html', 'A note cannot be empty');
  const members = await q.membersAmong(ctx.db, ctx.workspaceId, mentionedIds(html));
  return { html, text, mentions: members.map((m) => m.id), members };
}

/** Mentioned colleagues (not the writer, not those already mentioned before) get an e-mail. */
async function notifyMentions(
  ctx: Ctx,
  members: { id: string; name: string; email: string }[],
  already: string[],
  card: { title: string; path: string },
  text: string,
) {
  for (const m of members) {
    if (m.id === ctx.actor.userId || already.includes(m.id)) continue;
    await ctx.mailer.send({
      workspaceId: ctx.workspaceId,
      to: m.email,
      subject: `${ctx.actor.name} mentioned you on ${card.title}`,
      text: `${ctx.actor.name} wrote on ${card.title}:\n\n${text}\n\nOpen it: ${ctx.config.publicUrl}${card.path}\n`,
    });
  }
}

export async function listNotes(ctx: Ctx, entity: NoteEntity, entityId: string, limit: number, before?: string) {
  await cardOf(ctx, entity, entityId);
  const rows = await q.selectNotes(ctx.db, ctx.workspaceId, entity, entityId, { limit, before });
  const more = rows.length > limit;
  const items = (more ? rows.slice(0, limit) : rows).map(toNote);
  return { items, nextBefore: more ? (items[items.length - 1]?.createdAt ?? null) : null };
}

export async function createNote(ctx: Ctx, input: { entity: NoteEntity; entityId: string; html: string }) {
  const card = await cardOf(ctx, input.entity, input.entityId);
  const { html, text, mentions, members } = await prepare(ctx, input.html);
  const id = newId();
  await q.insertNote(ctx.db, {
    workspace_id: ctx.workspaceId,
    id,
    entity: input.entity,
    entity_id: input.entityId,
    html,
    text,
    mentions,
    author_id: ctx.actor.userId,
  });
  await notifyMentions(ctx, members, [], card, text);
  const row = await q.selectNote(ctx.db, ctx.workspaceId, id);
  if (!row) throw new AppError('INTERNAL', 'The note could not be read back');
  return toNote(row);
}

/** The author edits and deletes their notes; managers and administrators any note. */
async function editable(ctx: Ctx, id: string) {
  const row = await q.selectNote(ctx.db, ctx.workspaceId, id);
  if (!row) throw notFound('Note');
  await cardOf(ctx, row.entity as NoteEntity, row.entity_id);
  const mayEdit = row.author_id === ctx.actor.userId || ctx.actor.role === 'admin' || ctx.actor.role === 'manager';
  if (!mayEdit) throw forbidden('Only the author or a manager can change this note');
  return row;
}

export async function updateNote(ctx: Ctx, id: string, input: { version: number; html: string }) {
  const row = await editable(ctx, id);
  if (row.version !== input.version) {
    throw new AppError('CONFLICT', 'Someone else changed this note; reload and apply your change again', {
      current: toNote(row),
    });
  }
  const card = await cardOf(ctx, row.entity as NoteEntity, row.entity_id);
  const { html, text, mentions, members } = await prepare(ctx, input.html);
  await q.updateNote(ctx.db, ctx.workspaceId, id, { html, text, mentions });
  await notifyMentions(ctx, members, row.mentions, card, text);
  const updated = await q.selectNote(ctx.db, ctx.workspaceId, id);
  if (!updated) throw notFound('Note');
  return toNote(updated);
}

export async function deleteNote(ctx: Ctx, id: string) {
  await editable(ctx, id);
  await q.deleteNote(ctx.db, ctx.workspaceId, id);
}
