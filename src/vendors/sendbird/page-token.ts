/**
 * Opaque page tokens for the export list: a keyset cursor (creation time and sequence of the item at the page edge)
 * and a direction, bound by HMAC to the application and the filters, written as 32 hex characters like the vendor's
 * sample. A token that does not decode, or was issued for another application or other filters, is rejected (400109).
 */
import { hmac } from '../../core/signing/hmac.js';

export interface Cursor {
  /** 'older': items after the cursor in newest-first order (next); 'newer': items before it (prev). */
  direction: 'older' | 'newer';
  createdAt: number;
  seq: number;
}

const MAC_BYTES = 5;

export function encodeToken(secret: string, scope: string, c: Cursor): string {
  const buf = Buffer.alloc(16);
  buf.writeUInt8(c.direction === 'older' ? 1 : 2, 0);
  buf.writeUIntBE(c.createdAt, 1, 6);
  buf.writeUInt32BE(c.seq, 7);
  hmac(secret, `${scope}\n${buf.subarray(0, 11).toString('hex')}`).copy(buf, 11, 0, MAC_BYTES);
  return buf.toString('hex');
}

export function decodeToken(secret: string, scope: string, token: string): Cursor | undefined {
  if (!/^[0-9a-f]{32}$/.test(token)) return undefined;
  const buf = Buffer.from(token, 'hex');
  const mac = hmac(secret, `${scope}\n${buf.subarray(0, 11).toString('hex')}`).subarray(0, MAC_BYTES);
  if (!mac.equals(buf.subarray(11))) return undefined;
  const dir = buf.readUInt8(0);
  if (dir !== 1 && dir !== 2) return undefined;
  return { direction: dir === 1 ? 'older' : 'newer', createdAt: buf.readUIntBE(1, 6), seq: buf.readUInt32BE(7) };
}
