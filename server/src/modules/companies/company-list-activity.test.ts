import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

/**
 * "Next activity" and "last activity" columns of the company and contact lists. Activities are written
 * straight into the table here, so the tests depend only on the list code and the visibility rule.
 */
let t: TestApp;
let admin: Client;
let colleague: Client;
let workspaceId: string;
let adminId: string;
let colleagueId: string;

const HOUR = 3600_000;
const at = (hours: number) => new Date(Date.now() + hours * HOUR);

beforeAll(async () => {
  t = await startTestApp();
  ({ admin, workspaceId } = await t.workspace('Activity columns AS'));
  colleague = await t.member(admin, 'user');
  adminId = (await admin.get('/api/v1/me')).body.user.id;
  colleagueId = (await colleague.get('/api/v1/me')).body.user.id;
});
afterAll(() => t.close());

type ActivityRow = {
  companyId?: string | null;
  contactId?: string | null;
  start: Date | null;
  end?: Date | null;
  done?: Date | null;
  ownerId?: string;
  private?: boolean;
  deleted?: boolean;
  kind?: 'task' | 'call' | 'meeting';
  invitedContactIds?: string[];
};

async function addActivity(a: ActivityRow): Promise<string> {
  const id = randomUUID();
  const kind = a.kind ?? 'task';
  await t.pool.query(
    `insert into activities (workspace_id, id, type_id, kind, title, starts_at, ends_at, done_at, owner_id, company_id,
       contact_id, private, ical_uid, deleted_at)
     values ($1, $2::uuid, (select id from activity_types where workspace_id = $1 and kind = $3 and builtin), $3, 'Follow up',
       $4, $5, $6, $7, $8, $9, $10, $2::text || '@test', $11)`,
    [
      workspaceId,
      id,
      kind,
      a.start,
      a.end ?? null,
      a.done ?? null,
      a.ownerId ?? adminId,
      a.companyId ?? null,
      a.contactId ?? null,
      a.private ?? false,
      a.deleted ? new Date() : null,
    ],
  );
  for (const contactId of a.invitedContactIds ?? []) {
    await t.pool.query(
      `insert into activity_participants (workspace_id, id, activity_id, contact_id) values ($1, $2, $3, $4)`,
      [workspaceId, randomUUID(), id, contactId],
    );
  }
  return id;
}

async function company(name: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/v1/companies', { name, ...over });
  expect(res.status).toBe(201);
  return res.body.id;
}

async function contact(lastName: string, over: Record<string, unknown> = {}): Promise<string> {
  const res = await admin.post('/api/v1/contacts', { firstName: 'Kari', lastName, ...over });
  expect(res.status).toBe(201);
  return res.body.id;
}

type Row = { id: string; nextActivityAt?: string | null; lastActivityAt?: string | null };
const byId = (items: Row[], id: string) => items.find((r) => r.id === id);

