import { makeOrgNumber, validateOrgNumber } from '@rapport/contracts/org-number.ts';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('organisation numbers', () => {
  it('accepts real registry numbers and formats them', () => {
    expect(validateOrgNumber('NO', '923609016')).toEqual({ valid: true, normalized: '923 609 016' });
    expect(validateOrgNumber('SE', '556036-0793')).toEqual({ valid: true, normalized: '556036-0793' });
    expect(validateOrgNumber('SE', '165560360793')).toEqual({ valid: true, normalized: '556036-0793' });
    expect(validateOrgNumber('DK', '10150817')).toEqual({ valid: true, normalized: '10150817' });
    expect(validateOrgNumber('FI', '0112038-9')).toEqual({ valid: true, normalized: '0112038-9' });
  });

  it('rejects a wrong check digit or length with a reason', () => {
    expect(validateOrgNumber('NO', '923609017')).toMatchObject({ valid: false, reason: 'Check digit does not match' });
    expect(validateOrgNumber('SE', '556036-0794').valid).toBe(false);
    expect(validateOrgNumber('DK', '10150818').valid).toBe(false);
    expect(validateOrgNumber('FI', '0112038-8').valid).toBe(false);
    expect(validateOrgNumber('NO', '12345').valid).toBe(false);
  });

  it('keeps other countries as free text', () => {
    expect(validateOrgNumber('DE', 'HRB 12345')).toEqual({ valid: true, normalized: 'HRB 12345' });
  });

  it('generates numbers that validate, for any seed', () => {
    fc.assert(
      fc.property(fc.constantFrom('NO' as const, 'SE' as const, 'DK' as const, 'FI' as const), fc.nat(), (c, n) => {
        expect(validateOrgNumber(c, makeOrgNumber(c, n)).valid).toBe(true);
      }),
    );
  });
});
