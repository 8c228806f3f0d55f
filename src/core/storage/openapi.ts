/**
 * The OpenAPI document of the download links (/openapi/storage.json): the S3 and GCS object routes every presigned
 * (S3 V4 or V2) or signed (GCS V4) link of any vendor points at, with the storages' own XML errors. Described
 * by hand, not generated from the routes: the routes take any object key (a wildcard) and stay on the hot path
 * without a schema to validate or serialize. test/openapi.test.ts keeps openapi/storage.json equal to this.
 */
import type { FastifyInstance } from 'fastify';
import { GCS_PATH, S3_PATH } from '../signing/links.js';
import { xmlError } from '../signing/xml-errors.js';

const xml = (description: string, example: string) => ({
  description,
  content: { 'application/xml': { schema: { type: 'string' }, example } },
});
const query = (name: string, description: string) => ({
  name,
  in: 'query',
  required: false,
  description,
  schema: { type: 'string' },
});
const path = [
  { name: 'bucket', in: 'path', required: true, schema: { type: 'string' }, example: 'exports' },
  {
    name: 'key',
    in: 'path',
    required: true,
    description: 'The object key (may contain /), as the signed link gives it',
    schema: { type: 'string' },
    example: 'export.zip',
  },
];
const rangeAndCache = [
  {
    name: 'Range',
    in: 'header',
    required: false,
    description: 'One byte range (bytes=0-1023): 206 with Content-Range; several ranges get the whole object',
    schema: { type: 'string' },
  },
  { name: 'If-None-Match', in: 'header', required: false, schema: { type: 'string' } },
];

const ok = {
  '200': {
    description: 'The file (a ZIP, JSON or newline-delimited JSON, as the vendor serves it)',
    headers: { ETag: { schema: { type: 'string' } }, 'Content-Length': { schema: { type: 'integer' } } },
    content: { 'application/octet-stream': { schema: { type: 'string', format: 'binary' } } },
  },
  '206': { description: 'The byte range asked for, with Content-Range' },
  '304': { description: 'Not modified (If-None-Match matched the ETag)' },
};

/** The query parameters of S3's presigned links: Signature V4 and V2. */
const S3_QUERY = [
  query('X-Amz-Algorithm', 'Signature V4: AWS4-HMAC-SHA256'),
  query('X-Amz-Credential', 'Signature V4: <access key>/<date>/<region>/s3/aws4_request'),
  query('X-Amz-Date', 'Signature V4: the signing instant'),
  query('X-Amz-Expires', 'Signature V4: seconds the link is valid (at most 604800)'),
  query('X-Amz-SignedHeaders', 'Signature V4: host'),
  query('X-Amz-Signature', 'Signature V4'),
  query('AWSAccessKeyId', 'Signature V2: the access key'),
  query('Expires', 'Signature V2: expiry as Unix seconds'),
  query('Signature', 'Signature V2'),
];

/** The query parameters of GCS V4 signed URLs. */
const GCS_QUERY = [
  query('X-Goog-Algorithm', 'GOOG4-RSA-SHA256'),
  query('X-Goog-Credential', '<service account>/<date>/auto/storage/goog4_request'),
  query('X-Goog-Date', 'The signing instant'),
  query('X-Goog-Expires', 'Seconds the link is valid'),
  query('X-Goog-SignedHeaders', 'host'),
  query('X-Goog-Signature', 'The signature'),
];

function operation(storage: 'S3' | 'GCS', operationId: string, method: 'GET' | 'HEAD') {
  const s3 = storage === 'S3';
  return {
    operationId,
    summary: `${method === 'GET' ? 'Download' : 'Read the headers of'} an exported file through its signed ${storage} link`,
    parameters: [...path, ...(s3 ? S3_QUERY : GCS_QUERY), ...rangeAndCache],
    responses: {
      ...ok,
      '400': xml(
        'A malformed link',
        s3
          ? xmlError('AuthorizationQueryParametersError', 'X-Amz-Expires must be less than a week (in seconds)')
          : xmlError('InvalidArgument', 'Invalid argument.'),
      ),
      '403': xml(
        'A wrong signature, an unknown key or an expired link',
        s3
          ? xmlError('AccessDenied', 'Request has expired')
          : xmlError('ExpiredToken', 'The provided token has expired.'),
      ),
      '404': xml(
        'No such object (evicted after RETENTION_SECONDS)',
        xmlError('NoSuchKey', 'The specified key does not exist.'),
      ),
      '416': xml(
        'The range lies beyond the object',
        xmlError('InvalidRange', 'The requested range is not satisfiable'),
      ),
      '500': xml(
        'A server-error scenario',
        xmlError('InternalError', 'We encountered an internal error. Please try again.'),
      ),
      '503': xml(
        'Every download slot is taken (MAX_CONCURRENT_DOWNLOADS, MAX_DOWNLOADS_PER_CLIENT): retry',
        s3
          ? xmlError('SlowDown', 'Please reduce your request rate.')
          : xmlError('ServiceUnavailable', 'We encountered an internal error. Please try again.'),
      ),
    },
  };
}

const STORAGE_DOCUMENT = {
  openapi: '3.1.0',
  info: {
    title: 'Download links: S3 and GCS objects (mock)',
    description:
      "The signed links the vendors hand out point here: S3 presigned links (Signature V4 or V2) under /s3, GCS V4 signed URLs under /gcs. The link itself is the credential; errors are the storages' own XML. A vendor that serves its files from its own routes describes them in its own document.",
    version: '1.0.0',
    license: { name: 'MIT', identifier: 'MIT' },
  },
  servers: [{ url: '/', description: 'this mock server' }],
  security: [{}],
  paths: {
    [`${S3_PATH}/{bucket}/{key}`]: {
      get: operation('S3', 'downloadS3Object', 'GET'),
      head: operation('S3', 'headS3Object', 'HEAD'),
    },
    [`${GCS_PATH}/{bucket}/{key}`]: {
      get: operation('GCS', 'downloadGcsObject', 'GET'),
      head: operation('GCS', 'headGcsObject', 'HEAD'),
    },
  },
};

export function registerStorageDocument(app: FastifyInstance): void {
  app.get('/openapi/storage.json', { schema: { hide: true } }, async () => STORAGE_DOCUMENT);
}
