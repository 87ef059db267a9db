import type { Basket } from '../../server/market/basket-types.ts';

/**
 * The straightforward implementation a first version would ship: objects per constituent, and every
 * print recomputes the whole index (value, total cap, advancers/decliners) from scratch. It computes
 * the same figures as the engine, so the bench compares like with like.
 */
interface Member {
  price: number;
  shares: number;
  factor: number;
  previousClose: number;
}

export class NaiveIndex {
  private readonly members: Member[];
  private divisor: number;
  level = 0;
  totalMarketCap = 0;
  advancers = 0;
  decliners = 0;

  constructor(basket: Basket) {
    this.members = basket.constituents.map((c) => ({
      price: c.previousClose,
      shares: c.sharesOutstanding,
      factor: c.floatFactor * c.capFactor,
      previousClose: c.previousClose,
    }));
    this.divisor = 1;
    this.recompute();
    this.divisor = this.indexValue() / basket.baseLevel;
    this.recompute();
  }

  applyTrade(i: number, price: number): void {
    this.members[i]!.price = price;
    this.recompute();
  }

  setShares(i: number, shares: number): void {
    const level = this.level;
    this.members[i]!.shares = shares;
    this.divisor = this.indexValue() / level;
    this.recompute();
  }

  private indexValue(): number {
    let value = 0;
    for (const m of this.members) value += m.price * m.shares * m.factor;
    return value;
  }

  private recompute(): void {
    let value = 0;
    let cap = 0;
    let adv = 0;
    let dec = 0;
    for (const m of this.members) {
      value += m.price * m.shares * m.factor;
      cap += m.price * m.shares;
      if (m.price > m.previousClose) adv++;
      else if (m.price < m.previousClose) dec++;
    }
    this.level = value / this.divisor;
    this.totalMarketCap = cap;
    this.advancers = adv;
    this.decliners = dec;
  }
}
