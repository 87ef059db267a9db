import { describe, it, expect, beforeAll, afterAll } from 'vitest';
import fc from 'fast-check';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FileFormatError, HashcapError } from '../../server/errors.ts';
import { BASKET_COLUMNS, formatDecimal, isIsoDate, parseBasket, serializeBasket } from '../../server/market/basket.ts';
import { defaultBasketPaths, loadBasketFile, loadBaskets } from '../../server/market/basket-file.ts';
import type { Basket, Constituent } from '../../server/market/basket-types.ts';

// ----------------------------------------------------------------------------------------------
// Helpers
// ----------------------------------------------------------------------------------------------

const HEADER = [
  '# hashcap-basket: 1',
  '# id: test',
  '# name: Test basket',
  '# revision: 1',
  '# base_level: 1000',
  '# reference_date: 2026-01-30',
];
const COLUMNS = 'ticker,name,exchange,shares_outstanding,previous_close';
const ROW = 'IREN,IREN Ltd,NASDAQ,283470000,48.45';
/** With HEADER (6 lines) and one column line, the first row is on line 8. */
const FIRST_ROW_LINE = 8;

function basketText(rows: readonly string[], header: readonly string[] = HEADER, columns = COLUMNS): string {
  return [...header, columns, ...rows].join('\n') + '\n';
}

/** The error parseBasket throws for `text`, checked to be a FileFormatError naming the file. */
function parseError(text: string): FileFormatError {
  try {
    parseBasket(text, 'bad.basket.csv');
  } catch (error) {
    expect(error).toBeInstanceOf(FileFormatError);
    const e = error as FileFormatError;
    expect(e.file).toBe('bad.basket.csv');
    expect(e.message.startsWith(`bad.basket.csv:${e.line}: ${e.field}: `)).toBe(true);
    return e;
  }
  throw new Error(`expected a FileFormatError, but this parsed:\n${text}`);
}

function expectParseError(text: string, code: string, line: number, field: string): FileFormatError {
  const e = parseError(text);
  expect({ code: e.code, line: e.line, field: e.field }).toEqual({ code, line, field });
  return e;
}

/** A row with one cell of ROW replaced, by column name (COLUMNS order). */
function rowWith(column: string, value: string): string {
  const cells = ROW.split(',');
  cells[COLUMNS.split(',').indexOf(column)] = value;
  return cells.join(',');
}

function sharesTimesPriceCents(basket: Basket): bigint {
  let cents = 0n;
  for (const c of basket.constituents) {
    const priceCents = Math.round(c.previousClose * 100);
    expect(Math.abs(c.previousClose * 100 - priceCents)).toBeLessThan(1e-6); // prices are whole cents
    cents += BigInt(c.sharesOutstanding) * BigInt(priceCents);
  }
  return cents;
}

// ----------------------------------------------------------------------------------------------
// Default baskets
// ----------------------------------------------------------------------------------------------

