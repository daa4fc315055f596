import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, startTestApp, type TestApp } from '../../../test/helpers.ts';

/**
 * Who sees an activity: a private one only its owner and the colleagues taking part (administrators not
 * included); one linked to an "only the owner" company or contact only those who may see that card. Nothing of
 * a hidden activity shows anywhere: by id, in the task list, the search, the diary, bulk actions or changes.
 */
let t: TestApp;
let admin: Client;
let owner: Client;
let ownerId: string;
let participant: Client;
let participantId: string;
let other: Client;
let secretCompany: { id: string };
let privateMeeting: { id: string };
let ofSecretCompany: { id: string };
let privateOfSecret: { id: string };

const FROM = encodeURIComponent('2030-05-01T00:00:00Z');
const TO = encodeURIComponent('2030-05-31T00:00:00Z');
const userId = async (c: Client) => (await c.get('/api/v1/me')).body.user.id as string;

beforeAll(async () => {
  t = await startTestApp();
  ({ admin } = await t.workspace('Synlig Aktivitet AS'));
  owner = await t.member(admin, 'user');
  participant = await t.member(admin, 'user');
  other = await t.member(admin, 'manager');
  ownerId = await userId(owner);
  participantId = await userId(participant);
  secretCompany = (await owner.post('/api/v1/companies', { name: 'Lukket Kunde AS', visibility: 'owner' })).body;
  privateMeeting = (
    await owner.post('/api/v1/activities', {
      kind: 'meeting',
      title: 'Lønnssamtale Zebra',
      location: 'Bakrommet',
      start: '2030-05-06T10:00:00Z',
      private: true,
      participantUserIds: [participantId],
    })
  ).body;
  ofSecretCompany = (
    await owner.post('/api/v1/activities', {
      kind: 'call',
      title: 'Ring Lukket Zebra',
      start: '2030-05-07T10:00:00Z',
      companyId: secretCompany.id,
    })
  ).body;
  privateOfSecret = (
    await owner.post('/api/v1/activities', {
      title: 'Privat Lukket Zebra',
      start: '2030-05-08T10:00:00Z',
      companyId: secretCompany.id,
      private: true,
    })
  ).body;
});
afterAll(() => t.close());

/** Every way a user could come across an activity, and whether it showed. */
async function sightings(c: Client, id: string) {
  const byId = (await c.get(`/api/v1/activities/${id}`)).status === 200;
  const list = JSON.stringify((await c.get('/api/v1/activities?limit=500')).body).includes(id);
  const search = JSON.stringify((await c.get('/api/v1/search?q=zebra')).body).includes(id);
  const diary = JSON.stringify((await c.get(`/api/v1/diary?from=${FROM}&to=${TO}&userIds=${ownerId}`)).body).includes(
    id,
  );
  return { byId, list, search, diary };
}
const seen = { byId: true, list: true, search: true, diary: true };
const unseen = { byId: false, list: false, search: false, diary: false };