describe('next and last activity of companies', () => {
  it('are left out of the default list and computed when the list asks for them', async () => {
    const id = await company('Columns Basic AS');
    await addActivity({ companyId: id, start: at(48) }); // the next one
    await addActivity({ companyId: id, start: at(24 * 7) }); // later
    await addActivity({ companyId: id, start: at(2), done: at(-1) }); // done early: happened when it was done
    await addActivity({ companyId: id, start: at(-24 * 3) }); // past, not done: took place
    await addActivity({ companyId: id, start: at(-24 * 10), done: at(-24 * 10) });
    await addActivity({ companyId: id, start: at(1), deleted: true }); // in the trash: does not count
    await addActivity({ companyId: id, start: null, done: null }); // no date: neither

    const plain = await admin.get('/api/v1/companies?q=Columns%20Basic');
    expect(plain.status).toBe(200);
    expect(plain.body.items[0]).not.toHaveProperty('nextActivityAt');
    expect(plain.body.items[0]).not.toHaveProperty('lastActivityAt');

    const res = await admin.get('/api/v1/companies?q=Columns%20Basic&include=nextActivityAt&include=lastActivityAt');
    expect(res.status).toBe(200);
    const row = byId(res.body.items, id) as Row;
    expect(Date.parse(row.nextActivityAt as string)).toBeCloseTo(at(48).getTime(), -4);
    expect(Date.parse(row.lastActivityAt as string)).toBeCloseTo(at(-1).getTime(), -4);

    const onlyNext = await admin.get('/api/v1/companies?q=Columns%20Basic&include=nextActivityAt');
    expect(onlyNext.body.items[0]).toHaveProperty('nextActivityAt');
    expect(onlyNext.body.items[0]).not.toHaveProperty('lastActivityAt');
  });

  it('are null for a company without activities, and a done future task is not next', async () => {
    const empty = await company('Columns Empty AS');
    const doneOnly = await company('Columns Done Only AS');
    const doneAt = at(-5);
    await addActivity({ companyId: doneOnly, start: at(24), done: doneAt });
    const res = await admin.get('/api/v1/companies?q=Columns&include=nextActivityAt&include=lastActivityAt&limit=100');
    expect(byId(res.body.items, empty)).toMatchObject({ nextActivityAt: null, lastActivityAt: null });
    const d = byId(res.body.items, doneOnly) as Row;
    expect(d.nextActivityAt).toBeNull();
    expect(Date.parse(d.lastActivityAt as string)).toBeCloseTo(doneAt.getTime(), -4);
  });

  it('count only activities the reader may see: private ones and those of owner-only contacts stay hidden', async () => {
    const id = await company('Columns Private AS');
    const hiddenContact = await contact('Skjult', { companyId: id, visibility: 'owner' });
    const privateStart = at(3);
    await addActivity({ companyId: id, start: privateStart, private: true }); // the admin's own private task
    await addActivity({ companyId: id, contactId: hiddenContact, start: at(5) }); // about an owner-only contact
    const shared = at(30);
    await addActivity({ companyId: id, start: shared });

    const own = await admin.get('/api/v1/companies?q=Columns%20Private&include=nextActivityAt');
    expect(Date.parse(own.body.items[0].nextActivityAt)).toBeCloseTo(privateStart.getTime(), -4);

    const other = await colleague.get('/api/v1/companies?q=Columns%20Private&include=nextActivityAt');
    expect(other.status).toBe(200);
    expect(Date.parse(other.body.items[0].nextActivityAt)).toBeCloseTo(shared.getTime(), -4);

    // A colleague taking part in the private task sees it.
    const { rows } = await t.pool.query(
      `select id from activities where workspace_id = $1 and company_id = $2 and private`,
      [workspaceId, id],
    );
    await t.pool.query(
      `insert into activity_participants (workspace_id, id, activity_id, user_id) values ($1, $2, $3, $4)`,
      [workspaceId, randomUUID(), rows[0].id, colleagueId],
    );
    const participant = await colleague.get('/api/v1/companies?q=Columns%20Private&include=nextActivityAt');
    expect(Date.parse(participant.body.items[0].nextActivityAt)).toBeCloseTo(privateStart.getTime(), -4);
  });

  it('sort by next activity (soonest first, none last) and by last activity, paging without gaps or repeats', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) ids.push(await company(`Columns Sort ${i} AS`));
    // Companies 0–4 have a next activity in reverse order of their number; 5 and 6 have none.
    for (let i = 0; i < 5; i++) await addActivity({ companyId: ids[i], start: at(100 - i * 10) });
    await addActivity({ companyId: ids[5] as string, start: at(-50), done: at(-50) });
    await addActivity({ companyId: ids[2] as string, start: at(-20) });

    const seen: Row[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: Row[]; nextCursor: string | null } } = await admin.get(
        `/api/v1/companies?q=Columns%20Sort&sort=nextActivityAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.map((r) => r.id).slice(0, 5)).toEqual([ids[4], ids[3], ids[2], ids[1], ids[0]]);
    expect(new Set(seen.map((r) => r.id))).toEqual(new Set(ids));
    expect(seen).toHaveLength(7);
    // Sorting includes the column.
    expect(seen[0]?.nextActivityAt).toBeTruthy();
    expect(seen[6]?.nextActivityAt).toBeNull();

    const byLast: Row[] = [];
    cursor = null;
    do {
      const res: { status: number; body: { items: Row[]; nextCursor: string | null } } = await admin.get(
        `/api/v1/companies?q=Columns%20Sort&sort=-lastActivityAt&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      byLast.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(byLast.map((r) => r.id).sort()).toEqual([...ids].sort());
    expect(byLast.slice(2).every((r) => r.lastActivityAt === null)).toBe(true);

    const desc = await admin.get('/api/v1/companies?q=Columns%20Sort&sort=-lastActivityAt&limit=50');
    expect(desc.status).toBe(200);
    expect(desc.body.items.slice(0, 2).map((r: Row) => r.id)).toEqual([ids[2], ids[5]]);
    expect(desc.body.items[0].lastActivityAt).toBeTruthy();
  });

  it('refuses an unknown computed column, and the directions no index serves', async () => {
    const res = await admin.get('/api/v1/companies?include=nextMeeting');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION');
    for (const sort of ['-nextActivityAt', 'lastActivityAt']) {
      const wrong = await admin.get(`/api/v1/companies?sort=${sort}`);
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.code).toBe('VALIDATION');
    }
    expect((await admin.get('/api/v1/contacts?sort=nextActivityAt')).status).toBe(400);
  });

  it('sort the companies the reader may see, by what the reader may see', async () => {
    const hidden = await company('Columns Sort Hidden AS', { visibility: 'owner' });
    const shown = await company('Columns Sort Shown AS');
    await addActivity({ companyId: hidden, start: at(0.5) });
    await addActivity({ companyId: shown, start: at(0.7), private: true }); // the admin's private task
    await addActivity({ companyId: shown, start: at(40) });
    const res = await colleague.get('/api/v1/companies?q=Columns%20Sort&sort=nextActivityAt&limit=100');
    expect(res.status).toBe(200);
    const ids = res.body.items.map((r: Row) => r.id);
    expect(ids).not.toContain(hidden);
    const row = byId(res.body.items, shown) as Row;
    expect(Date.parse(row.nextActivityAt as string)).toBeCloseTo(at(40).getTime(), -4);
    // In order of what the colleague sees: the private task does not move the company ahead.
    const values = res.body.items.map((r: Row) => r.nextActivityAt).filter(Boolean) as string[];
    expect([...values].sort()).toEqual(values);
  });

  it('can be kept in a saved view with its sort', async () => {
    const res = await admin.post('/api/v1/views', {
      entity: 'company',
      name: 'Next activities',
      columns: ['name', 'nextActivityAt', 'lastActivityAt'],
      sort: 'nextActivityAt',
      filters: [],
    });
    expect(res.status).toBe(201);
    expect(res.body.columns).toEqual(['name', 'nextActivityAt', 'lastActivityAt']);
  });
});