describe('default baskets', () => {
  const [minersPath = '', aiHpcPath = ''] = defaultBasketPaths();

  it('resolves absolute paths to data/baskets', () => {
    expect(defaultBasketPaths()).toHaveLength(2);
    expect(minersPath).toMatch(/[\\/]data[\\/]baskets[\\/]miners\.basket\.csv$/);
    expect(aiHpcPath).toMatch(/[\\/]data[\\/]baskets[\\/]ai-hpc\.basket\.csv$/);
    expect(minersPath.startsWith('/') || /^[A-Za-z]:\\/.test(minersPath)).toBe(true);
  });

  it('miners: 13 constituents carrying the reference figures', async () => {
    const miners = await loadBasketFile(minersPath);
    expect(miners).toMatchObject({
      id: 'miners',
      name: 'Bitcoin miners & AI/HPC hosts',
      formatVersion: 1,
      revision: '2026-01-30.1',
      baseLevel: 1000,
      referenceDate: '2026-01-30',
      milestonesUsd: [75e9, 90e9, 100e9],
      source: minersPath,
    });
    expect(miners.constituents.map((c) => c.ticker)).toEqual([
      'IREN', 'MARA', 'RIOT', 'CIFR', 'CORZ', 'CLSK', 'WULF', 'HUT', 'BITF', 'HIVE', 'APLD', 'BTBT', 'BTDR',
    ]);
    expect(miners.constituents[0]).toEqual<Constituent>({
      ticker: 'IREN',
      name: 'IREN Ltd',
      exchange: 'NASDAQ',
      sharesOutstanding: 283_470_000,
      floatFactor: 1,
      capFactor: 1,
      previousClose: 48.45,
      sharesSource: 'stockanalysis.com statistics page',
      sharesDate: '2025-11-26',
      priceSource: 'stockanalysis.com statistics page',
      priceDate: '2025-11-26',
    });
    const clsk = miners.constituents.find((c) => c.ticker === 'CLSK');
    expect(clsk?.priceSource).toBe('whalequant.io (price); stocknear.com (shares; Aug 2025)');
    expect(miners.constituents.find((c) => c.ticker === 'HUT')?.name).toBe('Hut 8');
    expect(miners.constituents.find((c) => c.ticker === 'BTDR')).toMatchObject({ sharesOutstanding: 236_820_000, previousClose: 13.04 });
    for (const c of miners.constituents) {
      expect(c.floatFactor).toBe(1);
      expect(c.capFactor).toBe(1);
      expect(c.sharesDate).toBe(c.priceDate);
      expect(c.sharesDate <= miners.referenceDate).toBe(true);
    }
    // The reference data sums to about $75B: exactly $76,621,458,500.00.
    expect(sharesTimesPriceCents(miners)).toBe(7_662_145_850_000n);
    const total = miners.constituents.reduce((sum, c) => sum + c.sharesOutstanding * c.previousClose, 0);
    expect(total).toBeCloseTo(76_621_458_500, 2);
  });

  it('loads both default baskets together; ai-hpc is a subset of miners with the same figures', async () => {
    const baskets = await loadBaskets(defaultBasketPaths());
    expect(baskets.map((b) => b.id)).toEqual(['miners', 'ai-hpc']);
    const [miners, aiHpc] = baskets;
    if (miners === undefined || aiHpc === undefined) throw new Error('two baskets expected');
    expect(aiHpc.constituents.map((c) => c.ticker)).toEqual(['IREN', 'CIFR', 'CORZ', 'WULF', 'HUT', 'APLD']);
    for (const c of aiHpc.constituents) {
      expect(miners.constituents.find((m) => m.ticker === c.ticker)).toEqual(c);
    }
    expect(aiHpc.milestonesUsd).toEqual([50e9, 75e9]);
    expect(aiHpc.referenceDate).toBe('2025-11-26');
    expect(sharesTimesPriceCents(aiHpc)).toBe(5_077_112_240_000n);
  });

  it('serialize→parse round-trips the default baskets', async () => {
    for (const basket of await loadBaskets(defaultBasketPaths())) {
      expect(parseBasket(serializeBasket(basket), basket.source)).toEqual(basket);
    }
  });
});

// ----------------------------------------------------------------------------------------------
// File loading
// ----------------------------------------------------------------------------------------------

