import type { RegistryHit } from '@rapport/contracts/registries.ts';
import { sql } from 'kysely';
import type { Config } from '../../config.ts';
import type { Ctx } from '../../http/context.ts';
import { brreg } from './brreg.ts';
import { prh } from './prh.ts';
import { type RegistryCompany, RegistryError, type RegistryProvider } from './registry.ts';

const NAMES = { brreg: 'The Norwegian business registry (Brønnøysund)', prh: 'The Finnish business registry (PRH)' };

export const providersFor = (config: Config): RegistryProvider[] => [
  brreg(config.registries.brregUrl),
  prh(config.registries.prhUrl),
];

/** Marks hits that already exist in the workspace (same organisation number, digits only). */
async function withExisting(ctx: Ctx, companies: RegistryCompany[]): Promise<RegistryHit[]> {
  const digits = companies.map((c) => c.orgNumber.replace(/\D/g, ''));
  const rows =
    digits.length === 0
      ? []
      : (
          await sql<{ id: string; digits: string }>`
            select id, rapport_digits(org_number) as digits from companies
            where workspace_id = ${ctx.workspaceId} and deleted_at is null and org_number is not null
              and rapport_digits(org_number) = any(${digits}::text[])`.execute(ctx.db)
        ).rows;
  const byDigits = new Map(rows.map((r) => [r.digits, r.id]));
  return companies.map((c) => ({ ...c, existingCompanyId: byDigits.get(c.orgNumber.replace(/\D/g, '')) ?? null }));
}

/**
 * Asks the registries in parallel, each within the timeout. A registry that is slow or unreachable
 * gives a problem line instead of failing the whole search.
 */
export async function searchRegistries(
  ctx: Ctx,
  providers: RegistryProvider[],
  input: { q: string; country?: 'NO' | 'FI' | undefined; limit: number },
) {
  const chosen = providers.filter((p) => !input.country || p.country === input.country);
  const problems: { registry: RegistryHit['registry']; message: string }[] = [];
  const results = await Promise.all(
    chosen.map(async (p) => {
      const signal = AbortSignal.timeout(ctx.config.registries.timeoutMs);
      try {
        if (p.isOrgNumber(input.q)) {
          const one = await p.lookup(input.q, signal);
          return one ? [one] : [];
        }
        return await p.search(input.q, input.limit, signal);
      } catch (err) {
        const reason = err instanceof RegistryError ? err.message : 'failed';
        ctx.log.warn({ registry: p.id, err }, 'registry lookup failed');
        problems.push({ registry: p.id, message: `${NAMES[p.id]} ${reason}. You can still type the company in.` });
        return [];
      }
    }),
  );
  return { hits: await withExisting(ctx, results.flat()), problems };
}
