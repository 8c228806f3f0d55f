/**
 * One JSON body parser for every route: Fastify's own (with its prototype-poisoning checks) behind a nesting bound.
 * JSON.parse accepts nesting that JSON.stringify cannot render (about 5,000 levels), so a handler or error mapper that
 * echoed such a value answered 500 `{}` (Zendesk `{"date": [[[…]]]}`). A body nested deeper than MAX_JSON_DEPTH is
 * refused at the parser as invalid JSON, which every vendor already answers in its own envelope; no export request
 * nests more than three levels.
 */
import type { FastifyInstance } from 'fastify';
import { errorCodes } from 'fastify';

export const MAX_JSON_DEPTH = 64;

declare module 'fastify' {
  interface FastifyRequest {
    /**
     * A JSON body as the client sent it, also when the parser refused it (bad or too deep): the journal records this
     * text instead of re-serializing the parsed body, which is faithful and spares a copy of every large body.
     */
    jsonText: string | null;
  }
}

/** True when JSON text nests objects and arrays deeper than `limit`; a linear scan that never recurses. */
export function jsonNestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92 /* \\ */) i++;
      else if (c === 34 /* " */) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91 /* { [ */) {
      if (++depth > limit) return true;
    } else if (c === 125 || c === 93) depth--;
  }
  return false;
}

/**
 * Replaces the scope's application/json parser with the bounded one. `emptyIsUndefined` lets an empty body through
 * (the control plane accepts `Content-Type: application/json` with no body); elsewhere it is Fastify's empty-body error.
 */
export function useBoundedJsonParser(scope: FastifyInstance, options: { emptyIsUndefined?: boolean } = {}): void {
  // Declared once (on the root) so every request has the same shape; child scopes inherit it.
  if (!scope.hasRequestDecorator('jsonText')) scope.decorateRequest('jsonText', null);
  const json = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    if (text === '' && options.emptyIsUndefined) return done(null, undefined);
    request.jsonText = text;
    if (jsonNestingExceeds(text, MAX_JSON_DEPTH))
      return done(new errorCodes.FST_ERR_CTP_INVALID_JSON_BODY(), undefined);
    return json(request, text, done);
  });
}
