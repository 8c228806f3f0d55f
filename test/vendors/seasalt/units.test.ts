import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { csvLine } from '../../../src/vendors/seasalt/export-file.js';
import { CsvNamer, fileStamp, safePart, zipName } from '../../../src/vendors/seasalt/names.js';
import { dateProblem, emailProblem, literalList, pydanticDate } from '../../../src/vendors/seasalt/pydantic.js';
import { PythonJsonError, parsePythonJson } from '../../../src/vendors/seasalt/python-json.js';

const failure = (text: string) => {
  try {
    parsePythonJson(text);
  } catch (err) {
    if (err instanceof PythonJsonError) return [err.msg, err.pos] as const;
    throw err;
  }
  throw new Error(`parsed: ${text}`);
};

describe('Python-compatible JSON parsing', () => {
  it('parses what json.loads parses, NaN and Infinity included', () => {
    expect(parsePythonJson(' {"a": [1, -2.5e3, true, false, null], "b": {"c": "\\u00e9\\ud83d\\ude00\\n"}} ')).toEqual({
      a: [1, -2500, true, false, null],
      b: { c: 'é😀\n' },
    });
    expect(parsePythonJson('[NaN, Infinity, -Infinity]')).toEqual([NaN, Infinity, -Infinity]);
    expect(parsePythonJson('{"a": 1, "a": 2}')).toEqual({ a: 2 });
    expect(parsePythonJson('[]')).toEqual([]);
    expect(parsePythonJson('{}')).toEqual({});
  });
  it("fails with Python's message and code-point position", () => {
    expect(failure('')).toEqual(['Expecting value', 0]);
    expect(failure('   ')).toEqual(['Expecting value', 3]);
    expect(failure('[1,]')).toEqual(['Expecting value', 3]);
    expect(failure('[1 2]')).toEqual(["Expecting ',' delimiter", 3]);
    expect(failure('{')).toEqual(['Expecting property name enclosed in double quotes', 1]);
    expect(failure('{"a"')).toEqual(["Expecting ':' delimiter", 4]);
    expect(failure('{"a":1')).toEqual(["Expecting ',' delimiter", 6]);
    expect(failure('01')).toEqual(['Extra data', 1]);
    expect(failure('"a\tb"')).toEqual(['Invalid control character at', 2]);
    expect(failure('"\\u12"')).toEqual(['Invalid \\uXXXX escape', 2]);
    expect(failure('"é😀\\x"')).toEqual(['Invalid \\escape', 3]);
    expect(failure('tru')).toEqual(['Expecting value', 0]);
  });
});

describe('pydantic wording', () => {
  it('lists Literal choices as pydantic does', () => {
    expect(literalList(['a'])).toBe("'a'");
    expect(literalList(['a', 'b', 'c'])).toBe("'a', 'b' or 'c'");
  });
  it('explains dates as speedate does', () => {
    expect(dateProblem('2024-02-29')).toBeUndefined();
    expect(dateProblem('2025-02-29')).toBe('day value is outside expected range');
    expect(dateProblem('2025-00-10')).toBe('month value is outside expected range');
    expect(dateProblem('2025-01-1x')).toBe('invalid character in day');
    expect(dateProblem('')).toBe('input is too short');
  });
  it("reads a date as pydantic-core's DateValidator does in lax mode", () => {
    expect(pydanticDate('2025-04-01')).toEqual({ date: '2025-04-01' });
    expect(pydanticDate('2025-04-01_00:00:00,000000-05:00')).toEqual({ date: '2025-04-01' });
    expect(pydanticDate(0)).toEqual({ date: '1970-01-01' });
    expect(pydanticDate(-86_400)).toEqual({ date: '1969-12-31' });
    expect(pydanticDate(1_743_465_600_000)).toEqual({ date: '2025-04-01' });
    expect(pydanticDate('2025-04-01T00:00:00.1234567')).toMatchObject({
      type: 'date_from_datetime_parsing',
      ctx: { error: 'second fraction value is more than 6 digits long' },
    });
    expect(pydanticDate('2025-04-01T00:00:00.')).toMatchObject({
      ctx: { error: 'second fraction digits missing after `.`' },
    });
    expect(pydanticDate('2025-04-01T00:00:00x')).toMatchObject({
      ctx: { error: 'unexpected extra characters at the end of the input' },
    });
    expect(pydanticDate(1.5)).toMatchObject({ type: 'date_from_datetime_inexact' });
    expect(pydanticDate([])).toEqual({ type: 'date_type', msg: 'Input should be a valid date' });
  });
  it('accepts addresses EmailStr accepts', () => {
    for (const ok of ['a@example.com', 'first.last+tag@sub.example.co.uk', 'zoë@例え.jp', "o'brien@example.ie"])
      expect(emailProblem(ok), ok).toBeUndefined();
    expect(emailProblem('a..b@example.com')).toBe('An email address cannot have two periods in a row.');
    expect(emailProblem('a@b@example.com')).toBe("The part after the @-sign contains invalid characters: '@'.");
  });
});