describe('loadBasketFile / loadBaskets', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'hashcap-basket-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function expectHashcapError(promise: Promise<unknown>, code: string): Promise<HashcapError> {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(HashcapError);
    expect((error as HashcapError).code).toBe(code);
    return error as HashcapError;
  }

  it('a missing file is BASKET_FILE naming the path', async () => {
    const path = join(dir, 'nope.basket.csv');
    const e = await expectHashcapError(loadBasketFile(path), 'BASKET_FILE');
    expect(e.message).toContain(path);
    expect(e.message).toContain('ENOENT');
  });

  it('a directory is BASKET_FILE', async () => {
    const e = await expectHashcapError(loadBasketFile(dir), 'BASKET_FILE');
    expect(e.message).toContain(dir);
  });

  it('a file that is not UTF-8 is BASKET_FILE', async () => {
    const path = join(dir, 'latin1.basket.csv');
    await writeFile(path, Buffer.from(basketText([ROW]).replace('IREN Ltd', 'IREN L\u00e9d'), 'latin1'));
    await expectHashcapError(loadBasketFile(path), 'BASKET_FILE');
  });

  it('a bad file is a FileFormatError naming the path', async () => {
    const path = join(dir, 'bad.basket.csv');
    await writeFile(path, basketText([rowWith('previous_close', 'abc')]));
    const e = await expectHashcapError(loadBasketFile(path), 'BASKET_PRICE');
    expect(e).toBeInstanceOf(FileFormatError);
    expect((e as FileFormatError).file).toBe(path);
    expect(e.message.startsWith(`${path}:${FIRST_ROW_LINE}: previous_close: `)).toBe(true);
  });

  it('two baskets with the same id are BASKET_DUPLICATE_ID naming both files', async () => {
    const a = join(dir, 'a.basket.csv');
    const b = join(dir, 'b.basket.csv');
    await writeFile(a, basketText([ROW]));
    await writeFile(b, basketText(['MARA,MARA Holdings,NASDAQ,378180000,15.87']));
    const e = await expectHashcapError(loadBaskets([a, b]), 'BASKET_DUPLICATE_ID');
    expect(e.message).toContain(a);
    expect(e.message).toContain(b);
    expect(e.message).toContain('"test"');
  });

  it('reports the first failing path in argument order', async () => {
    const good = join(dir, 'good.basket.csv');
    await writeFile(good, basketText([ROW]));
    const missing = join(dir, 'missing.basket.csv');
    const bad = join(dir, 'bad2.basket.csv');
    await writeFile(bad, 'garbage');
    const e = await expectHashcapError(loadBaskets([good, missing, bad]), 'BASKET_FILE');
    expect(e.message).toContain(missing);
    await expectHashcapError(loadBaskets([good, bad, missing]), 'BASKET_VERSION');
  });

  it('loads an empty list as no baskets', async () => {
    expect(await loadBaskets([])).toEqual([]);
  });
});

// ----------------------------------------------------------------------------------------------
// Parsing: valid variants
// ----------------------------------------------------------------------------------------------

