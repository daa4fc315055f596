import { isDeepStrictEqual } from 'node:util';
import fastJson from 'fast-json-stringify';
import { z } from 'zod';

type Compile = (route: { schema: unknown; method: string; url: string }) => (data: unknown) => string;

/**
 * Response serialisation from the routes' Zod contracts, compiled once per route. The contract becomes a
 * JSON Schema (the same one the OpenAPI document shows) and fast-json-stringify turns that into a function
 * that writes only the declared fields, straight into a string. The Zod way (encode the whole answer into a
 * checked copy, then JSON.stringify the copy) cost half a millisecond on a list page of fifty contacts,
 * a tenth of the request, and two copies of every page for the garbage collector.
 *
 * With `check` on (the test suite) every answer also goes through Zod: an answer that breaks its contract
 * fails as before, and one that the compiled function writes differently from Zod fails too.
 */
export function responseSerializer({ check }: { check: boolean }): Compile {
  // One compiled function per contract: every route shares the error body's, for instance.
  const compiledFor = new WeakMap<z.ZodType, ((data: unknown) => string) | null>();
  const compile = (contract: z.ZodType) => {
    if (!compiledFor.has(contract)) {
      let fn: ((data: unknown) => string) | null = null;
      try {
        fn = fastJson(toSerializerSchema(z.toJSONSchema(contract, { io: 'output', target: 'draft-7' })));
      } catch {
        // A contract JSON Schema cannot express is serialised the Zod way.
      }
      compiledFor.set(contract, fn);
    }
    return compiledFor.get(contract) ?? null;
  };
  return (route) => {
    // Compiled on the route's first answer: compiling all of them took a sixth of a second of start-up.
    let serialize: ((data: unknown) => string) | null = null;
    return (data) => {
      serialize ??= forRoute(route);
      return serialize(data);
    };
  };

  function forRoute({ schema, method, url }: Parameters<Compile>[0]): (data: unknown) => string {
    const contract = schema as z.ZodType;
    const viaZod = (data: unknown) => {
      const result = z.safeEncode(contract, data);
      if (!result.success) {
        throw new Error(`The answer of ${method} ${url} does not match its contract: ${result.error.message}`);
      }
      return result.data;
    };
    const fast = compile(contract);
    if (!fast) return (data) => JSON.stringify(viaZod(data));
    if (!check) return fast;
    return (data) => {
      const expected = viaZod(data);
      const text = fast(data);
      if (!isDeepStrictEqual(JSON.parse(text), JSON.parse(JSON.stringify(expected)))) {
        throw new Error(`The compiled serialiser of ${method} ${url} wrote ${text.slice(0, 300)}`);
      }
      return text;
    };
  }
}

type Json = { [key: string]: unknown };

/**
 * `anyOf: [X, {type: 'null'}]` (Zod's nullable) becomes X with `null` added to its type, which
 * fast-json-stringify writes without trying each branch; everything else is left as it is.
 */
function toSerializerSchema(node: unknown): Json {
  if (Array.isArray(node)) return node.map(toSerializerSchema) as unknown as Json;
  if (!node || typeof node !== 'object') return node as Json;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) out[k] = toSerializerSchema(v);
  const anyOf = out.anyOf as Json[] | undefined;
  if (Array.isArray(anyOf) && anyOf.length === 2) {
    const nullAt = anyOf.findIndex((s) => s.type === 'null' && Object.keys(s).length === 1);
    const other = anyOf[1 - nullAt];
    if (nullAt >= 0 && other && typeof other.type === 'string' && other.type !== 'null') {
      const { anyOf: _drop, ...rest } = out;
      return { ...rest, ...other, type: [other.type, 'null'] };
    }
  }
  return out;
}
