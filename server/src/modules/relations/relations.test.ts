import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

let t: TestApp;
let admin: Client;
let manager: Client;
let user: Client;
let readonly: Client;
let types: Record<string, { id: string; version: number }>;

type Named = { id: string; name: string; version: number };
const company = async (who: Client, name: string, extra: Record<string, unknown> = {}): Promise<Named> => {
  const res = await who.post('/api/v1/companies', { name, ...extra });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
};
const relate = (who: Client, typeId: string, from: { id: string }, to: { id: string }, note?: string) =>
  who.post('/api/v1/company-relations', { typeId, fromCompanyId: from.id, toCompanyId: to.id, note });
const relationsOf = async (who: Client, c: { id: string }) => {
  const res = await who.get(`/api/v1/company-relations?companyId=${c.id}`);
  expect(res.status).toBe(200);
  return res.body.items as { id: string; label: string; company: { id: string; name: string }; note: string }[];
};
const history = async (who: Client, entity: string, id: string) =>
  (await who.get(`/api/v1/audit?entity=${entity}&entityId=${id}`)).body.items as {
    field: string;
    oldValue: unknown;
    newValue: unknown;
  }[];

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Konsern AS'));
  manager = await t.member(admin, 'manager');
  user = await t.member(admin, 'user');
  readonly = await t.member(admin, 'readonly');
  const list = await readonly.get('/api/v1/relation-types');
  types = Object.fromEntries(list.body.items.map((ty: { key: string; id: string; version: number }) => [ty.key, ty]));
});
afterAll(() => t.close());

describe('relation types', () => {
  it('start with the built-in types, readable by everyone', async () => {
    const res = await readonly.get('/api/v1/relation-types');
    expect(res.status).toBe(200);
    expect(res.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ key: 'parent', kind: 'company', fromLabel: 'Parent company', toLabel: 'Subsidiary' }),
        expect.objectContaining({ key: 'partner', kind: 'company', symmetric: true, toLabel: null }),
        expect.objectContaining({ key: 'competitor', kind: 'company', symmetric: true }),
        expect.objectContaining({ key: 'board_member', kind: 'contact', fromLabel: 'Board member' }),
        expect.objectContaining({ key: 'consultant', kind: 'contact' }),
        expect.objectContaining({ key: 'former_employee', kind: 'contact' }),
      ]),
    );
    expect(res.body.items).toHaveLength(6);
    // Asked again (or by someone else), nothing is seeded twice.
    expect((await user.get('/api/v1/relation-types')).body.items).toHaveLength(6);
    const contactTypes = await user.get('/api/v1/relation-types?kind=contact');
    expect(contactTypes.body.items.map((ty: { kind: string }) => ty.kind)).toEqual(['contact', 'contact', 'contact']);
  });

  it('are added, renamed and deleted by managers, not by users', async () => {
    const body = { kind: 'company', fromLabel: 'Supplier', toLabel: 'Customer' };
    expect((await user.post('/api/v1/relation-types', body)).status).toBe(403);
    const created = await manager.post('/api/v1/relation-types', body);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ key: null, symmetric: false, fromLabel: 'Supplier', toLabel: 'Customer' });
    const sym = await admin.post('/api/v1/relation-types', {
      kind: 'company',
      symmetric: true,
      fromLabel: 'Joint venture',
    });
    expect(sym.body).toMatchObject({ symmetric: true, toLabel: null });
    const role = await manager.post('/api/v1/relation-types', { kind: 'contact', fromLabel: 'Auditor' });
    expect(role.status).toBe(201);

    expect((await user.patch(`/api/v1/relation-types/${created.body.id}`, { version: 1, fromLabel: 'X' })).status).toBe(
      403,
    );
    const renamed = await manager.patch(`/api/v1/relation-types/${created.body.id}`, {
      version: 1,
      fromLabel: 'Main supplier',
    });
    expect(renamed.body).toMatchObject({ fromLabel: 'Main supplier', toLabel: 'Customer', version: 2 });
    const stale = await manager.patch(`/api/v1/relation-types/${created.body.id}`, { version: 1, fromLabel: 'Y' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current.fromLabel).toBe('Main supplier');

    expect((await user.delete(`/api/v1/relation-types/${role.body.id}`)).status).toBe(403);
    expect((await manager.delete(`/api/v1/relation-types/${role.body.id}`)).status).toBe(204);
    const after = await user.get('/api/v1/relation-types');
    expect(after.body.items.map((ty: { fromLabel: string }) => ty.fromLabel)).not.toContain('Auditor');
  });

  it('refuse bad wording with field errors and the same wording twice', async () => {
    const oneWay = await manager.post('/api/v1/relation-types', { kind: 'company', fromLabel: 'Owner' });
    expect(oneWay.status).toBe(400);
    expect(oneWay.body.error.details).toEqual([expect.objectContaining({ path: 'toLabel' })]);
    const contactTwo = await manager.post('/api/v1/relation-types', {
      kind: 'contact',
      fromLabel: 'Mentor',
      toLabel: 'Mentee',
    });
    expect(contactTwo.status).toBe(400);
    const empty = await manager.post('/api/v1/relation-types', { kind: 'contact', fromLabel: '   ' });
    expect(empty.status).toBe(400);
    const twice = await manager.post('/api/v1/relation-types', {
      kind: 'company',
      symmetric: true,
      fromLabel: 'partner',
    });
    expect(twice.status).toBe(409);
    expect(twice.body.error.message).toMatch(/already a relation type/);
    const secondLabel = await manager.patch(`/api/v1/relation-types/${types.partner?.id}`, {
      version: 1,
      toLabel: 'Other',
    });
    expect(secondLabel.status).toBe(400);
  });

  it('keep the parent type and types in use', async () => {
    const parent = await manager.delete(`/api/v1/relation-types/${types.parent?.id}`);
    expect(parent.status).toBe(409);
    expect(parent.body.error.message).toMatch(/group tree/);
    const a = await company(user, 'Bruk A AS');
    const b = await company(user, 'Bruk B AS');
    expect((await relate(user, types.competitor?.id as string, a, b)).status).toBe(201);
    const used = await manager.delete(`/api/v1/relation-types/${types.competitor?.id}`);
    expect(used.status).toBe(409);
    expect(used.body.error.message).toMatch(/still used/);
  });
});