describe('parseBasket accepts', () => {
  it('a minimal file with only required columns; optional fields default', () => {
    const basket = parseBasket(basketText([ROW]), '<inline>');
    expect(basket).toEqual<Basket>({
      id: 'test',
      name: 'Test basket',
      formatVersion: 1,
      revision: '1',
      baseLevel: 1000,
      referenceDate: '2026-01-30',
      milestonesUsd: [],
      source: '<inline>',
      constituents: [
        {
          ticker: 'IREN',
          name: 'IREN Ltd',
          exchange: 'NASDAQ',
          sharesOutstanding: 283470000,
          floatFactor: 1,
          capFactor: 1,
          previousClose: 48.45,
          sharesSource: '',
          sharesDate: '',
          priceSource: '',
          priceDate: '',
        },
      ],
    });
  });

  it('columns in any order, factors, blank lines, CRLF, a BOM, and milestones sorted ascending', () => {
    const text =
      '\uFEFF\r\n# hashcap-basket: 1\r\n#id:x\r\n# name: A: B\r\n\r\n# revision: r.2\r\n# base_level: 100.5\r\n' +
      '# reference_date: 2024-02-29\r\n# milestones_usd: 9  2.5 100000000000\r\n' +
      'previous_close,cap_factor,ticker,exchange,name,float_factor,shares_outstanding,price_date\r\n' +
      '\r\n   \r\n' +
      '3.84,0.5,BITF,NASDAQ,Bitfarms,1,552600000,2025-10-08\r\n';
    const basket = parseBasket(text, 'x.csv');
    expect(basket).toMatchObject({ id: 'x', name: 'A: B', revision: 'r.2', baseLevel: 100.5, milestonesUsd: [2.5, 9, 1e11] });
    expect(basket.constituents).toEqual([
      expect.objectContaining({ ticker: 'BITF', previousClose: 3.84, capFactor: 0.5, floatFactor: 1, sharesOutstanding: 552600000, priceDate: '2025-10-08', sharesDate: '' }),
    ]);
  });

  it('RFC 4180 quoting: commas, doubled quotes, empty quoted fields, quoted column names', () => {
    const text = basketText(
      [
        '"HUT","Hut 8, Corp ""Eight""",NASDAQ,"105530000",48.46,"a, b; c",""',
        'CLSK,CleanSpark,NASDAQ,280940000,16.58,whalequant.io (price); stocknear.com (shares; Aug 2025),"x"',
      ],
      HEADER,
      '"ticker",name,exchange,shares_outstanding,previous_close,"shares_source",price_source',
    );
    const [hut, clsk] = parseBasket(text, 'q.csv').constituents;
    expect(hut).toMatchObject({ ticker: 'HUT', name: 'Hut 8, Corp "Eight"', sharesSource: 'a, b; c', priceSource: '' });
    expect(clsk).toMatchObject({ sharesSource: 'whalequant.io (price); stocknear.com (shares; Aug 2025)', priceSource: 'x' });
  });

  it('tickers with digits, dots and dashes, and shares up to MAX_SAFE_INTEGER', () => {
    const rows = ['BRK.B,B,NYSE,1,1', 'A-1,A,NYSE,9007199254740991,0.0001', 'ABCDEFGHIJ,C,X,1,1'];
    const tickers = parseBasket(basketText(rows), 'x').constituents;
    expect(tickers.map((c) => c.ticker)).toEqual(['BRK.B', 'A-1', 'ABCDEFGHIJ']);
    expect(tickers[1]?.sharesOutstanding).toBe(Number.MAX_SAFE_INTEGER);
  });
});

// ----------------------------------------------------------------------------------------------
// Parsing: every error code, with line and field
// ----------------------------------------------------------------------------------------------

