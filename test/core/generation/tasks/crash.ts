/** Test task: dies the way a broken generator would, by an uncaught error, by exiting, or by exhausting its heap. */
export async function run(params: { how: 'throw-later' | 'exit' | 'heap' | 'reject' }) {
  if (params.how === 'reject') throw new Error('the world changed while it was written');
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
