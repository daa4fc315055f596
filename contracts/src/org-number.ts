/**
 * Organisation numbers of the Nordic business registries: check digits and display format.
 * Other countries are free text; `validateOrgNumber` then accepts anything non-empty.
 */

const digitsOf = (value: string) => value.replace(/[\s.-]/g, '');

function mod11(digits: string, weights: number[]): number | null {
  let sum = 0;
  for (let i = 0; i < weights.length; i++) sum += Number(digits[i]) * (weights[i] as number);
  const rest = sum % 11;
  if (rest === 0) return 0;
  if (rest === 1) return null; // no valid check digit exists for this body
  return 11 - rest;
}

function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function luhnCheckDigit(body: string): number {
  for (let d = 0; d <= 9; d++) if (luhnValid(`${body}${d}`)) return d;
  return 0;
}

const NO_WEIGHTS = [3, 2, 7, 6, 5, 4, 3, 2];
const DK_WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1];
const FI_WEIGHTS = [7, 9, 10, 5, 8, 4, 2];

export type OrgNumberCheck = { valid: true; normalized: string } | { valid: false; reason: string };

/** Checks an organisation number for its country and returns it in the registry's usual format. */
export function validateOrgNumber(country: string | null | undefined, value: string): OrgNumberCheck {
  const raw = value.trim();
  if (raw === '') return { valid: false, reason: 'Organisation number is empty' };
  const digits = digitsOf(raw);
  switch (country) {
    case 'NO': {
      const d = digits.replace(/^NO/i, '').replace(/MVA$/i, '');
      if (!/^\d{9}$/.test(d)) return { valid: false, reason: 'A Norwegian organisation number has 9 digits' };
      if (mod11(d, NO_WEIGHTS) !== Number(d[8])) return { valid: false, reason: 'Check digit does not match' };
      return { valid: true, normalized: `${d.slice(0, 3)} ${d.slice(3, 6)} ${d.slice(6)}` };
    }
    case 'DK': {
      const d = digits.replace(/^DK/i, '');
      if (!/^\d{8}$/.test(d)) return { valid: false, reason: 'A Danish CVR number has 8 digits' };
      let sum = 0;
      for (let i = 0; i < 8; i++) sum += Number(d[i]) * (DK_WEIGHTS[i] as number);
      if (sum % 11 !== 0) return { valid: false, reason: 'Check digit does not match' };
      return { valid: true, normalized: d };
    }
    case 'SE': {
      let d = digits.replace(/^SE/i, '');
      if (/^\d{12}$/.test(d)) d = d.slice(2);
      if (!/^\d{10}$/.test(d)) return { valid: false, reason: 'A Swedish organisation number has 10 digits' };
      if (!luhnValid(d)) return { valid: false, reason: 'Check digit does not match' };
      return { valid: true, normalized: `${d.slice(0, 6)}-${d.slice(6)}` };
    }
    case 'FI': {
      const d = digits.replace(/^FI/i, '');
      if (!/^\d{8}$/.test(d))
        return { valid: false, reason: 'A Finnish business id (Y-tunnus) has 7 digits and a check digit' };
      if (mod11(d, FI_WEIGHTS) !== Number(d[7])) return { valid: false, reason: 'Check digit does not match' };
      return { valid: true, normalized: `${d.slice(0, 7)}-${d.slice(7)}` };
    }
    default:
      return { valid: true, normalized: raw };
  }
}

/** Makes a valid organisation number for a country from a number (demo data, tests). */
export function makeOrgNumber(country: 'NO' | 'SE' | 'DK' | 'FI', seed: number): string {
  for (let n = Math.abs(Math.trunc(seed)); ; n++) {
    switch (country) {
      case 'NO': {
        const body = `9${String(n % 10_000_000).padStart(7, '0')}`;
        const check = mod11(body, NO_WEIGHTS);
        if (check === null || check === 10) continue;
        return `${body.slice(0, 3)} ${body.slice(3, 6)} ${body.slice(6)}${check}`;
      }
      case 'SE': {
        const body = `55${String(n % 10_000_000).padStart(7, '0')}`;
        const d = `${body}${luhnCheckDigit(body)}`;
        return `${d.slice(0, 6)}-${d.slice(6)}`;
      }
      case 'DK': {
        const body = `3${String(n % 1_000_000).padStart(6, '0')}`;
        let sum = 0;
        for (let i = 0; i < 7; i++) sum += Number(body[i]) * (DK_WEIGHTS[i] as number);
        const check = (11 - (sum % 11)) % 11;
        if (check > 9) continue;
        return `${body}${check}`;
      }
      case 'FI': {
        const body = `2${String(n % 1_000_000).padStart(6, '0')}`;
        const check = mod11(body, FI_WEIGHTS);
        if (check === null || check === 10) continue;
        return `${body}-${check}`;
      }
    }
  }
}