describe('parseBasket rejects', () => {
  const replaceHeader = (index: number, line: string): string[] => HEADER.map((h, i) => (i === index ? line : h));
  const withoutHeader = (index: number): string[] => HEADER.filter((_, i) => i !== index);

  it('BASKET_VERSION: other versions, a missing version line, an empty file', () => {
    const e = expectParseError(basketText([ROW], replaceHeader(0, '# hashcap-basket: 2')), 'BASKET_VERSION', 1, 'hashcap-basket');
    expect(e.message).toContain('unsupported format version 2');
    expectParseError(basketText([ROW], replaceHeader(0, '# hashcap-basket: 1.0')), 'BASKET_VERSION', 1, 'hashcap-basket');
    expectParseError(basketText([ROW], replaceHeader(0, '# hashcap-basket:')), 'BASKET_VERSION', 1, 'hashcap-basket');
    expectParseError(basketText([ROW], withoutHeader(0)), 'BASKET_VERSION', 1, 'hashcap-basket');
    expectParseError('\n\nticker,name\n', 'BASKET_VERSION', 3, 'hashcap-basket');
    expectParseError('', 'BASKET_VERSION', 1, 'hashcap-basket');
    expectParseError('\n \n', 'BASKET_VERSION', 1, 'hashcap-basket');
  });

  it('BASKET_HEADER: unknown, duplicate, malformed, misplaced or missing keys; bad values', () => {
    const e = expectParseError(basketText([ROW], [...HEADER, '# colour: red']), 'BASKET_HEADER', 7, 'colour');
    expect(e.message).toContain('unknown header key');
    const dup = expectParseError(basketText([ROW], [...HEADER, '# id: other']), 'BASKET_HEADER', 7, 'id');
    expect(dup.message).toContain('line 2');
    expectParseError(basketText([ROW], [...HEADER, '# hashcap-basket: 1']), 'BASKET_HEADER', 7, 'hashcap-basket');
    expectParseError(basketText([ROW], [...HEADER, '# a free comment']), 'BASKET_HEADER', 7, 'header');
    expectParseError(basketText([ROW], [...HEADER, '# ID: x']), 'BASKET_HEADER', 7, 'header');
    expectParseError(basketText([ROW, '# id: late']), 'BASKET_HEADER', 9, 'header');
    // A missing key is reported on the column line, where the header ended.
    expectParseError(basketText([ROW], withoutHeader(3)), 'BASKET_HEADER', 6, 'revision');
    expectParseError(basketText([ROW], withoutHeader(1)), 'BASKET_HEADER', 6, 'id');
    expectParseError(HEADER.slice(0, 3).join('\n'), 'BASKET_HEADER', 3, 'revision');
    expectParseError(basketText([ROW], replaceHeader(3, '# revision: has space')), 'BASKET_HEADER', 4, 'revision');
    for (const bad of ['0', '-1', 'abc', '', '1e3', 'Infinity', '0x10']) {
      expectParseError(basketText([ROW], replaceHeader(4, `# base_level: ${bad}`)), 'BASKET_HEADER', 5, 'base_level');
    }
    for (const bad of ['1 abc', '0', '-5', '1,000', '5 5']) {
      expectParseError(basketText([ROW], [...HEADER, `# milestones_usd: ${bad}`]), 'BASKET_HEADER', 7, 'milestones_usd');
    }
  });

  it('BASKET_ID: not lower-case letters, digits, - and _', () => {
    for (const bad of ['Miners', 'a b', '', '-x', 'x.y', 'a'.repeat(65)]) {
      expectParseError(basketText([ROW], replaceHeader(1, `# id: ${bad}`)), 'BASKET_ID', 2, 'id');
    }
  });

  it('BASKET_DATE: reference_date, shares_date and price_date must be real YYYY-MM-DD dates', () => {
    for (const bad of ['2026-02-30', '2026-1-30', '30/01/2026', '2026-13-01', '2026-01-30T00:00Z', '']) {
      expectParseError(basketText([ROW], replaceHeader(5, `# reference_date: ${bad}`)), 'BASKET_DATE', 6, 'reference_date');
    }
    const columns = `${COLUMNS},shares_date,price_date`;
    expectParseError(basketText([`${ROW},2025-02-29,`], HEADER, columns), 'BASKET_DATE', FIRST_ROW_LINE, 'shares_date');
    expectParseError(basketText([`${ROW},,2025/11/26`], HEADER, columns), 'BASKET_DATE', FIRST_ROW_LINE, 'price_date');
    expectParseError(basketText([`${ROW},, 2025-11-26`], HEADER, columns), 'BASKET_DATE', FIRST_ROW_LINE, 'price_date');
    expect(isIsoDate('2024-02-29')).toBe(true);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
  });

  it('BASKET_COLUMN: unknown (named), duplicate, missing, or no column line', () => {
    const e = expectParseError(basketText([ROW], HEADER, 'ticker,name,exchange,shares,previous_close'), 'BASKET_COLUMN', 7, 'shares');
    expect(e.message).toContain('unknown column "shares"');
    expectParseError(basketText([ROW], HEADER, 'ticker,name, exchange,shares_outstanding,previous_close'), 'BASKET_COLUMN', 7, ' exchange');
    expectParseError(basketText([ROW], HEADER, `${COLUMNS},`), 'BASKET_COLUMN', 7, '');
    expectParseError(basketText([ROW], HEADER, `${COLUMNS},name`), 'BASKET_COLUMN', 7, 'name');
    expectParseError(basketText([ROW], HEADER, 'ticker,name,exchange,shares_outstanding'), 'BASKET_COLUMN', 7, 'previous_close');
    expectParseError(HEADER.join('\n') + '\n', 'BASKET_COLUMN', 6, 'columns');
  });

  it('BASKET_ROW: wrong number of cells', () => {
    const e = expectParseError(basketText([ROW, 'MARA,MARA Holdings,NASDAQ,378180000']), 'BASKET_ROW', 9, 'row');
    expect(e.message).toContain('expected 5 cells');
    expectParseError(basketText([`${ROW},`]), 'BASKET_ROW', FIRST_ROW_LINE, 'row');
    expectParseError(basketText(['"IREN,IREN Ltd",NASDAQ,283470000,48.45']), 'BASKET_ROW', FIRST_ROW_LINE, 'row');
  });

  it('BASKET_QUOTE: unterminated quotes, stray quotes, text after a closing quote', () => {
    const e = expectParseError(basketText([ROW, 'MARA,"MARA Holdings,NASDAQ,378180000,15.87']), 'BASKET_QUOTE', 9, 'name');
    expect(e.message).toContain('unterminated');
    expectParseError(basketText(['IREN,IREN "Ltd",NASDAQ,283470000,48.45']), 'BASKET_QUOTE', FIRST_ROW_LINE, 'name');
    expectParseError(basketText(['IREN,"IREN" Ltd,NASDAQ,283470000,48.45']), 'BASKET_QUOTE', FIRST_ROW_LINE, 'name');
    expectParseError(basketText([`${ROW},"x`]), 'BASKET_QUOTE', FIRST_ROW_LINE, 'column 6');
    expectParseError(basketText([ROW], HEADER, '"ticker,name'), 'BASKET_QUOTE', 7, 'columns');
  });

  it('BASKET_TICKER: empty, malformed, duplicate (naming both lines)', () => {
    for (const bad of ['', 'iren', '1REN', 'IREN ', 'ABCDEFGHIJK', 'IR_EN', '.A', 'İREN']) {
      expectParseError(basketText([rowWith('ticker', bad)]), 'BASKET_TICKER', FIRST_ROW_LINE, 'ticker');
    }
    const e = expectParseError(basketText([ROW, 'MARA,MARA Holdings,NASDAQ,378180000,15.87', '', rowWith('name', 'Again')]), 'BASKET_TICKER', 11, 'ticker');
    expect(e.message).toContain('duplicate ticker IREN');
    expect(e.message).toContain(`line ${FIRST_ROW_LINE}`);
    expect(e.message.startsWith('bad.basket.csv:11: ')).toBe(true);
  });

  it('BASKET_TEXT: empty name or exchange, padding, control characters', () => {
    expectParseError(basketText([rowWith('name', '')]), 'BASKET_TEXT', FIRST_ROW_LINE, 'name');
    expectParseError(basketText([rowWith('exchange', '')]), 'BASKET_TEXT', FIRST_ROW_LINE, 'exchange');
    expectParseError(basketText([rowWith('name', ' IREN Ltd')]), 'BASKET_TEXT', FIRST_ROW_LINE, 'name');
    expectParseError(basketText([rowWith('name', 'IREN\tLtd')]), 'BASKET_TEXT', FIRST_ROW_LINE, 'name');
    expectParseError(basketText([`${ROW},x\u0000`], HEADER, `${COLUMNS},price_source`), 'BASKET_TEXT', FIRST_ROW_LINE, 'price_source');
    expectParseError(basketText([ROW], replaceHeader(2, '# name:')), 'BASKET_TEXT', 3, 'name');
  });

  it('BASKET_SHARES: negative, zero, non-integer, non-numeric, unsafe, loosely written', () => {
    const bad = ['-5', '0', '1.5', '283470000.0', 'abc', '', ' 12 ', '12 ', '0x10', '1e9', '012', '+5', '1_000', 'Infinity', 'NaN', '9007199254740992', '1' + '0'.repeat(400)];
    for (const value of bad) {
      expectParseError(basketText([rowWith('shares_outstanding', value)]), 'BASKET_SHARES', FIRST_ROW_LINE, 'shares_outstanding');
    }
    expectParseError(basketText(['IREN,IREN Ltd,NASDAQ,"1,000",48.45']), 'BASKET_SHARES', FIRST_ROW_LINE, 'shares_outstanding');
  });

  it('BASKET_PRICE: NaN, non-positive, non-finite, non-numeric, loosely written', () => {
    const bad = ['NaN', '0', '0.00', '-1', '-0', 'Infinity', 'abc', '', ' 48.45', '1e3', '.5', '5.', '0x1F', '1' + '0'.repeat(400), '0.' + '0'.repeat(400) + '1'];
    for (const value of bad) {
      expectParseError(basketText([rowWith('previous_close', value)]), 'BASKET_PRICE', FIRST_ROW_LINE, 'previous_close');
    }
  });

  it('BASKET_FACTOR: outside (0, 1]', () => {
    const columns = `${COLUMNS},float_factor,cap_factor`;
    for (const bad of ['0', '1.5', '-0.5', '1.0000001', 'abc', ' ', '5e-1']) {
      expectParseError(basketText([`${ROW},${bad},`], HEADER, columns), 'BASKET_FACTOR', FIRST_ROW_LINE, 'float_factor');
      expectParseError(basketText([`${ROW},,${bad}`], HEADER, columns), 'BASKET_FACTOR', FIRST_ROW_LINE, 'cap_factor');
    }
    expect(parseBasket(basketText([`${ROW},1.0,0.25`], HEADER, columns), 'x').constituents[0]).toMatchObject({ floatFactor: 1, capFactor: 0.25 });
  });

  it('BASKET_EMPTY: a column line and no constituents', () => {
    expectParseError(basketText([]), 'BASKET_EMPTY', 7, 'constituents');
    expectParseError(basketText(['', '  ']), 'BASKET_EMPTY', 7, 'constituents');
  });

  it('reports the first error in file order', () => {
    const text = basketText([rowWith('previous_close', '-1'), rowWith('ticker', 'bad')]);
    expectParseError(text, 'BASKET_PRICE', FIRST_ROW_LINE, 'previous_close');
  });
});