describe('company relations', () => {
  it('are listed from both sides, each labelled from its own card', async () => {
    const parent = await company(user, 'Nordlys Holding AS', {
      addresses: [{ kind: 'visiting', city: 'Tromsø', country: 'NO' }],
    });
    const child = await company(user, 'Nordlys Fisk AS', { addresses: [{ kind: 'postal', city: 'Bodø' }] });
    const res = await relate(user, types.parent?.id as string, parent, child, 'Eier 100 %');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      label: 'Subsidiary',
      side: 'to',
      typeKey: 'parent',
      fromCompanyId: parent.id,
      toCompanyId: child.id,
      company: { id: child.id, name: 'Nordlys Fisk AS', city: 'Bodø' },
      note: 'Eier 100 %',
      version: 1,
    });
    expect(await relationsOf(readonly, parent)).toEqual([
      expect.objectContaining({ label: 'Subsidiary', company: expect.objectContaining({ name: 'Nordlys Fisk AS' }) }),
    ]);
    expect(await relationsOf(readonly, child)).toEqual([
      expect.objectContaining({
        label: 'Parent company',
        side: 'from',
        company: expect.objectContaining({ name: 'Nordlys Holding AS', city: 'Tromsø' }),
      }),
    ]);

    const partner = await company(user, 'Havbruk Partner AS');
    expect((await relate(user, types.partner?.id as string, partner, parent)).status).toBe(201);
    expect((await relationsOf(user, parent)).map((r) => `${r.label}: ${r.company.name}`)).toEqual([
      'Subsidiary: Nordlys Fisk AS',
      'Partner: Havbruk Partner AS',
    ]);
    expect((await relationsOf(user, partner)).map((r) => `${r.label}: ${r.company.name}`)).toEqual([
      'Partner: Nordlys Holding AS',
    ]);
  });

  it('refuses a company related to itself, the same relation twice and readers writing', async () => {
    const a = await company(user, 'Selv AS');
    const b = await company(user, 'Annen AS');
    const self = await relate(user, types.partner?.id as string, a, a);
    expect(self.status).toBe(400);
    expect(self.body.error.message).toMatch(/itself/);
    expect((await relate(user, types.partner?.id as string, a, b)).status).toBe(201);
    const again = await relate(user, types.partner?.id as string, b, a);
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already related as Partner/);
    // Another type between the same pair is fine.
    expect((await relate(user, types.competitor?.id as string, a, b)).status).toBe(201);
    expect((await relate(readonly, types.partner?.id as string, a, b)).status).toBe(403);
    const contactType = await relate(user, types.board_member?.id as string, a, b);
    expect(contactType.status).toBe(400);
    expect(contactType.body.error.details[0].path).toBe('typeId');
  });

  it('refuses a parent/subsidiary cycle and a second parent company with a clear message', async () => {
    const top = await company(user, 'Topp Konsern AS');
    const mid = await company(user, 'Midt AS');
    const low = await company(user, 'Bunn AS');
    const parentType = types.parent?.id as string;
    expect((await relate(user, parentType, top, mid)).status).toBe(201);
    expect((await relate(user, parentType, mid, low)).status).toBe(201);
    const back = await relate(user, parentType, mid, top);
    expect(back.status).toBe(400);
    expect(back.body.error.message).toBe(
      'Topp Konsern AS is already above Midt AS in the group, so it cannot also be its subsidiary (a company cannot be its own parent)',
    );
    const cycle = await relate(user, parentType, low, top);
    expect(cycle.status).toBe(400);
    expect(cycle.body.error.details).toEqual([expect.objectContaining({ path: 'toCompanyId' })]);
    const other = await company(user, 'Annen Eier AS');
    const second = await relate(user, parentType, other, low);
    expect(second.status).toBe(400);
    expect(second.body.error.message).toMatch(/Bunn AS already has a parent company, Midt AS/);

    // Turning another relation into parent/subsidiary is checked the same way.
    const partner = await relate(user, types.partner?.id as string, low, top);
    expect(partner.status).toBe(201);
    const turned = await user.patch(`/api/v1/company-relations/${partner.body.id}`, { version: 1, typeId: parentType });
    expect(turned.status).toBe(400);
    expect(turned.body.error.message).toMatch(/cannot also be its subsidiary/);
    expect((await relationsOf(user, low)).map((r) => r.label).sort()).toEqual(['Parent company', 'Partner']);
  });

  it('stays free of cycles when links are made at the same time, and the database refuses one on its own', async () => {
    const parentType = types.parent?.id as string;
    for (let round = 0; round < 5; round++) {
      const [a, b, c] = [
        await company(user, `Samtidig A${round} AS`),
        await company(user, `Samtidig B${round} AS`),
        await company(user, `Samtidig C${round} AS`),
      ];
      expect((await relate(user, parentType, a, b)).status).toBe(201);
      // B → C and C → A together would close A → B → C → A.
      const results = await Promise.all([relate(user, parentType, b, c), relate(manager, parentType, c, a)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 400]);
    }
    const [x, y] = [await company(user, 'Direkte X AS'), await company(user, 'Direkte Y AS')];
    expect((await relate(user, parentType, x, y)).status).toBe(201);
    const { rows } = await t.pool.query('select workspace_id from companies where id = $1', [x.id]);
    const direct = t.pool.query(
      `insert into company_relations (workspace_id, id, type_id, from_company_id, to_company_id)
       values ($1, gen_random_uuid(), $2, $3, $4)`,
      [rows[0].workspace_id, parentType, y.id, x.id],
    );
    await expect(direct).rejects.toMatchObject({ code: '23514', constraint: 'company_relations_no_cycle' });
  });

  it('changes the note and type with versions, and removes relations', async () => {
    const a = await company(user, 'Endre A AS');
    const b = await company(user, 'Endre B AS');
    const rel = (await relate(user, types.partner?.id as string, a, b, 'Siden 2019')).body;
    const patched = await user.patch(`/api/v1/company-relations/${rel.id}`, { version: 1, note: 'Siden 2020' });
    expect(patched.body).toMatchObject({ note: 'Siden 2020', version: 2 });
    const stale = await user.patch(`/api/v1/company-relations/${rel.id}`, { version: 1, note: 'Gammel' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.details.current).toMatchObject({ note: 'Siden 2020', version: 2 });
    const retyped = await user.patch(`/api/v1/company-relations/${rel.id}`, {
      version: 2,
      typeId: types.competitor?.id,
      note: '',
    });
    expect(retyped.body).toMatchObject({ label: 'Competitor', note: null, version: 3 });
    expect((await readonly.delete(`/api/v1/company-relations/${rel.id}`)).status).toBe(403);
    expect((await user.delete(`/api/v1/company-relations/${rel.id}`)).status).toBe(204);
    expect(await relationsOf(user, a)).toEqual([]);
    expect((await user.delete(`/api/v1/company-relations/${rel.id}`)).status).toBe(404);
  });

  it('writes every change into the history of both companies', async () => {
    const a = await company(user, 'Historikk Mor AS');
    const b = await company(user, 'Historikk Datter AS');
    const rel = (await relate(user, types.parent?.id as string, a, b)).body;
    await user.patch(`/api/v1/company-relations/${rel.id}`, { version: 1, note: 'Kjøpt 2021' });
    await user.delete(`/api/v1/company-relations/${rel.id}`);
    const onA = (await history(user, 'company', a.id)).filter((h) => h.field === 'relation');
    const onB = (await history(user, 'company', b.id)).filter((h) => h.field === 'relation');
    // Newest first: removed, note changed, created.
    expect(onA.map((h) => [h.oldValue, h.newValue])).toEqual([
      ['Subsidiary: Historikk Datter AS (Kjøpt 2021)', null],
      ['Subsidiary: Historikk Datter AS', 'Subsidiary: Historikk Datter AS (Kjøpt 2021)'],
      [null, 'Subsidiary: Historikk Datter AS'],
    ]);
    expect(onB.map((h) => [h.oldValue, h.newValue])).toEqual([
      ['Parent company: Historikk Mor AS (Kjøpt 2021)', null],
      ['Parent company: Historikk Mor AS', 'Parent company: Historikk Mor AS (Kjøpt 2021)'],
      [null, 'Parent company: Historikk Mor AS'],
    ]);
  });

  it('disappear while one of the companies is in the trash, and come back with it', async () => {
    const a = await company(user, 'Papirkurv A AS');
    const b = await company(user, 'Papirkurv B AS');
    const rel = (await relate(user, types.partner?.id as string, a, b)).body;
    expect((await user.delete(`/api/v1/companies/${b.id}`)).status).toBe(204);
    expect(await relationsOf(user, a)).toEqual([]);
    expect((await user.patch(`/api/v1/company-relations/${rel.id}`, { version: 1, note: 'x' })).status).toBe(404);
    expect((await user.post(`/api/v1/companies/${b.id}/restore`)).status).toBe(200);
    expect((await relationsOf(user, a)).map((r) => r.company.name)).toEqual(['Papirkurv B AS']);
  });
});

