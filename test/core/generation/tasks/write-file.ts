/** Test task: writes `text` to storage in `parts` chunks, reporting progress after each. */
import type { TaskIO } from '../../../../src/core/generation/task.js';

export async function run(params: { key: string; text: string; parts: number }, io: TaskIO) {
  const object = await io.store.put(
    { bucket: 'test', key: params.key, contentType: 'text/plain', lastModified: io.clock.now() },
    async (out) => {
      for (let i = 1; i <= params.parts; i++) {
        out.write(params.text);
        io.report(i / params.parts);
      }
      out.end();
    },
  );
  return { size: object.size, now: io.clock.now() };
}
