/** Test task: a "big export" that holds its worker until the test lets it go through shared memory. */
export async function run(params: { gate: SharedArrayBuffer }) {
  const flag = new Int32Array(params.gate);
  Atomics.store(flag, 1, 1); // started
  Atomics.notify(flag, 1);
  Atomics.wait(flag, 0, 0);
  return 'released';
}
