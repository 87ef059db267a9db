/**
 * The error-code registry (server/errors.ts): HashcapError accepts only the codes listed there, and
 * code outside the registry names them through its constants, so a code has one home that a search
 * finds and the compiler checks.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileFormatError, HashcapError, HashcapErrorCode } from '../../server/errors.ts';
import { parseBasket } from '../../server/market/basket.ts';

const ROOT = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts'))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)));
}

describe('HashcapErrorCode', () => {
  it('lists each code once, under its own name', () => {
    const codes = Object.values(HashcapErrorCode);
    expect(new Set(codes).size).toBe(codes.length);
    for (const [key, code] of Object.entries(HashcapErrorCode)) expect(code).toBe(key);
  });

  it('is the only type a HashcapError code can have', () => {
    // @ts-expect-error — a code the registry does not list does not compile.
    const unlisted = new HashcapError('NO_SUCH_CODE', 'x');
    expect(unlisted.code).toBe('NO_SUCH_CODE');
    const listed = new HashcapError(HashcapErrorCode.CONFIG_INVALID, 'x');
    // @ts-expect-error — nor does a comparison with a misspelt code.
    expect(listed.code === 'CONFIG_INVALD').toBe(false);
  });

  it('is what a thrown file-format error carries', () => {
    let error: unknown;
    try {
      parseBasket('not a basket', 'x.basket.csv');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FileFormatError);
    expect((error as FileFormatError).code).toBe(HashcapErrorCode.BASKET_VERSION);
  });

  it('is named through its constants everywhere outside the registry (server, client, bench, scripts)', () => {
    const literal = new RegExp(`['"\`](${Object.keys(HashcapErrorCode).join('|')})['"\`]`);
    const offenders: string[] = [];
    for (const file of ['server', 'client', 'bench', 'scripts'].flatMap(sources)) {
      if (file === join('server', 'errors.ts')) continue;
      readFileSync(join(ROOT, file), 'utf8')
        .split('\n')
        .forEach((line, i) => {
          // Comments may quote a code to explain it; code must use the constant.
          if (literal.test(line) && !/^\s*(\/\/|\*|\/\*)/.test(line)) offenders.push(`${file}:${i + 1}: ${line.trim()}`);
        });
    }
    expect(offenders).toEqual([]);
  });
});