// ----------------------------------------------------------------------------------------------
// Serialization and properties
// ----------------------------------------------------------------------------------------------

describe('formatDecimal', () => {
  it('writes plain decimals that parse back exactly, including exponent-range values', () => {
    expect(formatDecimal(48.45)).toBe('48.45');
    expect(formatDecimal(1e11)).toBe('100000000000');
    expect(formatDecimal(1e21)).toBe('1' + '0'.repeat(21));
    expect(formatDecimal(1.5e-7)).toBe('0.00000015');
    expect(formatDecimal(1.2345e22)).toBe('12345' + '0'.repeat(18));
    fc.assert(
      fc.property(fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true }), (n) => {
        const text = formatDecimal(n);
        expect(text).toMatch(/^(?:0|[1-9][0-9]*)(?:\.[0-9]+)?$/);
        expect(Number(text)).toBe(n);
      }),
    );
  });
});

/** Free text as the format allows it: any characters but controls, no surrounding whitespace. */
const textArb = (minLength: number): fc.Arbitrary<string> =>
  fc
    .string({ unit: fc.oneof(fc.constantFrom(',', '"', ' ', ';', ':', '#'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), minLength, maxLength: 20 })
    .filter((s) => s === s.trim() && !/[\u0000-\u001f\u007f]/.test(s));

const isoDateArb = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const positiveArb = fc.double({ min: Number.MIN_VALUE, max: Number.MAX_VALUE, noNaN: true });
const factorArb = fc.oneof(fc.constant(1), fc.double({ min: Number.MIN_VALUE, max: 1, noNaN: true }));

const constituentArb: fc.Arbitrary<Constituent> = fc.record({
  ticker: fc.stringMatching(/^[A-Z][A-Z0-9.-]{0,9}$/),
  name: textArb(1),
  exchange: textArb(1),
  sharesOutstanding: fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  floatFactor: factorArb,
  capFactor: factorArb,
  previousClose: positiveArb,
  sharesSource: textArb(0),
  sharesDate: fc.oneof(fc.constant(''), isoDateArb),
  priceSource: textArb(0),
  priceDate: fc.oneof(fc.constant(''), isoDateArb),
});

const basketArb: fc.Arbitrary<Basket> = fc.record({
  id: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,20}$/),
  name: textArb(1),
  formatVersion: fc.constant(1),
  revision: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/),
  baseLevel: positiveArb,
  referenceDate: isoDateArb,
  milestonesUsd: fc.uniqueArray(positiveArb, { maxLength: 5 }).map((ms) => [...ms].sort((a, b) => a - b)),
  constituents: fc.uniqueArray(constituentArb, { minLength: 1, maxLength: 8, selector: (c) => c.ticker }),
  source: fc.string(),
});