describe('the group tree', () => {
  it('walks up to the top parent and down through every subsidiary, marking the company asked for', async () => {
    const top = await company(user, 'Gruppe Topp ASA', { addresses: [{ kind: 'visiting', city: 'Oslo' }] });
    const east = await company(user, 'Gruppe Øst AS');
    const west = await company(user, 'Gruppe Vest AS', { addresses: [{ kind: 'invoice', city: 'Bergen' }] });
    const leaf = await company(user, 'Gruppe Vest Verksted AS');
    const parentType = types.parent?.id as string;
    await relate(user, parentType, top, west);
    await relate(user, parentType, top, east);
    await relate(user, parentType, west, leaf);
    // A partner is not part of the group.
    await relate(user, types.partner?.id as string, top, await company(user, 'Utenfor AS'));
    await user.post('/api/v1/contacts', { firstName: 'Kari', lastName: 'Vest', companyId: west.id });
    await user.post('/api/v1/contacts', { firstName: 'Ola', lastName: 'Vest', companyId: west.id });

    const res = await readonly.get(`/api/v1/companies/${leaf.id}/group`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ companyId: leaf.id, topId: top.id, truncated: false });
    expect(
      res.body.nodes.map((n: { name: string; depth: number; current: boolean }) => [n.name, n.depth, n.current]),
    ).toEqual([
      ['Gruppe Topp ASA', 0, false],
      ['Gruppe Vest AS', 1, false],
      ['Gruppe Vest Verksted AS', 2, true],
      ['Gruppe Øst AS', 1, false],
    ]);
    const byName = Object.fromEntries(res.body.nodes.map((n: { name: string }) => [n.name, n]));
    expect(byName['Gruppe Topp ASA']).toMatchObject({ parentId: null, city: 'Oslo', contactCount: 0 });
    expect(byName['Gruppe Vest AS']).toMatchObject({ parentId: top.id, city: 'Bergen', contactCount: 2 });
    expect(byName['Gruppe Vest Verksted AS']).toMatchObject({ parentId: west.id });
    expect(typeof byName['Gruppe Øst AS'].customerNumber).toBe('number');

    const fromTop = await readonly.get(`/api/v1/companies/${top.id}/group`);
    expect(fromTop.body.nodes.filter((n: { current: boolean }) => n.current).map((n: { id: string }) => n.id)).toEqual([
      top.id,
    ]);
    const alone = await company(user, 'Alene AS');
    const single = await readonly.get(`/api/v1/companies/${alone.id}/group`);
    expect(single.body).toMatchObject({ topId: alone.id, nodes: [expect.objectContaining({ current: true })] });
  });
});

