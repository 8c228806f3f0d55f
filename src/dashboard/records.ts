/**
 * The first records of a file whose beginning only may be at hand: a JSON array (read element by element, so a cut
 * array still gives its first elements), newline-delimited JSON, one JSON document, or CSV (RFC 4180: quoted fields
 * with commas, doubled quotes and line breaks). Anything else is shown as text.
 */

export type Records =
  | { format: 'json' | 'ndjson'; records: unknown[] }
  | { format: 'csv'; columns: string[]; rows: string[][] }
  | { format: 'text'; text: string };

const TEXT_PREVIEW_CHARS = 4000;

/** `complete` says whether `text` is the whole file (otherwise its last, cut record is dropped). */
export function firstRecords(
  text: string,
  name: string,
  contentType: string,
  limit: number,
  complete: boolean,
): Records {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  if (/\.csv$/i.test(name) || /text\/csv/i.test(contentType)) return csv(body, limit, complete);
  const start = body.trimStart();
  if (start.startsWith('[')) {
    const records = jsonArray(start, limit);
    if (records) return { format: 'json', records };
  }
  if (start.startsWith('{')) {
    const lines = start.split('\n').filter((l) => l.trim() !== '');
    // One object per line (the last may be cut): newline-delimited JSON.
    const parsed = [];
    for (const line of lines.slice(0, complete ? limit : Math.min(limit, lines.length - 1))) {
      try {
        parsed.push(JSON.parse(line));
      } catch {
        parsed.length = 0;
        break;
      }
    }
    if (parsed.length > 0) return { format: lines.length > 1 ? 'ndjson' : 'json', records: parsed };
    if (complete) {
      try {
        return { format: 'json', records: [JSON.parse(start)] };
      } catch {
        /* shown as text */
      }
    }
  }
  return { format: 'text', text: body.slice(0, TEXT_PREVIEW_CHARS) };
}

/** The first `limit` elements of a JSON array whose text may stop anywhere; undefined when it is not an array. */
function jsonArray(text: string, limit: number): unknown[] | undefined {
  const out: unknown[] = [];
  let depth = 0;
  let inString = false;
  let escaped = false;
  let elementStart = -1;
  for (let i = 0; i < text.length && out.length < limit; i++) {
    const c = text[i];
    if (inString) {
      if (escaped) escaped = false;
      else if (c === '\\') escaped = true;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      if (depth === 1 && elementStart < 0) elementStart = i;
    } else if (c === '[' || c === '{') {
      if (depth === 1 && elementStart < 0) elementStart = i;
      depth++;
    } else if (c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        if (elementStart < 0) return out;
        try {
          out.push(JSON.parse(text.slice(elementStart, i)));
          return out;
        } catch {
          return undefined;
        }
      }
    } else if (c === ',' && depth === 1) {
      if (elementStart >= 0) {
        try {
          out.push(JSON.parse(text.slice(elementStart, i)));
        } catch {
          return undefined;
        }
      }
      elementStart = -1;
    } else if (depth === 1 && elementStart < 0 && !/\s/.test(c ?? '')) {
      elementStart = i;
    }
  }
  return out;
}

function csv(text: string, limit: number, complete: boolean): Records {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = () => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  for (; i < text.length && rows.length <= limit; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
    } else field += c;
  }
  // The last line has no line break: a row when the file is whole, a cut row otherwise.
  if (i >= text.length && complete && (field !== '' || row.length > 0) && rows.length <= limit) endRow();
  const [columns = [], ...data] = rows;
  return { format: 'csv', columns, rows: data.slice(0, limit) };
}
