/**
 * Reading basket files from disk. The format itself (and all validation) is in basket.ts, which stays
 * pure so it can be tested on strings; this module only adds the file system and cross-file checks.
 */
import { readFile } from 'node:fs/promises';
import { HashcapError, HashcapErrorCode } from '../errors.ts';
import { parseBasket } from './basket.ts';
import type { Basket } from './basket-types.ts';
import { installPath } from '../install-root.ts';

/** Absolute paths of the baskets shipped in data/baskets/, found from the install root (not the cwd). */
export function defaultBasketPaths(): string[] {
  return [
    installPath('data', 'baskets', 'miners.basket.csv'),
    installPath('data', 'baskets', 'ai-hpc.basket.csv'),
  ];
}

/**
 * Read and parse one basket file. A missing/unreadable file or one that is not UTF-8 is a HashcapError
 * 'BASKET_FILE' naming the path; a bad file is a FileFormatError from parseBasket.
 */
export async function loadBasketFile(path: string): Promise<Basket> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new HashcapError(HashcapErrorCode.BASKET_FILE, `cannot read basket file ${path}: ${describe(cause)}`, { cause });
  }
  let text: string;
  try {
    // fatal: a mis-encoded file (e.g. Latin-1 from a spreadsheet) fails loudly instead of becoming U+FFFD.
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new HashcapError(HashcapErrorCode.BASKET_FILE, `basket file ${path} is not valid UTF-8`, { cause });
  }
  return parseBasket(text, path);
}

/**
 * Load several baskets. All files are read concurrently, but the error reported is the one of the
 * first failing path in argument order, so the message does not depend on I/O timing.
 * Two baskets with the same id would publish to the same channel: 'BASKET_DUPLICATE_ID'.
 */
export async function loadBaskets(paths: readonly string[]): Promise<Basket[]> {
  const results = await Promise.allSettled(paths.map((path) => loadBasketFile(path)));
  const baskets: Basket[] = [];
  for (const result of results) {
    if (result.status === 'rejected') throw result.reason;
    baskets.push(result.value);
  }
  const firstById = new Map<string, Basket>();
  for (const basket of baskets) {
    const first = firstById.get(basket.id);
    if (first !== undefined) {
      throw new HashcapError(
        HashcapErrorCode.BASKET_DUPLICATE_ID,
        `basket id "${basket.id}" is defined twice: in ${first.source} and in ${basket.source}`,
      );
    }
    firstById.set(basket.id, basket);
  }
  return baskets;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    // Node's fs errors carry an errno code (ENOENT, EACCES, EISDIR) that says more than the message.
    return 'code' in error && typeof error.code === 'string' ? `${error.code}: ${error.message}` : error.message;
  }
  return String(error);
}