describe('properties', () => {
  it('serialize→parse round-trips generated baskets', () => {
    fc.assert(
      fc.property(basketArb, (basket) => {
        const text = serializeBasket(basket);
        const parsed = parseBasket(text, basket.source);
        expect(parsed).toEqual(basket);
        expect(serializeBasket(parsed)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  /** Parsing anything either succeeds or throws a HashcapError, quickly. */
  function parsesOrThrowsTyped(text: string): void {
    const started = performance.now();
    try {
      const basket = parseBasket(text, 'fuzz.csv');
      expect(basket.constituents.length).toBeGreaterThan(0);
    } catch (error) {
      if (!(error instanceof HashcapError)) throw error;
      expect(error.code).toMatch(/^BASKET_[A-Z]+$/);
    }
    expect(performance.now() - started).toBeLessThan(1000);
  }

  it('random text parses or throws a HashcapError, never anything else', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), parsesOrThrowsTyped), { numRuns: 500 });
    fc.assert(fc.property(fc.string({ maxLength: 400 }), (s) => parsesOrThrowsTyped(`${HEADER.join('\n')}\n${s}`)), { numRuns: 500 });
  });

  const special = fc.constantFrom(',', '"', '""', '\n', '\r\n', '\r', '#', ':', ' ', '0', '-', '.', 'e', 'A', 'a', '\u0000', '\uFEFF', '\uD800');
  const mutationArb = fc.record({
    kind: fc.constantFrom('delete', 'duplicate', 'replace', 'insert'),
    at: fc.noBias(fc.nat({ max: 1_000_000 })), // unbiased: small values would keep hitting the version line
    length: fc.integer({ min: 1, max: 40 }),
    text: fc.oneof(special, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })),
  });
  type Mutation = typeof mutationArb extends fc.Arbitrary<infer M> ? M : never;

  function mutate(text: string, mutations: readonly Mutation[]): string {
    let out = text;
    for (const m of mutations) {
      const at = m.at % (out.length + 1);
      const end = Math.min(out.length, at + m.length);
      if (m.kind === 'delete') out = out.slice(0, at) + out.slice(end);
      else if (m.kind === 'duplicate') out = out.slice(0, end) + out.slice(at, end) + out.slice(end);
      else if (m.kind === 'replace') out = out.slice(0, at) + m.text + out.slice(at + 1);
      else out = out.slice(0, at) + m.text + out.slice(at);
    }
    return out;
  }

  it('random mutations of a valid file parse or throw a HashcapError, never anything else', async () => {
    const [minersPath = ''] = defaultBasketPaths();
    const valid = serializeBasket(await loadBasketFile(minersPath));
    fc.assert(
      fc.property(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), (mutations) => parsesOrThrowsTyped(mutate(valid, mutations))),
      { numRuns: 1000 },
    );
  });

  it('pathological input stays linear', () => {
    parsesOrThrowsTyped(basketText([`IREN,"${'""'.repeat(200_000)}`]));
    parsesOrThrowsTyped(basketText([`IREN,${'"'.repeat(200_000)}`]));
    parsesOrThrowsTyped(basketText([','.repeat(200_000)]));
    parsesOrThrowsTyped(basketText(Array.from({ length: 20_000 }, (_, i) => `T${i.toString(36).toUpperCase()},N,X,1,1`)));
  });
});

it('BASKET_COLUMNS lists every column once', () => {
  expect(new Set(BASKET_COLUMNS).size).toBe(BASKET_COLUMNS.length);
});