describe('a group larger than the tree shows', () => {
  it('keeps the way from the top to the company asked for, with every shown company under its parent', async () => {
    const top = await company(user, 'Stor Konsern ASA');
    const { rows } = await t.pool.query('select workspace_id, owner_id from companies where id = $1', [top.id]);
    const { workspace_id: ws, owner_id: owner } = rows[0];
    // 30 subsidiaries with 20 each: 630 companies, more than the 500 a tree shows. Made in SQL for speed.
    const made = await t.pool.query(
      `with mid as (
         insert into companies (workspace_id, id, name, owner_id, customer_number)
         select $1, gen_random_uuid(), 'Avdeling ' || lpad(g::text, 2, '0'), $2, 900000 + g
         from generate_series(1, 30) g returning id, name),
       leaf as (
         insert into companies (workspace_id, id, name, owner_id, customer_number)
         select $1, gen_random_uuid(), m.name || ' kontor ' || lpad(k::text, 2, '0'), $2,
           910000 + row_number() over ()
         from mid m, generate_series(1, 20) k returning id, name),
       links as (
         insert into company_relations (workspace_id, id, type_id, from_company_id, to_company_id)
         select $1::uuid, gen_random_uuid(), $3::uuid, $4::uuid, id from mid
         union all
         select $1::uuid, gen_random_uuid(), $3::uuid, m.id, l.id from leaf l join mid m on l.name like m.name || ' kontor %'
         returning to_company_id)
       select (select id from leaf where name = 'Avdeling 30 kontor 20') as last, (select count(*) from links) as links`,
      [ws, owner, types.parent?.id, top.id],
    );
    expect(Number(made.rows[0].links)).toBe(630);
    const last = made.rows[0].last as string;
    const res = await readonly.get(`/api/v1/companies/${last}/group`);
    expect(res.body).toMatchObject({ topId: top.id, truncated: true });
    const nodes = res.body.nodes as { id: string; name: string; parentId: string | null; current: boolean }[];
    expect(nodes).toHaveLength(500);
    expect(nodes.find((n) => n.current)?.name).toBe('Avdeling 30 kontor 20');
    expect(nodes.map((n) => n.name)).toContain('Avdeling 30');
    const shown = new Set(nodes.map((n) => n.id));
    expect(nodes.every((n) => n.parentId === null || shown.has(n.parentId))).toBe(true);
    expect(nodes[0]?.name).toBe('Stor Konsern ASA');
  });
});

