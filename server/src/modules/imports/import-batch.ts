import type { DuplicateRule, ImportField } from '@rapport/contracts/imports.ts';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import type { Actor } from '../../http/context.ts';
import { newId } from '../../lib/ids.ts';
import { visibleTo } from '../../lib/visibility.ts';
import { diff } from '../audit/audit.sql.ts';
import { toCompany } from '../companies/companies.service.ts';
import { reserveNumbers, selectCompany } from '../companies/companies.sql.ts';
import { toContact } from '../contacts/contacts.service.ts';
import { selectContact } from '../contacts/contacts.sql.ts';
import type { DataRow } from './import-file.ts';
import { pick } from './import-mapping.ts';
import {
  applyCompanyCells,
  applyContactCells,
  type CompanyState,
  type ContactState,
  companyStateOf,
  EMPTY_COMPANY,
  EMPTY_CONTACT,
  orgDigitsOf,
  orgNumberFor,
  type RowError,
  readCompanyCells,
  readContactCells,
} from './import-rows.ts';
import * as q from './imports.sql.ts';

/**
 * One batch of rows: each row is checked, matched against the records the importer can see (and the
 * rows before it in this batch), then created, merged into its match, skipped, or reported. With
 * `write` the records, their history (carrying the import id) are written on `db`, which is the
 * batch's transaction; without it the same decisions are only reported (the preview).
 */

export type RowOutcome = {
  row: number;
  cells: string[];
  action: 'create' | 'update' | 'skip' | 'error';
  errors: RowError[];
  values: Record<string, string | null>;
};

export type BatchInput = {
  db: Kysely<DB>;
  workspaceId: string;
  actor: Pick<Actor, 'userId' | 'role' | 'kind'>;
  importId: string;
  rule: DuplicateRule;
  defaultCountry: string | null;
  byField: Map<ImportField, number>;
  rows: DataRow[];
  write: boolean;
};

const COMPANY_COLUMNS: Record<keyof CompanyState, string> = {
  name: 'name',
  firstName: 'first_name',
  lastName: 'last_name',
  industry: 'industry',
  orgNumber: 'org_number',
  country: 'country',
  type: 'type',
  phone: 'phone',
  phones: 'phones',
  email: 'email',
  emails: 'emails',
  website: 'website',
  addresses: 'addresses',
};
const JSON_FIELDS = new Set(['phones', 'emails', 'addresses']);

export const CONTACT_COLUMNS: Record<keyof ContactState, string> = {
  firstName: 'first_name',
  lastName: 'last_name',
  title: 'title',
  email: 'email',
  phone: 'phone',
  companyId: 'company_id',
};

/** Contract field → column value, for the fields of an import. */
export function columnsOf(entity: 'company' | 'contact', fields: Record<string, unknown>): Record<string, unknown> {
  const map: Record<string, string> = entity === 'company' ? COMPANY_COLUMNS : CONTACT_COLUMNS;
  const out: Record<string, unknown> = {};
  for (const [field, value] of Object.entries(fields)) {
    const column = map[field];
    if (column) out[column] = JSON_FIELDS.has(field) ? JSON.stringify(value) : value;
  }
  return out;
}

const companyValues = (s: CompanyState): Record<string, string | null> => {
  const postal = s.addresses.find((a) => a.kind === 'postal');
  return {
    name: s.name,
    orgNumber: s.orgNumber,
    country: s.country,
    type: s.type,
    industry: s.industry,
    phone: s.phone,
    email: s.email,
    website: s.website,
    street: postal?.street ?? null,
    postalCode: postal?.postalCode ?? null,
    city: postal?.city ?? null,
    firstName: s.firstName,
    lastName: s.lastName,
  };
};

type Match = { kind: 'new'; index: number } | { kind: 'existing'; id: string };
type Counts = { created: number; updated: number; skipped: number; failed: number };

function countsOf(outcomes: RowOutcome[]): Counts {
  const c: Counts = { created: 0, updated: 0, skipped: 0, failed: 0 };
  for (const o of outcomes) {
    if (o.action === 'create') c.created++;
    else if (o.action === 'update') c.updated++;
    else if (o.action === 'skip') c.skipped++;
    else c.failed++;
  }
  return c;
}

/**
 * A record the import created gets one history row holding all its first values (the history shows them
 * field by field): a sixth of the rows a field-per-row entry would cost, at tens of thousands of records.
 */
const createAudit = (entity: 'company' | 'contact', id: string, state: Record<string, unknown>): q.AuditInsert => ({
  entity,
  entityId: id,
  action: 'create',
  field: null,
  old: null,
  new: Object.fromEntries(
    Object.entries(state).filter(([, v]) => v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)),
  ),
});

