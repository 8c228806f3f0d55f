/** Test task: dies the way a broken generator would, by an uncaught error, by exiting, or by exhausting its heap. */
export async function run(params: { how: 'throw-later' | 'exit' | 'heap' | 'reject' | 'disk-full' }) {
  if (params.how === 'reject') throw new Error('the world changed while it was written');
  if (params.how === 'disk-full')
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
  if (params.how === 'exit') process.exit(3);
  if (params.how === 'throw-later') {
    setTimeout(() => {
      throw new Error('uncaught in a timer');
    });
    return new Promise(() => undefined);
  }
  const hoard: number[][] = [];
  for (;;) hoard.push(Array.from({ length: 100_000 }, (_, i) => i));
}