describe('only-the-owner companies in relations', () => {
  it('never show their name to a colleague: not in relations, the tree or the history', async () => {
    const owner = await t.member(admin, 'user');
    const colleague = await t.member(admin, 'manager');
    const parent = await company(owner, 'Synlig Mor AS');
    const hidden = await company(owner, 'Hemmelig Datter AS', { visibility: 'owner' });
    const below = await company(owner, 'Synlig Barnebarn AS');
    const parentType = types.parent?.id as string;
    const r1 = await relate(owner, parentType, parent, hidden, 'Hemmelig notat');
    expect(r1.status).toBe(201);
    expect((await relate(owner, parentType, hidden, below)).status).toBe(201);
    const person = (
      await owner.post('/api/v1/contacts', { firstName: 'Skjult', lastName: 'Styreleder', visibility: 'owner' })
    ).body;
    expect(
      (
        await owner.post('/api/v1/contact-relations', {
          typeId: types.board_member?.id,
          contactId: person.id,
          companyId: parent.id,
        })
      ).status,
    ).toBe(201);

    // The owner and administrators see the whole group.
    for (const who of [owner, admin]) {
      const tree = await who.get(`/api/v1/companies/${below.id}/group`);
      expect(tree.body.nodes.map((n: { name: string }) => n.name)).toEqual([
        'Synlig Mor AS',
        'Hemmelig Datter AS',
        'Synlig Barnebarn AS',
      ]);
    }

    const seen: string[] = [];
    const look = async (path: string) => {
      const res = await colleague.get(path);
      seen.push(JSON.stringify(res.body));
      return res;
    };
    expect((await look(`/api/v1/company-relations?companyId=${parent.id}`)).body.items).toEqual([]);
    expect((await look(`/api/v1/contact-relations?companyId=${parent.id}`)).body.items).toEqual([]);
    const tree = await look(`/api/v1/companies/${parent.id}/group`);
    expect(tree.body.nodes.map((n: { name: string }) => n.name)).toEqual(['Synlig Mor AS']);
    // From below, the hidden parent cuts the way up: the grandchild is on its own.
    const fromBelow = await look(`/api/v1/companies/${below.id}/group`);
    expect(fromBelow.body).toMatchObject({
      topId: below.id,
      nodes: [expect.objectContaining({ name: 'Synlig Barnebarn AS' })],
    });
    expect((await look(`/api/v1/company-relations?companyId=${below.id}`)).body.items).toEqual([]);
    expect((await look(`/api/v1/companies/${hidden.id}/group`)).status).toBe(404);
    expect((await look(`/api/v1/company-relations?companyId=${hidden.id}`)).status).toBe(404);
    await look(`/api/v1/audit?entity=company&entityId=${parent.id}`);
    await look(`/api/v1/audit?entity=company&entityId=${below.id}`);
    for (const body of seen) expect(body).not.toMatch(/Hemmelig|Skjult|Styreleder/);
    // The history of the visible parent records the change without saying with whom.
    const parentHistory = await history(colleague, 'company', parent.id);
    expect(parentHistory.filter((h) => h.field === 'relation').map((h) => h.newValue)).toEqual([
      'Subsidiary: (a company only its owner can see)',
    ]);

    // Nor can they change or remove the relation, or link to the hidden company.
    expect((await colleague.patch(`/api/v1/company-relations/${r1.body.id}`, { version: 1, note: 'x' })).status).toBe(
      404,
    );
    expect((await colleague.delete(`/api/v1/company-relations/${r1.body.id}`)).status).toBe(404);
    expect((await relate(colleague, types.partner?.id as string, parent, hidden)).status).toBe(404);
    // A parent the colleague cannot see does not block them, and is not named.
    const other = await company(colleague, 'Kollegas Eier AS');
    const second = await relate(colleague, parentType, other, below);
    expect(second.status).toBe(201);
    expect(JSON.stringify(second.body)).not.toMatch(/Hemmelig/);
  });
});

