import pg from 'pg';

/**
 * The CSV import measured as a user runs it: upload the file, run it with a column mapping, poll
 * until the background job reports it done. Rows per second count from "run" to "done"; the upload
 * (parsing and storing the file) is reported on its own.
 */

export type ImportMeasure = {
  rows: number;
  /** The same rows inserted straight into the contacts table in one SQL statement (rolled back): the limit. */
  sqlRowsPerSecond?: number;
  bytes: number;
  uploadMs: number;
  runMs: number;
  rowsPerSecond: number;
  created: number;
  failed: number;
};

const FIRST = ['Ola', 'Kari', 'Anna', 'Erik', 'Ingrid', 'Lars', 'Sofia', 'Mikael', 'Aino', 'Jukka', 'Sigrid', 'Bjørn'];
const LAST = ['Nordmann', 'Berg', 'Lindqvist', 'Dahl', 'Virtanen', 'Haugen', 'Sjöberg', 'Strand', 'Åberg', 'Møller'];
const TITLES = ['Daglig leder', 'Innkjøpssjef', 'Ekonomichef', 'Selger', 'Controller', ''];

/** The rows of contactCsv as they would be stored. */
function contactRows(rows: number, tag: string) {
  const out = {
    first: [] as string[],
    last: [] as string[],
    title: [] as string[],
    email: [] as string[],
    phone: [] as string[],
  };
  for (let i = 0; i < rows; i++) {
    out.first.push(FIRST[i % FIRST.length] as string);
    out.last.push(LAST[(i * 7) % LAST.length] as string);
    out.title.push(TITLES[i % TITLES.length] as string);
    out.email.push(`import.${tag}.${i}@example.no`);
    out.phone.push(`+47 9${String(1000000 + ((i * 7919) % 8999999)).padStart(7, '0')}`);
  }
  return out;
}

/**
 * The database's own limit for the import: the same contacts inserted in one statement over arrays, with the
 * table's triggers and indexes, in a transaction that is rolled back.
 */
export async function sqlInsertRowsPerSecond(pool: pg.Pool, workspaceId: string, userId: string, rows: number) {
  const r = contactRows(rows, `sql${Date.now().toString(36)}`);
  const client = await pool.connect();
  try {
    await client.query('begin');
    const t0 = performance.now();
    await client.query(
      `insert into contacts (workspace_id, id, first_name, last_name, title, email, phone, owner_id, created_by)
       select $1, gen_random_uuid(), f, l, nullif(t, ''), e, p, $2, $2
       from unnest($3::text[], $4::text[], $5::text[], $6::text[], $7::text[]) as u(f, l, t, e, p)`,
      [workspaceId, userId, r.first, r.last, r.title, r.email, r.phone],
    );
    const ms = performance.now() - t0;
    return Math.round(rows / (ms / 1000));
  } finally {
    await client.query('rollback').catch(() => {});
    client.release();
  }
}

/** A semicolon CSV of `rows` contacts with unique e-mail addresses (a new run gets new addresses). */
export function contactCsv(rows: number, tag: string): Buffer {
  const lines = ['Fornavn;Etternavn;Tittel;E-post;Telefon'];
  for (let i = 0; i < rows; i++) {
    const first = FIRST[i % FIRST.length] as string;
    const last = LAST[(i * 7) % LAST.length] as string;
    const phone = `+47 9${String(1000000 + ((i * 7919) % 8999999)).padStart(7, '0')}`;
    lines.push(`${first};${last};${TITLES[i % TITLES.length]};import.${tag}.${i}@example.no;${phone}`);
  }
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

export async function measureImport(baseUrl: string, apiKey: string, rows: number): Promise<ImportMeasure> {
  const headers = { authorization: `Bearer ${apiKey}` };
  const file = contactCsv(rows, Date.now().toString(36));
  const form = new FormData();
  form.append('file', new Blob([file], { type: 'text/csv' }), 'kontakter.csv');

  const t0 = performance.now();
  const up = await fetch(`${baseUrl}/api/v1/imports?entity=contact`, { method: 'POST', headers, body: form });
  const draft = (await up.json()) as { import: { id: string; rowCount: number } };
  if (up.status !== 201) throw new Error(`import upload → ${up.status} ${JSON.stringify(draft).slice(0, 300)}`);
  const uploadMs = performance.now() - t0;
  const id = draft.import.id;
  if (draft.import.rowCount !== rows) throw new Error(`the import read ${draft.import.rowCount} rows of ${rows}`);

  const mapping = {
    Fornavn: 'firstName',
    Etternavn: 'lastName',
    Tittel: 'title',
    'E-post': 'email',
    Telefon: 'phone',
  };
  const t1 = performance.now();
  const run = await fetch(`${baseUrl}/api/v1/imports/${id}/run`, {
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body: JSON.stringify({ mapping, duplicateRule: 'skip', defaultCountry: 'NO' }),
  });
  if (run.status !== 202) throw new Error(`import run → ${run.status} ${(await run.text()).slice(0, 300)}`);
  for (;;) {
    const res = await fetch(`${baseUrl}/api/v1/imports/${id}`, { headers });
    const imp = (await res.json()) as {
      status: string;
      error: string | null;
      progress: { processed: number; created: number; failed: number };
    };
    if (imp.status === 'done') {
      const runMs = performance.now() - t1;
      if (imp.progress.processed !== rows) throw new Error(`the import processed ${imp.progress.processed} of ${rows}`);
      return {
        rows,
        bytes: file.length,
        uploadMs: Math.round(uploadMs),
        runMs: Math.round(runMs),
        rowsPerSecond: Math.round(rows / (runMs / 1000)),
        created: imp.progress.created,
        failed: imp.progress.failed,
      };
    }
    if (imp.status === 'failed' || imp.status === 'undone') throw new Error(`the import ${imp.status}: ${imp.error}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Removes what the measurements wrote (the contacts made by the create, update and delete runs and by the
 * CSV import, with their history), so every run measures the same dataset instead of one a hundred
 * thousand contacts larger each time. As the superuser with foreign-key triggers off: nothing refers to
 * these contacts, and checking that for each of them would read the activities table once per contact
 * (its contact index covers live activities only, which is all Rapport itself ever asks for). It runs before
 * the measurements too, so a run that stopped half-way leaves nothing behind for the next.
 */
export async function removeBenchWrites(superuserUrl: string, workspaceId: string) {
  const client = new pg.Client({ connectionString: superuserUrl });
  await client.connect();
  try {
    await client.query('begin');
    await client.query("set local session_replication_role = 'replica'");
    const written = `select id from contacts
      where workspace_id = $1 and (import_id is not null or (first_name = 'Bench' and last_name like 'Kontakt %'))`;
    await client.query(
      `delete from audit_log where workspace_id = $1 and entity = 'contact' and entity_id in (${written})`,
      [workspaceId],
    );
    await client.query(`delete from contacts where workspace_id = $1 and id in (${written})`, [workspaceId]);
    await client.query('delete from import_errors where workspace_id = $1', [workspaceId]);
    await client.query('delete from imports where workspace_id = $1', [workspaceId]);
    await client.query('commit');
    // The removed rows (and those of the rolled-back SQL insert) stay in the indexes until a vacuum: a hundred
    // thousand dead entries in the trigram index slowed the searches of the next run by a fifth.
    await client.query('vacuum (analyze) contacts, audit_log, import_errors, imports');
  } catch (err) {
    await client.query('rollback').catch(() => {});
    throw err;
  } finally {
    await client.end();
  }
}
