import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { responseSerializer } from './serializer.ts';

const Contract = z.object({
  id: z.uuid(),
  name: z.string(),
  email: z.string().nullable(),
  tags: z.array(z.object({ id: z.string(), label: z.string() })),
  values: z.record(z.string(), z.unknown()),
  updatedAt: z.iso.datetime({ offset: true }),
});
const row = {
  id: '0190a8c2-0000-7000-8000-000000000001',
  name: 'Ola "Nordmann" <ola>',
  email: null,
  tags: [{ id: 't1', label: 'VIP', internal: 'x' }],
  values: { a: 1, b: { c: [true, null] } },
  updatedAt: '2026-11-30T10:00:00.000Z',
  passwordHash: 'never sent',
};
const compile = (check: boolean) =>
  responseSerializer({ check })({ schema: Contract, method: 'GET', url: '/api/v1/things' });

describe('response serialiser', () => {
  it('writes exactly what the contract declares, as Zod would, and nothing else', () => {
    const text = compile(false)(row);
    expect(text).not.toContain('never sent');
    expect(text).not.toContain('internal');
    const { passwordHash: _p, ...declared } = row;
    expect(JSON.parse(text)).toEqual({ ...declared, tags: [{ id: 't1', label: 'VIP' }] });
    expect(compile(true)(row)).toBe(text);
  });

  it('refuses, when checking, an answer that breaks its contract', () => {
    expect(() => compile(true)({ ...row, name: 42 })).toThrow(/does not match its contract/);
    expect(() => compile(true)({ ...row, id: 'not-a-uuid' })).toThrow(/does not match its contract/);
  });
});