describe('contact relations', () => {
  it("link a person to companies other than the employer, listed on both cards with the person's role", async () => {
    const employer = await company(user, 'Arbeidsgiver AS');
    const board = await company(user, 'Styreverv AS');
    const kari = (
      await user.post('/api/v1/contacts', {
        firstName: 'Kari',
        lastName: 'Styre',
        title: 'CFO',
        companyId: employer.id,
      })
    ).body;
    const own = await user.post('/api/v1/contact-relations', {
      typeId: types.board_member?.id,
      contactId: kari.id,
      companyId: employer.id,
    });
    expect(own.status).toBe(400);
    expect(own.body.error.message).toMatch(/already works at Arbeidsgiver AS/);
    const res = await user.post('/api/v1/contact-relations', {
      typeId: types.board_member?.id,
      contactId: kari.id,
      companyId: board.id,
      note: 'Styreleder fra 2024',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      label: 'Board member',
      typeKey: 'board_member',
      contact: { id: kari.id, firstName: 'Kari', title: 'CFO', companyName: 'Arbeidsgiver AS' },
      company: { id: board.id, name: 'Styreverv AS' },
      note: 'Styreleder fra 2024',
    });
    const twice = await user.post('/api/v1/contact-relations', {
      typeId: types.board_member?.id,
      contactId: kari.id,
      companyId: board.id,
    });
    expect(twice.status).toBe(409);
    const companyType = await user.post('/api/v1/contact-relations', {
      typeId: types.partner?.id,
      contactId: kari.id,
      companyId: board.id,
    });
    expect(companyType.status).toBe(400);

    const byContact = await readonly.get(`/api/v1/contact-relations?contactId=${kari.id}`);
    expect(byContact.body.items.map((r: { company: { name: string } }) => r.company.name)).toEqual(['Styreverv AS']);
    const byCompany = await readonly.get(`/api/v1/contact-relations?companyId=${board.id}`);
    expect(
      byCompany.body.items.map((r: { label: string; contact: { lastName: string } }) => [r.label, r.contact.lastName]),
    ).toEqual([['Board member', 'Styre']]);
    expect((await readonly.get('/api/v1/contact-relations')).status).toBe(400);

    const patched = await user.patch(`/api/v1/contact-relations/${res.body.id}`, {
      version: 1,
      typeId: types.consultant?.id,
    });
    expect(patched.body).toMatchObject({ label: 'Consultant', version: 2 });
    expect((await user.delete(`/api/v1/contact-relations/${res.body.id}`)).status).toBe(204);
    const onContact = (await history(user, 'contact', kari.id)).filter((h) => h.field === 'relation');
    expect(onContact.map((h) => h.newValue)).toEqual([
      null,
      'Consultant: Styreverv AS (Styreleder fra 2024)',
      'Board member: Styreverv AS (Styreleder fra 2024)',
    ]);
    const onCompany = (await history(user, 'company', board.id)).filter((h) => h.field === 'personRelation');
    expect(onCompany.at(-1)?.newValue).toBe('Board member: Kari Styre (Styreleder fra 2024)');
  });
});