export async function companyBatch(input: BatchInput): Promise<{ outcomes: RowOutcome[]; counts: Counts }> {
  const { db, workspaceId, actor, rule, defaultCountry } = input;
  const visible = { company: visibleTo('c', actor), contact: visibleTo('ct', actor) };
  const prepared = input.rows.map((r) => {
    const errors: RowError[] = [];
    const cells = readCompanyCells(pick(input.byField, r.cells), errors);
    const org = cells.orgNumber ? orgNumberFor(cells.orgNumber, cells.country ?? defaultCountry, []) : null;
    return { r, cells, errors, digits: org?.digits ?? null };
  });
  const matches = new Map<string, Match>();
  if (rule !== 'create') {
    const digits = [...new Set(prepared.map((p) => p.digits).filter((d): d is string => d !== null))];
    for (const hit of await q.selectCompaniesByOrgDigits(db, workspaceId, visible.company, digits)) {
      if (!matches.has(hit.digits)) matches.set(hit.digits, { kind: 'existing', id: hit.id });
    }
  }
  const creates: { id: string; state: CompanyState }[] = [];
  const updates = new Map<string, { before: CompanyState; after: CompanyState }>();
  const outcomes: RowOutcome[] = [];
  for (const p of prepared) {
    const outcome: RowOutcome = { row: p.r.row, cells: p.r.cells, action: 'error', errors: p.errors, values: {} };
    outcomes.push(outcome);
    if (p.errors.length > 0) continue;
    const match = p.digits ? matches.get(p.digits) : undefined;
    if (match && rule === 'skip') {
      outcome.action = 'skip';
      continue;
    }
    if (!match) {
      const state = applyCompanyCells(EMPTY_COMPANY, p.cells, defaultCountry, p.errors);
      outcome.values = companyValues(state);
      if (p.errors.length > 0) continue;
      if (p.digits && rule !== 'create') matches.set(p.digits, { kind: 'new', index: creates.length });
      creates.push({ id: newId(), state });
      outcome.action = 'create';
      continue;
    }
    let target: { state: CompanyState } | { before: CompanyState; after: CompanyState };
    if (match.kind === 'new') {
      target = creates[match.index] as { state: CompanyState };
    } else {
      let u = updates.get(match.id);
      if (!u) {
        const row = await selectCompany(db, workspaceId, match.id, {
          includeDeleted: false,
          forUpdate: input.write,
          visible,
        });
        if (!row) {
          p.errors.push({ field: 'row', message: 'The matching company was removed meanwhile' });
          continue;
        }
        const before = companyStateOf(toCompany(row));
        u = { before, after: before };
        updates.set(match.id, u);
      }
      target = u;
    }
    const from = 'state' in target ? target.state : target.after;
    const next = applyCompanyCells(from, p.cells, defaultCountry, p.errors);
    outcome.values = companyValues(next);
    if (p.errors.length > 0) continue;
    if ('state' in target) target.state = next;
    else target.after = next;
    outcome.action = 'update';
  }
  if (input.write) await writeCompanies(input, creates, updates);
  return { outcomes, counts: countsOf(outcomes) };
}

async function writeCompanies(
  input: BatchInput,
  creates: { id: string; state: CompanyState }[],
  updates: Map<string, { before: CompanyState; after: CompanyState }>,
) {
  const { db, workspaceId, actor, importId } = input;
  const audit: q.AuditInsert[] = [];
  if (creates.length > 0) {
    const first = await reserveNumbers(db, workspaceId, 'customer_number', creates.length);
    await q.insertCompanies(
      db,
      creates.map((c, i) => ({
        ...columnsOf('company', c.state),
        workspace_id: workspaceId,
        id: c.id,
        customer_number: first + i,
        owner_id: actor.userId,
        created_by: actor.userId,
        visibility: 'everyone',
        import_id: importId,
      })),
    );
    for (const c of creates) {
      audit.push(createAudit('company', c.id, { ...c.state, visibility: 'everyone', ownerId: actor.userId }));
    }
  }
  for (const [id, u] of updates) {
    const changes = diff(u.before as unknown as Record<string, unknown>, u.after as unknown as Record<string, unknown>);
    if (changes.length === 0) continue;
    const values = columnsOf('company', Object.fromEntries(changes.map((c) => [c.field, c.new])));
    await q.updateRecord(db, 'companies', workspaceId, id, values, importId);
    for (const c of changes) audit.push({ entity: 'company', entityId: id, action: 'update', ...c });
  }
  await q.insertAuditRows(db, workspaceId, { userId: actor.userId, kind: actor.kind }, importId, audit);
}

