import { type ContactCreate, ContactCreateSchema } from '@rapport/contracts/contacts.ts';
import type { VcardImportResult } from '@rapport/contracts/vcard.ts';
import type { Ctx } from '../../http/context.ts';
import { AppError, invalid } from '../../http/errors.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { createContact, getContact } from '../contacts/contacts.service.ts';
import { selectCompanyIdByName } from './vcard.sql.ts';
import { formatVcard, NotVcardError, type ParsedCard, parseVcards, preferred } from './vcard.ts';

/** Cards per import; a larger address book goes in several files. */
export const MAX_CARDS = 5000;

export async function contactVcard(ctx: Ctx, id: string): Promise<{ fileName: string; text: string }> {
  const contact = await getContact(ctx, id);
  const base = `${contact.firstName} ${contact.lastName}`.trim() || 'contact';
  return { fileName: `${base}.vcf`, text: formatVcard(contact) };
}

function names(card: ParsedCard): { firstName: string; lastName: string } {
  if (card.n && (card.n.given || card.n.family)) {
    const firstName = [card.n.given, card.n.additional].filter(Boolean).join(' ');
    return { firstName, lastName: card.n.family };
  }
  const fn = card.fn ?? '';
  const space = fn.lastIndexOf(' ');
  return space < 0 ? { firstName: '', lastName: fn } : { firstName: fn.slice(0, space), lastName: fn.slice(space + 1) };
}

/** The contact a card describes; values the contact cannot hold are reported as warnings. */
async function toContactInput(ctx: Ctx, card: ParsedCard) {
  const warnings: string[] = [];
  const { firstName, lastName } = names(card);
  const input: ContactCreate = {
    firstName: firstName.slice(0, 100),
    lastName: lastName.slice(0, 100),
    title: card.title?.slice(0, 120) ?? null,
  };
  const email = preferred(card.emails);
  if (email) {
    if (ContactCreateSchema.safeParse({ ...input, email: email.value }).success) input.email = email.value;
    else warnings.push(`E-mail "${email.value}" is not a valid address and was left out`);
  }
  if (card.emails.length > 1) warnings.push(`${card.emails.length - 1} more e-mail address(es) left out`);
  const tel = preferred(card.tels);
  if (tel) {
    if (ContactCreateSchema.safeParse({ ...input, phone: tel.value }).success) input.phone = tel.value;
    else warnings.push(`Phone "${tel.value}" is not a phone number and was left out`);
  }
  if (card.tels.length > 1) warnings.push(`${card.tels.length - 1} more phone number(s) left out`);
  if (card.addresses.length > 0) warnings.push('Contacts have no address fields yet; the address was left out');
  const orgName = card.org[0];
  let companyId: string | null = null;
  if (orgName) {
    companyId = (await selectCompanyIdByName(ctx.db, ctx.workspaceId, orgName, visibleTo('c', ctx.actor))) ?? null;
    if (companyId) input.companyId = companyId;
    else warnings.push(`No company named "${orgName}"; the contact was created without one`);
  }
  return { input, warnings, companyId };
}

export async function importVcards(ctx: Ctx, text: string): Promise<VcardImportResult> {
  let cards: ParsedCard[];
  try {
    cards = parseVcards(text);
  } catch (err) {
    if (err instanceof NotVcardError) throw invalid('file', `${err.message}. Choose a .vcf file.`);
    throw err;
  }
  if (cards.length > MAX_CARDS) {
    throw invalid('file', `The file holds ${cards.length} cards; import at most ${MAX_CARDS} at a time`);
  }
  const result: VcardImportResult = { created: [], errors: [] };
  for (const card of cards) {
    const label = card.fn ?? (card.n ? `${card.n.given} ${card.n.family}`.trim() : null);
    const { input, warnings, companyId } = await toContactInput(ctx, card);
    const parsed = ContactCreateSchema.safeParse(input);
    if (!parsed.success) {
      const message = !input.firstName && !input.lastName ? 'The card has no name' : parsed.error.issues[0]?.message;
      result.errors.push({ index: card.index, name: label, message: message ?? 'The card is not valid' });
      continue;
    }
    try {
      const contact = await createContact(ctx, parsed.data);
      result.created.push({
        index: card.index,
        id: contact.id,
        name: `${contact.firstName} ${contact.lastName}`.trim(),
        companyId,
        warnings,
      });
    } catch (err) {
      if (!(err instanceof AppError) || err.code === 'INTERNAL') throw err;
      result.errors.push({ index: card.index, name: label, message: err.message });
    }
  }
  return result;
}
