/**
 * SECURITY.md lists every limit an operator can set with the default the server really has, and the
 * /metrics label each refusal is counted under: the table cannot drift from server/limits/.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { LIMIT_NAMES } from '../../server/limits/limit-names.ts';
import { LIMIT_OPTIONS } from '../../server/limits/limit-options.ts';
import { helpText, parseConfig } from '../../server/config.ts';

const doc = readFileSync(new URL('../../SECURITY.md', import.meta.url), 'utf8');

describe('SECURITY.md', () => {
  it('has a row per limit flag with its default, and the server parses that default when the flag is absent', () => {
    const config = parseConfig([], {});
    for (const o of LIMIT_OPTIONS) {
      expect(doc).toContain(`| \`${o.flag}\` | ${o.default} |`);
      expect(config.limits[o.key]).toBe(o.default);
      expect(helpText()).toContain(o.flag);
    }
  });

  it('names every metrics label a refusal is counted under', () => {
    for (const name of LIMIT_NAMES) expect(doc).toContain(`\`${name}\``);
  });

  it('says how to report a vulnerability and what is out of scope', () => {
    expect(doc).toMatch(/## Reporting a vulnerability/);
    expect(doc).toMatch(/## Out of scope/);
    expect(doc).toMatch(/## Threat model/);
  });
});
