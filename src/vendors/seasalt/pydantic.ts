/**
 * FastAPI 422 bodies with pydantic v2 error items: `{"detail": [{"type", "loc", "msg", "input", "ctx"?}]}`.
 *
 * Which pydantic major SeaX runs is not documented (no public source says); we emulate v2, the default of every
 * FastAPI release since 0.100 (2023), and FastAPI ≥ 0.110.3, which leaves pydantic's `url` out of each item. Value
 * errors raised by validators carry `ctx: {"error": {}}` because FastAPI's jsonable_encoder turns the ValueError
 * object into an empty dict; we send the same.
 *
 * The zod request schema raises custom issues that already say which pydantic error they are (`pydanticIssue`);
 * type and presence failures zod finds itself are translated here.
 */
import type { z } from 'zod';
import { valueAt } from '../../core/errors.js';

export interface PydanticError {
  type: string;
  loc: Array<string | number>;
  msg: string;
  input: unknown;
  ctx?: Record<string, unknown>;
}

interface Tagged {
  pydantic: { type: string; msg: string; ctx?: Record<string, unknown> };
}

/** A zod custom issue standing for one pydantic error; `path` [] puts it on the model itself (loc ["body"]). */
export function pydanticIssue(type: string, msg: string, ctx?: Record<string, unknown>, path?: PropertyKey[]) {
  return {
    code: 'custom' as const,
    message: msg,
    params: { pydantic: { type, msg, ...(ctx ? { ctx } : {}) } } satisfies Tagged,
    ...(path ? { path } : {}),
  };
}

const DATE_FIELDS = new Set(['start_date', 'end_date']);

/** The pydantic error for one zod issue, given the body that failed. */
export function toPydantic(issue: z.core.$ZodIssue, body: unknown): PydanticError {
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const loc: Array<string | number> = ['body', ...path];
  const input = path.length === 0 ? body : valueAt(body, path);
  const tagged = issue.code === 'custom' ? (issue.params as Partial<Tagged> | undefined)?.pydantic : undefined;
  if (tagged) return { type: tagged.type, loc, msg: tagged.msg, input, ...(tagged.ctx ? { ctx: tagged.ctx } : {}) };

  if (path.length === 0) {
    // No body, or JSON null: FastAPI sees body None and reports the whole body missing.
    if (body === undefined || body === null) return { type: 'missing', loc, msg: 'Field required', input: null };
    return {
      type: 'model_attributes_type',
      loc,
      msg: 'Input should be a valid dictionary or object to extract fields from',
      input: body,
    };
  }
  const field = String(path[path.length - 1]);
  if (issue.code === 'invalid_type') {
    if (input === undefined) return { type: 'missing', loc, msg: 'Field required', input: body };
    if (DATE_FIELDS.has(field)) return { type: 'date_type', loc, msg: 'Input should be a valid date', input };
    return { type: 'string_type', loc, msg: 'Input should be a valid string', input };
  }
  if (issue.code === 'invalid_value') {
    const expected = literalList(issue.values);
    return { type: 'literal_error', loc, msg: `Input should be ${expected}`, input, ctx: { expected } };
  }
  return { type: 'value_error', loc, msg: `Value error, ${issue.message}`, input, ctx: { error: {} } };
}