describe('a private activity', () => {
  it('is seen by its owner and the colleagues taking part', async () => {
    expect(await sightings(owner, privateMeeting.id)).toEqual(seen);
    expect(await sightings(participant, privateMeeting.id)).toEqual(seen);
  });

  it('is invisible to everyone else, administrators too, in lists, search, the diary and by id', async () => {
    expect(await sightings(other, privateMeeting.id)).toEqual(unseen);
    expect(await sightings(admin, privateMeeting.id)).toEqual(unseen);
    const words = JSON.stringify([
      (await other.get('/api/v1/activities?limit=500')).body,
      (await other.get('/api/v1/search?q=bakrommet')).body,
      (await other.get(`/api/v1/diary?from=${FROM}&to=${TO}&userIds=${ownerId}&userIds=${participantId}`)).body,
    ]);
    expect(words).not.toMatch(/Lønnssamtale|Bakrommet/);
  });

  it('cannot be changed, deleted or bulk-changed by them', async () => {
    const id = privateMeeting.id;
    const tries: [string, string, unknown?][] = [
      ['PATCH', `/api/v1/activities/${id}`, { version: 1, title: 'Hei' }],
      ['DELETE', `/api/v1/activities/${id}`],
      ['POST', `/api/v1/activities/${id}/restore`],
    ];
    for (const [method, path, body] of tries) {
      expect.soft((await other.request(method, path, body)).status, `${method} ${path}`).toBe(404);
    }
    for (const action of [
      { action: 'complete', ids: [id] },
      { action: 'delete', ids: [id] },
      { action: 'reassign', ids: [id], ownerId: await userId(other) },
    ]) {
      const res = await other.post('/api/v1/activities/bulk', action);
      expect(res.body).toEqual({
        changed: 0,
        unchanged: 0,
        failed: [{ id, code: 'NOT_FOUND', message: 'Activity not found' }],
      });
    }
    const still = (await owner.get(`/api/v1/activities/${id}`)).body;
    expect(still).toMatchObject({ title: 'Lønnssamtale Zebra', done: false, deletedAt: null, ownerId, version: 1 });
  });

  it('keeps its changed occurrences as private as the series', async () => {
    const series = (
      await owner.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Privat Zebra-serie',
        start: '2030-05-12T08:00:00Z',
        rrule: 'FREQ=DAILY;COUNT=3',
        private: true,
        participantUserIds: [participantId],
      })
    ).body;
    const changed = await owner.patch(`/api/v1/activities/${series.id}`, {
      version: 1,
      scope: 'this',
      occurrenceStart: '2030-05-13T08:00:00.000Z',
      start: '2030-05-13T09:00:00.000Z',
    });
    expect(changed.status).toBe(200);
    expect(await sightings(participant, changed.body.id)).toEqual(seen);
    expect(await sightings(other, changed.body.id)).toEqual(unseen);
    expect(await sightings(other, series.id)).toEqual(unseen);
  });
});

describe('an activity of an only-the-owner company', () => {
  it('is seen by the company’s owner and administrators, not by colleagues', async () => {
    expect(await sightings(owner, ofSecretCompany.id)).toEqual(seen);
    // The top-bar search shows one's own activities (and those one takes part in) only.
    expect(await sightings(admin, ofSecretCompany.id)).toEqual({ ...seen, search: false });
    expect(await sightings(other, ofSecretCompany.id)).toEqual(unseen);
    expect((await other.get(`/api/v1/activities?companyId=${secretCompany.id}`)).status).toBe(404);
    const res = await other.post('/api/v1/activities/bulk', { action: 'complete', ids: [ofSecretCompany.id] });
    expect(res.body.failed).toHaveLength(1);
  });

  it('stays hidden from an administrator when it is also private', async () => {
    expect(await sightings(admin, privateOfSecret.id)).toEqual(unseen);
    expect(await sightings(owner, privateOfSecret.id)).toEqual(seen);
  });

  it('hides an owner-only contact taking part from colleagues, and keeps it when they change the list', async () => {
    const hidden = (
      await owner.post('/api/v1/contacts', { firstName: 'Skjult', lastName: 'Gjest', visibility: 'owner' })
    ).body;
    const open = (await owner.post('/api/v1/contacts', { firstName: 'Åpen', lastName: 'Gjest' })).body;
    const meeting = (
      await owner.post('/api/v1/activities', {
        kind: 'meeting',
        title: 'Felles Zebra',
        start: '2030-05-20T10:00:00Z',
        participantContactIds: [hidden.id, open.id],
      })
    ).body;
    expect(meeting.participants.map((p: { name: string }) => p.name).sort()).toEqual(['Skjult Gjest', 'Åpen Gjest']);
    const asOther = (await other.get(`/api/v1/activities/${meeting.id}`)).body;
    expect(JSON.stringify(asOther)).not.toContain('Skjult');
    expect(asOther.participants.map((p: { name: string }) => p.name)).toEqual(['Åpen Gjest']);
    // Removing the open contact leaves the hidden one in place.
    const res = await other.patch(`/api/v1/activities/${meeting.id}`, { version: 1, participantContactIds: [] });
    expect(res.status).toBe(200);
    expect(res.body.participants).toEqual([]);
    const asOwner = (await owner.get(`/api/v1/activities/${meeting.id}`)).body;
    expect(asOwner.participants.map((p: { name: string }) => p.name)).toEqual(['Skjult Gjest']);
  });
});
