/**
 * Checking a data file against its zod definition (shared/schemas.ts) at the speed bulk reads
 * need. Exporting or comparing a 200,000-span corpus reads every layer file; zod checks a span in
 * about 2-3 µs, which made those reads half again slower. So the same definition is compiled once
 * per process into a JSON Schema validator (zod's own `toJSONSchema`, compiled by ajv, about
 * 0.5 µs a span), and zod runs only when that validator refuses, to say why (and to have the last
 * word: what zod accepts is accepted). Only for definitions with nothing JSON Schema cannot say
 * (a `refine`, a `trim()` before a length check): there the compiled check would let through what
 * zod refuses. The layer file is one (`fast-check.test.ts` holds it to zod's verdict on a valid
 * file and hundreds of broken ones); the registry's lines are not (names are trimmed first), so
 * they are checked by zod alone.
 */
import { Ajv, type ValidateFunction } from 'ajv';
import { z } from 'zod';
import { describeProblem } from '../../../shared/schemas.js';

/** A check answering null when `data` fits, else a short reason naming the first field that does not. */
export type Check = (data: unknown) => string | null;

/** `schema` as zod writes it in JSON Schema, compiled by ajv: true when `data` fits. */
export function compileSchema(schema: z.ZodType): ValidateFunction {
  return new Ajv({ strict: false, unicodeRegExp: true, allErrors: false }).compile(z.toJSONSchema(schema, { target: 'draft-7', io: 'input', unrepresentable: 'any' }) as object);
}

/** A fast check for `schema` (compiled on first use); the answer is zod's. */
export function fastCheck(schema: z.ZodType): Check {
  let compiled: ValidateFunction | null = null;
  return (data) => {
    compiled ??= compileSchema(schema);
    if (compiled(data)) return null;
    const checked = schema.safeParse(data);
    return checked.success ? null : describeProblem(checked.error);
  };
}
