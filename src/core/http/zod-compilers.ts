/**
 * Route schemas are zod schemas (the single source of validation, types and OpenAPI). Validation failures keep their
 * zod issues so each vendor can map them onto its own error codes; responses are serialised with plain JSON.stringify
 * because response schemas document the wire shape and re-validating every poll would halve throughput.
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { FastifySerializerCompiler } from 'fastify/types/schema.js';
import type { z } from 'zod';
import { SchemaValidationError } from '../errors.js';
import { fastObjectValidator } from './fast-validators.js';
import { serializeJson } from './sealed-json.js';

export const zodValidatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => {
  // Path parameters and header sets of plain strings (every poll's) skip zod when valid (core/http/fast-validators.ts).
  const fast = fastObjectValidator(schema);
  return (data) => {
    const value = fast?.(data);
    if (value !== undefined) return { value };
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    return { error: new SchemaValidationError(result.error.issues, data) };
  };
};

// A sealed body (a poll's memoised view: core/http/sealed-json.ts) is stringified once.
export const jsonSerializerCompiler: FastifySerializerCompiler<unknown> = () => serializeJson;
