/**
 * Runs the client's command once: no shell (the words after `--` are the program and its arguments), its own process
 * group so a timeout also stops what it started (`sh -c`, `npm run`), and the last few KiB of its output kept for
 * the report.
 */
import { spawn } from 'node:child_process';
import { realElapsed } from '../core/clock.js';

export interface ClientRun {
  /** null when the process ended by a signal (or was killed at the timeout). */
  exitCode: number | null;
  signal: string | null;
  timedOut: boolean;
  /** Real time from start to exit. */
  durationMs: number;
  stdout: string;
  stderr: string;
  /** Set when the command could not start at all (not found, not executable). */
  spawnError?: string;
}

/** Output kept per stream: the end, where a client says why it stopped. */
const TAIL_CHARS = 4096;
/** After SIGTERM at the timeout, how long the client gets before SIGKILL. */
const KILL_GRACE_MS = 2000;

const keepTail = (kept: string, chunk: Buffer) => (kept + chunk.toString('utf8')).slice(-TAIL_CHARS);

export function runClient(
  command: readonly string[],
  env: Record<string, string>,
  timeoutMs: number,
  cwd?: string,
): Promise<ClientRun> {
  const started = realElapsed();
  return new Promise((resolve) => {
    const child = spawn(command[0]!, command.slice(1), {
      env: { ...process.env, ...env },
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let spawnError: string | undefined;
    child.stdout.on('data', (c: Buffer) => (stdout = keepTail(stdout, c)));
    child.stderr.on('data', (c: Buffer) => (stderr = keepTail(stderr, c)));
    const signalGroup = (signal: NodeJS.Signals) => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, signal);
      } catch {
        /* already gone */
      }
    };
    let killTimer: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      timedOut = true;
      signalGroup('SIGTERM');
      killTimer = setTimeout(() => signalGroup('SIGKILL'), KILL_GRACE_MS);
    }, timeoutMs);
    child.on('error', (err) => (spawnError = err.message));
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      clearTimeout(killTimer);
      // Whatever the client left running in its group ends with it.
      signalGroup('SIGKILL');
      resolve({
        exitCode: code,
        signal,
        timedOut,
        durationMs: realElapsed() - started,
        stdout,
        stderr,
        ...(spawnError ? { spawnError } : {}),
      });
    });
  });
}