/** pydantic's wording of a Literal's choices: 'a', 'b' or 'c'. */
export function literalList(values: readonly unknown[]): string {
  const quoted = values.map((v) => (typeof v === 'string' ? `'${v}'` : String(v)));
  return quoted.length <= 1 ? (quoted[0] ?? '') : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** Why a string's first ten characters are not a YYYY-MM-DD date, in speedate's words, or undefined when they are. */
function datePartProblem(s: string): string | undefined {
  if (s.length < 10) return 'input is too short';
  if (!/^\d{4}$/.test(s.slice(0, 4))) return 'invalid character in year';
  if (s[4] !== '-') return 'invalid date separator, expected `-`';
  if (!/^\d{2}$/.test(s.slice(5, 7))) return 'invalid character in month';
  if (s[7] !== '-') return 'invalid date separator, expected `-`';
  if (!/^\d{2}$/.test(s.slice(8, 10))) return 'invalid character in day';
  const y = Number(s.slice(0, 4));
  const m = Number(s.slice(5, 7));
  const d = Number(s.slice(8, 10));
  if (m < 1 || m > 12) return 'month value is outside expected range';
  if (y < 1 || d < 1 || d > daysIn(y, m)) return 'day value is outside expected range';
  return undefined;
}

/** Why a string is not exactly a YYYY-MM-DD date, in the words of pydantic's date parser (speedate), or undefined. */
export function dateProblem(s: string): string | undefined {
  return datePartProblem(s) ?? (s.length > 10 ? 'unexpected extra characters at the end of the input' : undefined);
}

const digits2 = (s: string, at: number) =>
  /^\d{2}$/.test(s.slice(at, at + 2)) ? Number(s.slice(at, at + 2)) : undefined;

/**
 * speedate's RFC 3339 date-time: the date, a separator (T, t, _ or space), HH:MM[:SS[.ffffff]], then Z or ±HH[:]MM.
 * Whether its time is zero, or why it is not a date-time, in speedate's words.
 */
function parseDateTime(s: string): { zeroTime: boolean } | { error: string } {
  const date = datePartProblem(s);
  if (date) return { error: date };
  if (s.length < 11 || !'Tt _'.includes(s[10]!))
    return { error: 'invalid datetime separator, expected `T`, `t`, `_` or space' };
  const t = s.slice(11);
  if (t.length < 5) return { error: 'input is too short' };
  const hh = digits2(t, 0);
  if (hh === undefined) return { error: 'invalid character in hour' };
  if (hh > 23) return { error: 'hour value is outside expected range' };
  if (t[2] !== ':') return { error: 'invalid time separator, expected `:`' };
  const mm = digits2(t, 3);
  if (mm === undefined) return { error: 'invalid character in minute' };
  if (mm > 59) return { error: 'minute value is outside expected range' };
  let i = 5;
  let ss = 0;
  let fraction = 0;
  if (t[i] === ':') {
    const sec = digits2(t, i + 1);
    if (sec === undefined) return { error: t.length < i + 3 ? 'input is too short' : 'invalid character in second' };
    if (sec > 59) return { error: 'second value is outside expected range' };
    ss = sec;
    i += 3;
    if (t[i] === '.' || t[i] === ',') {
      const frac = /^\d+/.exec(t.slice(i + 1))?.[0] ?? '';
      if (frac === '') return { error: 'second fraction digits missing after `.`' };
      if (frac.length > 6) return { error: 'second fraction value is more than 6 digits long' };
      fraction = Number(frac);
      i += 1 + frac.length;
    }
  }
  const tz = t.slice(i);
  if (tz !== '' && tz !== 'Z' && tz !== 'z') {
    if (tz[0] !== '+' && tz[0] !== '-') return { error: 'unexpected extra characters at the end of the input' };
    const m = /^[+-](\d{2}):?(\d{2})?$/.exec(tz);
    if (!m) return { error: /^[+-]\d{2}/.test(tz) ? 'invalid timezone minute' : 'invalid timezone hour' };
    if (Number(m[1]) * 60 + Number(m[2] ?? 0) >= 24 * 60)
      return { error: 'timezone offset must be less than 24 hours' };
  }
  return { zeroTime: hh === 0 && mm === 0 && ss === 0 && fraction === 0 };
}

const DAY_SECONDS = 86_400;
/** speedate reads a timestamp above 2e10 (in 2603 as seconds) as milliseconds. */
const MS_THRESHOLD = 20_000_000_000;

/** A unix timestamp (seconds or ms) as a date, or null when it is not midnight UTC. */
function timestampDate(ts: number): string | null {
  const seconds = Math.abs(ts) > MS_THRESHOLD ? ts / 1000 : ts;
  if (!Number.isFinite(seconds) || seconds % DAY_SECONDS !== 0) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date.toISOString().slice(0, 10);
}

export type DateVerdict = { date: string } | { type: string; msg: string; ctx?: Record<string, unknown> };

const INEXACT = {
  type: 'date_from_datetime_inexact',
  msg: 'Datetimes provided to dates should have zero time - e.g. be exact dates',
};
const parsingError = (error: string) => ({
  type: 'date_from_datetime_parsing',
  msg: `Input should be a valid date or datetime, ${error}`,
  ctx: { error },
});

/**
 * pydantic v2's `date` field in lax (JSON) mode, as pydantic-core's DateValidator does it: a YYYY-MM-DD string; else a
 * date-time (RFC 3339 string, numeric string or JSON number as unix seconds or milliseconds) whose time is exactly
 * midnight (`date_from_datetime_inexact` otherwise); a string that is neither gives `date_from_datetime_parsing` with
 * the date-time parser's reason; any other JSON type gives `date_type`.
 */
export function pydanticDate(input: unknown): DateVerdict {
  if (typeof input === 'number') return timestampDate(input) === null ? INEXACT : { date: timestampDate(input)! };
  if (typeof input !== 'string') return { type: 'date_type', msg: 'Input should be a valid date' };
  if (dateProblem(input) === undefined) return { date: input };
  const dt = parseDateTime(input);
  if ('zeroTime' in dt) return dt.zeroTime ? { date: input.slice(0, 10) } : INEXACT;
  if (/^-?\d+(\.\d+)?$/.test(input)) {
    const date = timestampDate(Number(input));
    return date === null ? INEXACT : { date };
  }
  return parsingError(dt.error);
}

/** E.164: a plus, a country code that does not start with 0, at most 15 digits in all. */
export const isE164 = (s: string): boolean => /^\+[1-9]\d{1,14}$/.test(s);

/** Domains email-validator refuses as special-use (RFC 6761 and friends), as pydantic's EmailStr does. */
const SPECIAL_USE = new Set(['arpa', 'invalid', 'local', 'localhost', 'onion', 'test']);
const reprList = (chars: Iterable<string>) =>
  [...new Set(chars)]
    .sort()
    .map((c) => `'${c}'`)
    .join(', ');

/**
 * Why pydantic's EmailStr (email-validator, deliverability not checked) refuses an address, in its words, or
 * undefined when it accepts it. The common cases only: no quoted local parts, no IP-literal domains.
 */
export function emailProblem(email: string): string | undefined {
  const at = email.indexOf('@');
  if (at === -1) return 'An email address must have an @-sign.';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  if (local === '') return 'There must be something before the @-sign.';
  if (domain === '') return 'There must be something after the @-sign.';
  const badLocal = [...local].filter((c) => c < '\u0080' && !/[A-Za-z0-9!#$%&'*+/=?^_`{|}~.-]/.test(c));
  if (badLocal.length > 0)
    return `The email address contains invalid characters before the @-sign: ${reprList(badLocal)}.`;
  if (local.startsWith('.')) return 'An email address cannot start with a period.';
  if (local.endsWith('.')) return 'An email address cannot have a period immediately before the @-sign.';
  if (local.includes('..')) return 'An email address cannot have two periods in a row.';
  const badDomain = [...domain].filter((c) => c < '\u0080' && !/[A-Za-z0-9.-]/.test(c));
  if (badDomain.length > 0) return `The part after the @-sign contains invalid characters: ${reprList(badDomain)}.`;
  if (domain.startsWith('.')) return 'An email address cannot have a period immediately after the @-sign.';
  if (domain.endsWith('.')) return 'An email address cannot end with a period.';
  if (domain.includes('..')) return 'An email address cannot have two periods in a row.';
  if (!domain.includes('.')) return 'The part after the @-sign is not valid. It should have a period.';
  if (domain.startsWith('-')) return 'An email address cannot have a hyphen immediately after the @-sign.';
  const tld = domain.split('.').pop()!.toLowerCase();
  if (SPECIAL_USE.has(tld))
    return 'The part after the @-sign is a special-use or reserved name that cannot be used with email.';
  if (/^\d+$/.test(tld)) return 'The part after the @-sign is not valid. It is not within a valid top-level domain.';
  return undefined;
}
