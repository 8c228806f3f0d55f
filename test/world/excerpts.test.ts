import { readFileSync, writeFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { excerpts } from './excerpts.js';

const README = new URL('../../README.md', import.meta.url);

it('README "What the data looks like" shows exactly what the generators produce for the default seed', async () => {
  let readme = readFileSync(README, 'utf8');
  for (const [vendor, { lang, text }] of Object.entries(await excerpts())) {
    const block = new RegExp(`(<!-- excerpt:${vendor} -->\\n)\`\`\`${lang}\\n[\\s\\S]*?\\n\`\`\`\\n`);
    expect(readme, vendor).toMatch(block);
    const wanted = `$1\`\`\`${lang}\n${text.replace(/\$/g, '$$$$')}\n\`\`\`\n`;
    const updated = readme.replace(block, wanted);
    if (process.env.UPDATE_README_EXCERPTS === '1') readme = updated;
    else
      expect(readme, `${vendor}: run UPDATE_README_EXCERPTS=1 npx vitest run test/world/excerpts.test.ts`).toBe(
        updated,
      );
  }
  if (process.env.UPDATE_README_EXCERPTS === '1') writeFileSync(README, readme);
});
