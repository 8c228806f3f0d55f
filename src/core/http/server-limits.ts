/**
 * The bounds a slow or hostile client meets (README, "Limits"). Node's HTTP server only looks for requests past
 * `headersTimeout` or `requestTimeout` every `connectionsCheckingInterval` (30 s by default, Node's http docs), so a
 * 10 s bound could hold for 40 s: the interval here is short enough that each bound holds within a quarter second.
 * Tests inject smaller values through buildApp/startServer; users cannot (they are not settings).
 */
export interface ServerLimits {
  /** Request bodies up to this many bytes (export requests are tiny). */
  bodyLimit: number;
  /** The request line and headers must arrive within this (slowloris). */
  headersTimeoutMs: number;
  /** The whole request, body included, must arrive within this. */
  requestTimeoutMs: number;
  /** How often Node looks for requests past the two timeouts above. */
  checkIntervalMs: number;
  /** An idle connection is closed after this. */
  connectionTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** After SIGTERM, running requests (downloads) get this long; then connections are cut and the process exits. */
  shutdownGraceMs: number;
}

export const DEFAULT_SERVER_LIMITS: Readonly<ServerLimits> = {
  bodyLimit: 1024 * 1024,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  checkIntervalMs: 250,
  connectionTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  // Closing (saving state, stopping timers) takes a moment after the connections are cut: the exit stays within 10 s.
  shutdownGraceMs: 9_000,
};

export const serverLimits = (overrides: Partial<ServerLimits> = {}): ServerLimits => ({
  ...DEFAULT_SERVER_LIMITS,
  ...overrides,
});

/** Fastify's options for these limits; `http` goes to Node's http.createServer, which alone takes the check interval. */
export function fastifyLimitOptions(limits: ServerLimits) {
  return {
    bodyLimit: limits.bodyLimit,
    requestTimeout: limits.requestTimeoutMs,
    connectionTimeout: limits.connectionTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    http: {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
  };
}