describe('Export file names', () => {
  it('makes each part safe: forbidden characters, controls, invisible marks, edges and length', () => {
    expect(safePart('Jane Doe', 'x')).toBe('Jane Doe');
    expect(safePart('A/B\\C:D*E?F"G<H>I|J', 'x')).toBe('A_B_C_D_E_F_G_H_I_J');
    expect(safePart('Line1\nLine2\r\n\tend', 'x')).toBe('Line1 Line2 end');
    expect(safePart('  ..Dr. Who Jr. . ', 'x')).toBe('Dr. Who Jr');
    expect(safePart('evil\u202Egpj.exe', 'x')).toBe('evilgpj.exe');
    expect(safePart('李娜 🌟', 'x')).toBe('李娜 🌟');
    expect(safePart('e\u0301', 'x')).toBe('é');
    expect(safePart('...', 'fallback')).toBe('fallback');
    const long = safePart('名'.repeat(200), 'x');
    expect(Buffer.byteLength(long)).toBeLessThanOrEqual(100);
    expect(long).toBe('名'.repeat(33));
  });
  it('stamps conversations in UTC as YYYY-MM-DD_HHMMSS', () => {
    expect(fileStamp(Date.parse('2026-04-08T03:24:43.999Z'))).toBe('2026-04-08_032443');
  });
  it('names ZIPs like the vendor example', () => {
    expect(
      zipName({ name: 'SMS Support', phone_number: '+12025550123', channel_id: 'x' }, '2026-06-01', '1c4639da'),
    ).toBe('SMS_Support_2026-06_1c4639da.zip');
  });
  it('disambiguates names that would collide, ignoring case', () => {
    const namer = new CsvNamer();
    const at = Date.parse('2026-04-08T03:24:43Z');
    expect(namer.name('Jane Doe', at, 'SMS Support (+12025550123)')).toBe(
      'Jane Doe--2026-04-08_032443--SMS Support (+12025550123).csv',
    );
    expect(namer.name('Jane Doe', at, 'SMS Support (+12025550123)')).toBe(
      'Jane Doe--2026-04-08_032443--SMS Support (+12025550123) (2).csv',
    );
    expect(namer.name('JANE DOE', at, 'SMS Support (+12025550123)')).toBe(
      'JANE DOE--2026-04-08_032443--SMS Support (+12025550123) (3).csv',
    );
    expect(namer.name('Jane/Doe', at, 'SMS Support (+12025550123)')).toBe(
      'Jane_Doe--2026-04-08_032443--SMS Support (+12025550123).csv',
    );
  });
});

describe('CSV quoting', () => {
  it('quotes only fields with commas, quotes or line breaks, and round-trips through csv-parse', () => {
    const values = ['plain', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', '😀 李娜', '', ' spaced '];
    const line = csvLine(values);
    expect(line).toBe('plain,"a,b","say ""hi""","two\nlines","cr\r\nlf",😀 李娜,, spaced \r\n');
    expect(parse(line)).toEqual([values]);
  });
});
