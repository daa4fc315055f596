import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { ascii, demoStream, prng } from '../../server/src/modules/demo/demo-data.ts';

/**
 * The benchmark dataset: deterministic (seeded), Nordic, loaded with COPY into one workspace.
 * Scale 1 = 200,000 companies and about 1,000,000 contacts owned by 50 users; 5% of the records
 * are "only the owner".
 */
export type DatasetFacts = {
  scale: number;
  seed: number;
  workspaceId: string;
  userIds: string[];
  companies: number;
  contacts: number;
  loadSeconds: number;
};

const STREETS = [
  'Storgata',
  'Kongens gate',
  'Drottninggatan',
  'Vestergade',
  'Aleksanterinkatu',
  'Sjøgata',
  'Industrivegen',
  'Hamngatan',
  'Strandvejen',
  'Fjordveien',
];
const CITIES: Record<string, [string, string][]> = {
  NO: [
    ['0150', 'Oslo'],
    ['5003', 'Bergen'],
    ['7011', 'Trondheim'],
    ['4006', 'Stavanger'],
    ['9008', 'Tromsø'],
  ],
  SE: [
    ['111 20', 'Stockholm'],
    ['411 05', 'Göteborg'],
    ['211 20', 'Malmö'],
    ['753 20', 'Uppsala'],
  ],
  DK: [
    ['1050', 'København K'],
    ['8000', 'Aarhus C'],
    ['5000', 'Odense C'],
  ],
  FI: [
    ['00100', 'Helsinki'],
    ['33100', 'Tampere'],
    ['20100', 'Turku'],
  ],
};
const FIRST_NAMES = [
  'Ola',
  'Kari',
  'Ingrid',
  'Lars',
  'Sigrid',
  'Erik',
  'Åse',
  'Bjørn',
  'Maja',
  'Johan',
  'Elin',
  'Mikko',
  'Aino',
  'Søren',
  'Freja',
  'Nils',
  'Astrid',
  'Henrik',
  'Liv',
  'Jonas',
];
const LAST_NAMES = [
  'Hansen',
  'Johansen',
  'Olsen',
  'Larsen',
  'Andersson',
  'Nilsson',
  'Virtanen',
  'Korhonen',
  'Jensen',
  'Nielsen',
  'Berg',
  'Dahl',
  'Lund',
  'Strand',
  'Haugen',
  'Bakke',
  'Lindqvist',
  'Mäkinen',
  'Sørensen',
  'Holm',
];

