import type { Address } from '@rapport/contracts/address.ts';
import type { RegistryId } from '@rapport/contracts/registries.ts';

/** A company as a national business registry describes it, in Rapport's terms. */
export type RegistryCompany = {
  registry: RegistryId;
  country: string;
  orgNumber: string;
  name: string;
  companyForm: string | null;
  industry: string | null;
  website: string | null;
  addresses: Address[];
};

/** One national business registry: search by name and look up by organisation number. */
export interface RegistryProvider {
  readonly id: RegistryId;
  readonly country: string;
  /** Whether the text looks like this registry's organisation number. */
  isOrgNumber(text: string): boolean;
  search(name: string, limit: number, signal: AbortSignal): Promise<RegistryCompany[]>;
  lookup(orgNumber: string, signal: AbortSignal): Promise<RegistryCompany | null>;
}

export class RegistryError extends Error {}

/** GET a JSON document; 404 is "nothing there" (null), other failures a RegistryError with a reason. */
export async function getJson(url: string, signal: AbortSignal): Promise<unknown | null> {
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' }, signal });
  } catch (err) {
    if (signal.aborted) throw new RegistryError('did not answer in time');
    const cause = (err as { cause?: { code?: string } }).cause?.code;
    throw new RegistryError(cause ? `cannot be reached (${cause})` : 'cannot be reached');
  }
  if (res.status === 404 || res.status === 410) return null;
  if (!res.ok) throw new RegistryError(`answered with HTTP ${res.status}`);
  try {
    return await res.json();
  } catch {
    throw new RegistryError('sent a response that is not JSON');
  }
}

export const text = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
