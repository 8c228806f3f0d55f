/**
 * SeaX answers like the FastAPI service it is: `{"detail": "<text>"}` for HTTPExceptions (or `{"detail": {...}}` when
 * the detail is an object, as in the 409 candidates), `{"detail": [...]}` for 422 validation errors, and Starlette's
 * plain-text "Internal Server Error" for an unhandled exception. No Fastify default body ever reaches a client.
 */
import type { FastifyError, FastifyRequest } from 'fastify';
import { classifyFailure, VendorError, vendorErrorHandler } from '../../core/errors.js';
import { type PydanticError, toPydantic } from './pydantic.js';
import { PythonJsonError } from './python-json.js';

/** Starlette's JSONResponse says `application/json`, with no charset parameter. */
export const JSON_TYPE = 'application/json';

export const httpError = (status: number, detail: unknown, headers?: Record<string, string>) =>
  new VendorError(status, { detail }, headers, JSON_TYPE);

const validationError = (items: PydanticError[]) => new VendorError(422, { detail: items }, {}, JSON_TYPE);

/** FastAPI's answer to a body Python's json module cannot decode. */
const jsonInvalid = (e: PythonJsonError) =>
  validationError([
    { type: 'json_invalid', loc: ['body', e.pos], msg: 'JSON decode error', input: {}, ctx: { error: e.msg } },
  ]);

/** Starlette's ServerErrorMiddleware: text/plain, no JSON. */
export const internalError = () => new VendorError(500, 'Internal Server Error', {}, 'text/plain; charset=utf-8');

export const unauthorized = () => httpError(401, 'Invalid API key');

export const handleSeasaltError = vendorErrorHandler(toSeasaltError);

function toSeasaltError(error: FastifyError | Error, request: FastifyRequest): VendorError {
  if (error instanceof VendorError) return error;
  if (error instanceof PythonJsonError) return jsonInvalid(error);
  const failure = classifyFailure(error);
  switch (failure.kind) {
    case 'validation':
      return validationError(failure.issues.map((issue) => toPydantic(issue, failure.input)));
    case 'invalid-json':
      // Our own parser handles JSON; this only fires if another parser did. Python would stop at the first character.
      return jsonInvalid(new PythonJsonError('Expecting value', 0));
    case 'empty-body':
    case 'unsupported-media-type':
      return validationError([{ type: 'missing', loc: ['body'], msg: 'Field required', input: null }]);
    case 'body-too-large':
      return httpError(413, 'Request Entity Too Large');
    case 'unexpected':
      request.log.error(failure.error);
      return internalError();
  }
}
