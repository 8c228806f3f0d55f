/** exitOf gives a child's exit even when the exit came before anyone listened (a wait that once hung a test). */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { describe, expect, it } from 'vitest';
import { exitOf } from './helpers.js';

describe('exitOf', () => {
  it("answers the exit of a child that already exited, where a late once(child, 'exit') never resolves", async () => {
    const child = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
    await once(child, 'exit');
    const late = Promise.race([once(child, 'exit').then(() => 'exit'), new Promise((r) => setTimeout(r, 200, 'hung'))]);
    expect(await late).toBe('hung');
    expect(await exitOf(child)).toEqual([3, null]);
  });
});
