/**
 * Branded integer ids (lightweight-charts `nominal.ts` style): a symbol id, a slot inside one index
 * and a sequence number are all plain numbers at run time, but the compiler keeps them apart.
 */
declare const brand: unique symbol;
export type Nominal<T, Name extends string> = T & { readonly [brand]: Name };

/** Dense id of a symbol in the market universe (0..symbols-1). */
export type SymbolId = Nominal<number, 'SymbolId'>;
/** Dense position of a constituent inside one index's typed arrays. */
export type Slot = Nominal<number, 'Slot'>;
