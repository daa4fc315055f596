import { z } from 'zod';
import { CountrySchema } from './common.ts';

export const AddressKindSchema = z
  .enum(['invoice', 'postal', 'delivery', 'visiting', 'attestation'])
  .describe('What the address is used for');
export type AddressKind = z.infer<typeof AddressKindSchema>;

const line = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullish()
    .transform((v) => (v ? v : null));

/** An address as Rapport returns it. */
export const AddressSchema = z.object({
  kind: AddressKindSchema,
  street: z.string().nullable(),
  postalCode: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  country: CountrySchema.nullable(),
});
export type Address = z.output<typeof AddressSchema>;

/** An address as a client sends it: trimmed, empty lines become null. */
export const AddressInputSchema = z
  .object({
    kind: AddressKindSchema,
    street: line(200).describe('Street and number; several lines separated by a line break'),
    postalCode: line(20),
    city: line(100),
    region: line(100).describe('State, county or province where the country uses one in addresses'),
    country: CountrySchema.nullish().transform((v) => v ?? null),
  })
  .strict();

/** At most one address of each kind. */
export const AddressListSchema = z
  .array(AddressInputSchema)
  .max(5)
  .refine((list) => new Set(list.map((a) => a.kind)).size === list.length, 'Only one address of each kind');

/** Countries that write the postal code after the city (with their line layout). */
const CITY_FIRST = new Set(['GB', 'IE', 'US', 'CA', 'AU']);

/**
 * The lines of an address as the post of its country expects them. Nordic and most European
 * countries: "street / postal code city"; the UK and North America put the postal code last.
 * The country line is added when it differs from `home`.
 */
export function formatAddress(address: Omit<Address, 'kind'>, home?: string | null): string[] {
  const lines: string[] = [];
  if (address.street) lines.push(...address.street.split(/\r?\n/).filter(Boolean));
  const country = address.country ?? home ?? null;
  const code = address.postalCode ?? '';
  const city = address.city ?? '';
  if (country && CITY_FIRST.has(country)) {
    if (country === 'US' || country === 'CA' || country === 'AU') {
      const cityLine = [city, [address.region, code].filter(Boolean).join(' ')].filter(Boolean).join(', ');
      if (cityLine) lines.push(cityLine);
    } else {
      if (city) lines.push(city.toUpperCase());
      if (address.region) lines.push(address.region);
      if (code) lines.push(code.toUpperCase());
    }
  } else {
    // Norway, Sweden and Finland write the postal town in capitals; Denmark and the rest as typed.
    const cityLine = [code, city].filter(Boolean).join(' ');
    if (cityLine)
      lines.push(country === 'SE' || country === 'NO' || country === 'FI' ? cityLine.toUpperCase() : cityLine);
  }
  if (address.country && address.country !== home) lines.push(COUNTRY_NAMES[address.country] ?? address.country);
  return lines;
}

const COUNTRY_NAMES: Record<string, string> = {
  NO: 'NORWAY',
  SE: 'SWEDEN',
  DK: 'DENMARK',
  FI: 'FINLAND',
  IS: 'ICELAND',
  DE: 'GERMANY',
  GB: 'UNITED KINGDOM',
  US: 'USA',
  NL: 'NETHERLANDS',
  FR: 'FRANCE',
};
