/**
 * The README's bot is the file the SDK package test runs (test/integration/sdk-package.test.ts): the
 * code block after the `<!-- client/examples/bot.mjs -->` marker is that file, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

describe('README bot example', () => {
  it('is client/examples/bot.mjs exactly', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /<!-- client\/examples\/bot\.mjs -->\n```js\n([\s\S]*?)```\n/.exec(readme);
    expect(block, 'README has no ```js block after <!-- client/examples/bot.mjs -->').not.toBeNull();
    expect(block![1]).toBe(readFileSync(join(root, 'client', 'examples', 'bot.mjs'), 'utf8'));
  });
});