/** One CSV field for COPY: quoted when it needs to be, empty unquoted for NULL. */
function field(v: string | number | null): string {
  if (v === null) return '';
  const s = String(v);
  return /[",\n\r]/.test(s) || s === '' ? `"${s.replace(/"/g, '""')}"` : s;
}
const line = (values: (string | number | null)[]) => `${values.map(field).join(',')}\n`;

async function copy(client: pg.PoolClient, table: string, columns: string[], rows: Iterable<string>) {
  const stream = client.query(copyFrom(`copy ${table} (${columns.join(', ')}) from stdin with (format csv)`));
  // Batch lines into larger chunks: fewer, bigger writes keep COPY fast.
  function* chunks() {
    let buf = '';
    for (const r of rows) {
      buf += r;
      if (buf.length > 1 << 16) {
        yield buf;
        buf = '';
      }
    }
    if (buf) yield buf;
  }
  await pipeline(Readable.from(chunks()), stream);
}

export async function loadDataset(pool: pg.Pool, workspaceId: string, scale: number, seed = 7): Promise<DatasetFacts> {
  const started = performance.now();
  const rnd = prng(seed * 31 + 1);
  const companyCount = Math.max(10, Math.round(200_000 * scale));
  const client = await pool.connect();
  try {
    await client.query('begin');
    // A million rows take longer than the application's statement timeout.
    await client.query('set local statement_timeout = 0');
    const userIds = Array.from({ length: 50 }, () => randomUUID());
    await copy(
      client,
      'users',
      ['id', 'name', '"email"', '"emailVerified"'],
      userIds.map((id, i) => {
        const name = `${FIRST_NAMES[i % FIRST_NAMES.length]} ${LAST_NAMES[(i * 7) % LAST_NAMES.length]}`;
        return line([id, name, `${ascii(name)}.${i}.${workspaceId.slice(0, 8)}@bench.rapport.test`, 'true']);
      }),
    );
    await copy(
      client,
      'members',
      ['workspace_id', 'id', 'user_id', 'role'],
      userIds.map((id) => line([workspaceId, randomUUID(), id, 'user'])),
    );
    const counter = await client.query<{ value: string }>(
      `insert into workspace_counters (workspace_id, name, value) values ($1, 'customer_number', $2)
       on conflict (workspace_id, name) do update set value = workspace_counters.value + $2 returning value`,
      [workspaceId, companyCount],
    );
    const firstNumber = Number(counter.rows[0]?.value) - companyCount + 1;

    // Companies first (contacts reference them), then contacts, from one deterministic stream.
    const companyIds: string[] = [];
    const contactRows: string[][] = [];
    let contactCount = 0;
    const companyLines = function* () {
      for (const { company, contacts } of demoStream({
        seed,
        companies: companyCount,
        contactsPerCompany: [3, 7],
        ownerIds: userIds,
      })) {
        const id = randomUUID();
        companyIds.push(id);
        const [postalCode, city] = CITIES[company.country]?.[Math.floor(rnd() * 3)] ?? ['0150', 'Oslo'];
        const street = `${STREETS[Math.floor(rnd() * STREETS.length)]} ${1 + Math.floor(rnd() * 120)}`;
        const visibility = rnd() < 0.05 ? 'owner' : 'everyone';
        yield line([
          workspaceId,
          id,
          firstNumber + company.key,
          company.name,
          company.orgNumber,
          company.country,
          company.type,
          company.phone,
          company.email,
          company.website,
          company.ownerId,
          company.ownerId,
          visibility,
          JSON.stringify([{ type: 'main', value: company.phone }]),
          JSON.stringify([{ type: 'main', value: company.email }]),
          JSON.stringify([{ kind: 'visiting', street, postalCode, city, region: null, country: company.country }]),
        ]);
        // Contacts wait in small batches of text lines, not objects, to keep memory low.
        const batch: string[] = [];
        for (const c of contacts) {
          contactCount++;
          batch.push(
            line([
              workspaceId,
              randomUUID(),
              c.firstName,
              c.lastName,
              c.title,
              c.email,
              c.phone,
              id,
              c.ownerId,
              c.ownerId,
              rnd() < 0.05 ? 'owner' : 'everyone',
            ]),
          );
        }
        contactRows.push(batch);
      }
    };
    await copy(
      client,
      'companies',
      [
        'workspace_id',
        'id',
        'customer_number',
        'name',
        'org_number',
        'country',
        'type',
        'phone',
        'email',
        'website',
        'owner_id',
        'created_by',
        'visibility',
        'phones',
        'emails',
        'addresses',
      ],
      companyLines(),
    );
    await copy(
      client,
      'contacts',
      [
        'workspace_id',
        'id',
        'first_name',
        'last_name',
        'title',
        'email',
        'phone',
        'company_id',
        'owner_id',
        'created_by',
        'visibility',
      ],
      (function* () {
        for (let i = 0; i < contactRows.length; i++) {
          yield* contactRows[i] as string[];
          contactRows[i] = [];
        }
      })(),
    );
    await client.query('commit');
    await client.query('analyze companies');
    await client.query('analyze contacts');
    return {
      scale,
      seed,
      workspaceId,
      userIds,
      companies: companyCount,
      contacts: contactCount,
      loadSeconds: (performance.now() - started) / 1000,
    };
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}
