/**
 * Storage-accurate XML error bodies. Clients of S3 and GCS parse these (the element names matter, not just the status),
 * so each helper reproduces the element order the services send.
 */
const escapeXml = (s: string) =>
  s.replace(/[<>&'"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', "'": '&apos;', '"': '&quot;' })[c]!);

export const isoSeconds = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** `<?xml…?><Error><Code>…</Code><Message>…</Message>…extra…</Error>` with extra elements in the order given. */
export function xmlError(code: string, message: string, extra: ReadonlyArray<readonly [string, string]> = []): string {
  const parts = [['Code', code] as const, ['Message', message] as const, ...extra].map(
    ([k, v]) => `<${k}>${escapeXml(v)}</${k}>`,
  );
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Error>${parts.join('')}</Error>`;
}