describe('merging', () => {
  it('moves company relations to the survivor, dropping self-relations, duplicates and cycles', async () => {
    const keep = await company(admin, 'Fusjon AS');
    const dup = await company(admin, 'Fusjon A/S');
    const partner = await company(admin, 'Felles Partner AS');
    const sub = await company(admin, 'Fusjon Datter AS');
    const owner = await company(admin, 'Fusjon Eier AS');
    const parentType = types.parent?.id as string;
    await relate(admin, types.partner?.id as string, keep, partner);
    await relate(admin, types.partner?.id as string, dup, partner); // a duplicate after the merge
    await relate(admin, types.competitor?.id as string, keep, dup); // would point at itself
    await relate(admin, parentType, dup, sub); // moves: Fusjon AS becomes the parent
    await relate(admin, parentType, sub, owner); // sub → owner ...
    const closing = await relate(admin, parentType, owner, keep); // ... → keep: a cycle once dup is keep
    expect(closing.status).toBe(201);
    const person = (await admin.post('/api/v1/contacts', { firstName: 'Per', lastName: 'Konsulent' })).body;
    await admin.post('/api/v1/contact-relations', {
      typeId: types.consultant?.id,
      contactId: person.id,
      companyId: dup.id,
    });

    const res = await admin.post(`/api/v1/companies/${keep.id}/merge`, {
      version: 1,
      otherId: dup.id,
      otherVersion: 1,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const rels = (await relationsOf(admin, keep)).map((r) => `${r.label}: ${r.company.name}`);
    expect(rels.sort()).toEqual(['Partner: Felles Partner AS', 'Subsidiary: Fusjon Datter AS']);
    expect((await relationsOf(admin, partner)).map((r) => r.company.name)).toEqual(['Fusjon AS']);
    const tree = await admin.get(`/api/v1/companies/${owner.id}/group`);
    expect(tree.body.nodes.map((n: { name: string }) => n.name)).toEqual([
      'Fusjon AS',
      'Fusjon Datter AS',
      'Fusjon Eier AS',
    ]);
    const people = await admin.get(`/api/v1/contact-relations?companyId=${keep.id}`);
    expect(people.body.items.map((r: { contact: { lastName: string } }) => r.contact.lastName)).toEqual(['Konsulent']);
  });

  it('moves contact relations to the surviving contact', async () => {
    const target = await company(admin, 'Kontaktfusjon AS');
    const a = (await admin.post('/api/v1/contacts', { firstName: 'Eva', lastName: 'Dobbel' })).body;
    const b = (await admin.post('/api/v1/contacts', { firstName: 'Eva', lastName: 'Dobbel' })).body;
    for (const c of [a, b]) {
      await admin.post('/api/v1/contact-relations', {
        typeId: types.board_member?.id,
        contactId: c.id,
        companyId: target.id,
      });
    }
    await admin.post('/api/v1/contact-relations', {
      typeId: types.consultant?.id,
      contactId: b.id,
      companyId: target.id,
    });
    const res = await admin.post(`/api/v1/contacts/${a.id}/merge`, { version: 1, otherId: b.id, otherVersion: 1 });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const list = await admin.get(`/api/v1/contact-relations?contactId=${a.id}`);
    expect(list.body.items.map((r: { label: string }) => r.label).sort()).toEqual(['Board member', 'Consultant']);
  });
});

describe('workspace isolation', () => {
  it('keeps relations, types and trees of one workspace out of another', async () => {
    const { admin: other } = await t.workspace('Fremmed AS');
    const a = await company(admin, 'Isolert Mor AS');
    const b = await company(admin, 'Isolert Datter AS');
    const rel = (await relate(admin, types.parent?.id as string, a, b)).body;
    const mine = await company(other, 'Egen AS');
    const tries: [string, string, unknown?][] = [
      ['GET', `/api/v1/company-relations?companyId=${a.id}`],
      ['GET', `/api/v1/contact-relations?companyId=${a.id}`],
      ['GET', `/api/v1/companies/${a.id}/group`],
      ['PATCH', `/api/v1/company-relations/${rel.id}`, { version: 1, note: 'x' }],
      ['DELETE', `/api/v1/company-relations/${rel.id}`],
      ['PATCH', `/api/v1/relation-types/${types.partner?.id}`, { version: 1, fromLabel: 'Hijacked' }],
      ['DELETE', `/api/v1/relation-types/${types.consultant?.id}`],
    ];
    for (const [method, path, body] of tries) {
      const res = await other.request(method, path, body);
      expect.soft(res.status, `${method} ${path}`).toBe(404);
      expect.soft(JSON.stringify(res.body)).not.toMatch(/Isolert/);
    }
    // Its own types are its own; ids of the other workspace's types and companies do not work.
    const otherTypes = await other.get('/api/v1/relation-types');
    expect(otherTypes.body.items.map((ty: { id: string }) => ty.id)).not.toContain(types.parent?.id);
    expect((await relate(other, types.parent?.id as string, mine, b)).status).toBe(404);
    const ownParent = otherTypes.body.items.find((ty: { key: string }) => ty.key === 'parent');
    expect((await relate(other, ownParent.id, mine, b)).status).toBe(404);
    expect((await relate(other, types.partner?.id as string, mine, await company(other, 'Egen 2 AS'))).status).toBe(
      400,
    );
    expect((await relationsOf(admin, a)).map((r) => r.company.name)).toEqual(['Isolert Datter AS']);
  });
});