describe('next and last activity of contacts', () => {
  it('count activities about the contact and meetings it is invited to', async () => {
    const co = await company('Columns Contact Co AS');
    const linked = await contact('Linked', { companyId: co });
    const invited = await contact('Invited');
    const none = await contact('Nobody');
    const linkedNext = at(10);
    await addActivity({ contactId: linked, companyId: co, start: linkedNext });
    await addActivity({ contactId: linked, companyId: co, start: at(-10) });
    const meeting = at(6);
    await addActivity({ kind: 'meeting', start: meeting, end: at(7), invitedContactIds: [invited] });
    await addActivity({ kind: 'meeting', start: at(-30), end: at(-29), invitedContactIds: [invited] });

    const res = await admin.get('/api/v1/contacts?q=Kari&include=nextActivityAt&include=lastActivityAt&limit=100');
    expect(res.status).toBe(200);
    const l = byId(res.body.items, linked) as Row;
    expect(Date.parse(l.nextActivityAt as string)).toBeCloseTo(linkedNext.getTime(), -4);
    expect(Date.parse(l.lastActivityAt as string)).toBeCloseTo(at(-10).getTime(), -4);
    const i = byId(res.body.items, invited) as Row;
    expect(Date.parse(i.nextActivityAt as string)).toBeCloseTo(meeting.getTime(), -4);
    expect(Date.parse(i.lastActivityAt as string)).toBeCloseTo(at(-30).getTime(), -4);
    expect(byId(res.body.items, none)).toMatchObject({ nextActivityAt: null, lastActivityAt: null });

    const plain = await admin.get('/api/v1/contacts?q=Kari');
    expect(plain.body.items[0]).not.toHaveProperty('nextActivityAt');

    const view = await admin.post('/api/v1/views', {
      entity: 'contact',
      name: 'Recent contacts',
      columns: ['lastName', 'lastActivityAt'],
      filters: [],
    });
    expect(view.status).toBe(201);
  });

  it('hide a private meeting from a colleague who does not take part', async () => {
    const c = await contact('Privat');
    await addActivity({ kind: 'meeting', start: at(4), end: at(5), private: true, invitedContactIds: [c] });
    const mine = await admin.get('/api/v1/contacts?q=Privat&include=nextActivityAt');
    expect(mine.body.items[0].nextActivityAt).not.toBeNull();
    const theirs = await colleague.get('/api/v1/contacts?q=Privat&include=nextActivityAt');
    expect(theirs.body.items[0].nextActivityAt).toBeNull();
  });
});