export async function contactBatch(input: BatchInput): Promise<{ outcomes: RowOutcome[]; counts: Counts }> {
  const { db, workspaceId, actor, rule } = input;
  const visible = { contact: visibleTo('ct', actor), company: visibleTo('co', actor) };
  const prepared = input.rows.map((r) => {
    const errors: RowError[] = [];
    const cells = readContactCells(pick(input.byField, r.cells), errors);
    return { r, cells, errors, email: cells.email ? cells.email.toLowerCase() : null };
  });
  // Companies named by the rows: organisation number first, otherwise the exact name.
  const refs = prepared.map((p) => p.cells.company).filter((c): c is string => !!c);
  const digits = [...new Set(refs.map(orgDigitsOf).filter((d): d is string => d !== null))];
  const names = [...new Set(refs.filter((r) => orgDigitsOf(r) === null).map((r) => r.toLowerCase()))];
  const companies = await q.selectCompaniesByOrgOrName(db, workspaceId, visibleTo('c', actor), digits, names);
  const companyNames = new Map<string, string>();
  const companyFor = (ref: string, errors: RowError[]): string | undefined => {
    const d = orgDigitsOf(ref);
    const hits = d ? companies.filter((c) => c.digits === d) : companies.filter((c) => c.name === ref.toLowerCase());
    if (hits.length === 1) {
      companyNames.set(hits[0]?.id as string, ref);
      return hits[0]?.id;
    }
    errors.push({
      field: 'company',
      message:
        hits.length === 0
          ? 'No company with this organisation number or name'
          : 'Several companies have this name; use the organisation number',
    });
    return undefined;
  };

  const matches = new Map<string, Match>();
  if (rule !== 'create') {
    const emails = [...new Set(prepared.map((p) => p.email).filter((e): e is string => e !== null))];
    for (const hit of await q.selectContactsByEmail(db, workspaceId, visible.contact, emails)) {
      if (!matches.has(hit.email)) matches.set(hit.email, { kind: 'existing', id: hit.id });
    }
  }
  const creates: { id: string; state: ContactState }[] = [];
  const updates = new Map<string, { before: ContactState; after: ContactState }>();
  const outcomes: RowOutcome[] = [];
  const valuesOf = (s: ContactState) => ({
    firstName: s.firstName,
    lastName: s.lastName,
    title: s.title,
    email: s.email,
    phone: s.phone,
    company: s.companyId ? (companyNames.get(s.companyId) ?? null) : null,
  });
  for (const p of prepared) {
    const outcome: RowOutcome = { row: p.r.row, cells: p.r.cells, action: 'error', errors: p.errors, values: {} };
    outcomes.push(outcome);
    const companyId = p.cells.company ? companyFor(p.cells.company, p.errors) : undefined;
    if (p.errors.length > 0) continue;
    const match = p.email ? matches.get(p.email) : undefined;
    if (match && rule === 'skip') {
      outcome.action = 'skip';
      continue;
    }
    if (!match) {
      const state = applyContactCells(EMPTY_CONTACT, p.cells, companyId, p.errors);
      outcome.values = valuesOf(state);
      if (p.errors.length > 0) continue;
      if (p.email && rule !== 'create') matches.set(p.email, { kind: 'new', index: creates.length });
      creates.push({ id: newId(), state });
      outcome.action = 'create';
      continue;
    }
    let target: { state: ContactState } | { before: ContactState; after: ContactState };
    if (match.kind === 'new') {
      target = creates[match.index] as { state: ContactState };
    } else {
      let u = updates.get(match.id);
      if (!u) {
        const row = await selectContact(db, workspaceId, match.id, {
          includeDeleted: false,
          forUpdate: input.write,
          visible,
        });
        if (!row) {
          p.errors.push({ field: 'row', message: 'The matching contact was removed meanwhile' });
          continue;
        }
        const c = toContact(row);
        const before: ContactState = {
          firstName: c.firstName,
          lastName: c.lastName,
          title: c.title,
          email: c.email,
          phone: c.phone,
          companyId: c.companyId,
        };
        u = { before, after: before };
        updates.set(match.id, u);
      }
      target = u;
    }
    const from = 'state' in target ? target.state : target.after;
    const next = applyContactCells(from, p.cells, companyId, p.errors);
    outcome.values = valuesOf(next);
    if (p.errors.length > 0) continue;
    if ('state' in target) target.state = next;
    else target.after = next;
    outcome.action = 'update';
  }
  if (input.write) {
    const audit: q.AuditInsert[] = [];
    await q.insertContacts(
      db,
      creates.map((c) => ({
        ...columnsOf('contact', c.state),
        workspace_id: workspaceId,
        id: c.id,
        owner_id: actor.userId,
        created_by: actor.userId,
        visibility: 'everyone',
        import_id: input.importId,
      })),
    );
    for (const c of creates) {
      audit.push(createAudit('contact', c.id, { ...c.state, visibility: 'everyone', ownerId: actor.userId }));
    }
    for (const [id, u] of updates) {
      const changes = diff(
        u.before as unknown as Record<string, unknown>,
        u.after as unknown as Record<string, unknown>,
      );
      if (changes.length === 0) continue;
      const values = columnsOf('contact', Object.fromEntries(changes.map((c) => [c.field, c.new])));
      await q.updateRecord(db, 'contacts', workspaceId, id, values, input.importId);
      for (const c of changes) audit.push({ entity: 'contact', entityId: id, action: 'update', ...c });
    }
    await q.insertAuditRows(db, workspaceId, { userId: actor.userId, kind: actor.kind }, input.importId, audit);
  }
  return { outcomes, counts: countsOf(outcomes) };
}
