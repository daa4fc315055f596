import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.ts';
import { newId } from '../../lib/ids.ts';
import { reserveNumbers } from '../companies/companies.sql.ts';
import { generateDemo } from './demo-data.ts';

const BATCH = 500;

/** Loads the demo dataset in one transaction: all of it or nothing. Owners are spread over the workspace's members. */
export async function loadDemo(db: Kysely<DB>, workspaceId: string, companies: number) {
  const members = await db.selectFrom('members').select('user_id').where('workspace_id', '=', workspaceId).execute();
  const ownerIds = members.map((m) => m.user_id);
  if (ownerIds.length === 0) throw new Error('The workspace has no members to own the demo records');
  const data = generateDemo({ seed: 42, companies, contactsPerCompany: [0, 4], ownerIds });
  const companyIds = new Map<number, string>();
  for (const c of data.companies) companyIds.set(c.key, newId());
  await db.transaction().execute(async (tx) => {
    const firstNumber = await reserveNumbers(tx, workspaceId, 'customer_number', data.companies.length);
    for (let i = 0; i < data.companies.length; i += BATCH) {
      const rows = data.companies.slice(i, i + BATCH).map((c, j) => ({
        customer_number: firstNumber + i + j,
        phones: JSON.stringify([{ type: 'main', value: c.phone }]),
        emails: JSON.stringify([{ type: 'main', value: c.email }]),
        workspace_id: workspaceId,
        id: companyIds.get(c.key) as string,
        name: c.name,
        org_number: c.orgNumber,
        country: c.country,
        type: c.type,
        phone: c.phone,
        email: c.email,
        website: c.website,
        owner_id: c.ownerId,
        created_by: c.ownerId,
      }));
      await tx.insertInto('companies').values(rows).execute();
    }
    for (let i = 0; i < data.contacts.length; i += BATCH) {
      const rows = data.contacts.slice(i, i + BATCH).map((c) => ({
        workspace_id: workspaceId,
        id: newId(),
        first_name: c.firstName,
        last_name: c.lastName,
        title: c.title,
        email: c.email,
        phone: c.phone,
        company_id: c.companyKey === null ? null : (companyIds.get(c.companyKey) ?? null),
        owner_id: c.ownerId,
        created_by: c.ownerId,
      }));
      await tx.insertInto('contacts').values(rows).execute();
    }
  });
  return { companies: data.companies.length, contacts: data.contacts.length };
}
