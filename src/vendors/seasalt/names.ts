/**
 * File names inside and of the export (vendor page, "Export File Format"):
 *   ZIP  `<channel>_<YYYY-MM>_<id>.zip`                       e.g. SMS_Support_2026-06_1c4639da.zip
 *   CSV  `<contact>--<YYYY-MM-DD_HHMMSS>--<channel>.csv`       e.g. Jane Doe--2026-04-08_032443--SMS Support (+12025550123).csv
 * Contact and channel names are whatever people typed, so each part is made safe for every common file system
 * (Windows, macOS, Linux) while the pattern stays recognisable: Unicode letters and emoji are kept; the characters
 * Windows forbids (/ \ : * ? " < > |) become "_"; control characters (new lines included) become a space; invisible
 * direction and zero-width marks are dropped (they can disguise an extension); runs of spaces collapse; leading and
 * trailing dots and spaces go (Windows drops trailing ones, Unix hides leading dots); each part is cut to 100 UTF-8
 * bytes so a whole name stays under the 255-byte limit. No name can be a Windows device name (CON, NUL…): each has
 * separators and an extension. Names that would collide on a case-insensitive file system get " (2)", " (3)"….
 */

const PART_MAX_BYTES = 100;

function cutToBytes(s: string, maxBytes: number): string {
  let bytes = 0;
  let out = '';
  for (const ch of s) {
    bytes += Buffer.byteLength(ch, 'utf8');
    if (bytes > maxBytes) break;
    out += ch;
  }
  return out;
}

const trimEnds = (s: string) => s.replace(/^[\s.]+|[\s.]+$/gu, '');

/** One part of a file name, safe everywhere; `fallback` when nothing is left of it. */
export function safePart(raw: string, fallback: string): string {
  let s = raw
    .normalize('NFC')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what a file name must lose
    .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
    .replace(/[\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g, '')
    .replace(/[/\\:*?"<>|]/g, '_')
    .replace(/\s+/gu, ' ');
  s = trimEnds(cutToBytes(trimEnds(s), PART_MAX_BYTES));
  return s === '' ? fallback : s;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `YYYY-MM-DD_HHMMSS` in UTC. */
export function fileStamp(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}_${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
}

/** How a channel is called in CSV names: "SMS Support (+12025550123)", the name alone, or the number alone. */
export function channelLabel(channel: { name: string; phone_number?: string; channel_id: string }): string {
  if (channel.name && channel.phone_number) return `${channel.name} (${channel.phone_number})`;
  return channel.name || channel.phone_number || channel.channel_id;
}

/** `<channel>_<YYYY-MM>_<id>.zip`, spaces in the channel name as underscores. */
export function zipName(
  channel: { name: string; phone_number?: string; channel_id: string },
  startDate: string,
  id: string,
): string {
  const base = safePart(channel.name || channel.phone_number || channel.channel_id, 'channel').replace(/ /g, '_');
  return `${base}_${startDate.slice(0, 7)}_${id}.zip`;
}

/** Gives each CSV its name, distinct from every earlier one even on a case-insensitive file system. */
export class CsvNamer {
  private readonly taken = new Set<string>();

  name(contact: string, startedAt: number, channel: string): string {
    const base = `${safePart(contact, 'Unknown contact')}--${fileStamp(startedAt)}--${safePart(channel, 'channel')}`;
    for (let n = 1; ; n++) {
      const candidate = n === 1 ? `${base}.csv` : `${base} (${n}).csv`;
      const key = candidate.toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}
