/**
 * Keeps downloads fair between clients: at most `maxConcurrent` downloads at once, at most `maxPerClient` of them for
 * one remote address, and a reader that takes no bytes for `idleTimeoutMs` is cut, so slow or stalled readers cannot
 * hold every slot. The storage routes and Kore's media links ask it before they send a body, and answer their own
 * "slow down" when it refuses (S3 `SlowDown`, GCS `ServiceUnavailable`, Kore's 503).
 */
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { realElapsed } from '../clock.js';

export interface DownloadLimits {
  maxConcurrent: number;
  maxPerClient: number;
  idleTimeoutMs: number;
}

/** Why a download was refused: every slot taken, or this client's share taken. */
export type Refusal = 'saturated' | 'client';

interface Running {
  response: ServerResponse;
  socket: Socket;
  /** Bytes the socket had handed on at the last check, and when that last changed (real ms). */
  sent: number;
  movedAt: number;
}

/** Bytes a socket has handed to the kernel: what it was given, minus what still waits in its buffer. */
const handedOn = (socket: Socket) => (socket.bytesWritten ?? 0) - socket.writableLength;

/** `::ffff:127.0.0.1` and `127.0.0.1` are one client. */
const clientOf = (request: FastifyRequest) => (request.raw.socket?.remoteAddress ?? '').replace(/^::ffff:/, '');

export class DownloadGate {
  private readonly running = new Set<Running>();
  private readonly perClient = new Map<string, number>();
  private watchdog: NodeJS.Timeout | undefined;

  constructor(private readonly limits: DownloadLimits) {}

  get active(): number {
    return this.running.size;
  }

  /**
   * Counts a GET against the caps until its response closes, or says why it cannot be served. HEAD sends no body
   * and is never refused.
   */
  admit(request: FastifyRequest, reply: FastifyReply): Refusal | undefined {
    if (request.method !== 'GET') return undefined;
    const socket = request.raw.socket;
    if (!socket) return undefined;
    if (this.running.size >= this.limits.maxConcurrent) return 'saturated';
    const client = clientOf(request);
    const mine = this.perClient.get(client) ?? 0;
    if (mine >= this.limits.maxPerClient) return 'client';
    const entry: Running = { response: reply.raw, socket, sent: handedOn(socket), movedAt: realElapsed() };
    this.running.add(entry);
    this.perClient.set(client, mine + 1);
    reply.raw.once('close', () => {
      this.running.delete(entry);
      const left = (this.perClient.get(client) ?? 1) - 1;
      if (left > 0) this.perClient.set(client, left);
      else this.perClient.delete(client);
      if (this.running.size === 0) this.stopWatchdog();
    });
    this.startWatchdog();
    return undefined;
  }

  /** One timer for every download, running only while there are downloads: cuts those that made no progress. */
  private startWatchdog(): void {
    if (this.watchdog) return;
    const every = Math.max(20, Math.min(1000, this.limits.idleTimeoutMs / 4));
    this.watchdog = setInterval(() => this.cutIdle(), every);
    this.watchdog.unref();
  }

  private stopWatchdog(): void {
    clearInterval(this.watchdog);
    this.watchdog = undefined;
  }

  private cutIdle(): void {
    const now = realElapsed();
    for (const entry of this.running) {
      const sent = handedOn(entry.socket);
      if (sent !== entry.sent) {
        entry.sent = sent;
        entry.movedAt = now;
      } else if (now - entry.movedAt >= this.limits.idleTimeoutMs && !entry.response.writableFinished) {
        // The reader took nothing for the whole timeout: a slow reader still takes bytes, a stalled one does not.
        entry.socket.destroy();
      }
    }
  }
}
