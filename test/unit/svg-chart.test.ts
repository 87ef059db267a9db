/**
 * The benches' SVG charts (bench/lib/svg-chart.ts): what a reader of the README relies on — every
 * series drawn and named, points in order along the axis, marked points hollow, bars as long as their
 * values say, and text that cannot break the document.
 */
import { describe, expect, it } from 'vitest';
import { chartDocument, shortNumber } from '../../bench/lib/svg-chart.ts';

const coords = (polyline: string): number[][] =>
  /points="([^"]*)"/.exec(polyline)![1]!.split(' ').map((p) => p.split(',').map(Number));

describe('SVG charts', () => {
  const svg = chartDocument([
    {
      kind: 'line',
      title: 'Delivered <vs> offered',
      xLabel: 'offered',
      yLabel: 'delivered',
      xLog: true,
      yLog: true,
      series: [
        { name: 'hashcap & co', points: [{ x: 3e6, y: 2.9e6 }, { x: 1e5, y: 1e5 }, { x: 1e6, y: 1e6, hollow: true }] },
        { name: 'nats', points: [{ x: 1e5, y: 9e4 }, { x: 1e6, y: 5e5 }] },
      ],
      guides: [{ label: 'delivered = offered', points: [{ x: 1e5, y: 1e5 }, { x: 1e7, y: 1e7 }] }],
    },
    { kind: 'bar', title: 'Engine', unit: 'prints/s', bars: [{ label: 'engine', value: 100 }, { label: 'plain', value: 50, min: 40, max: 60 }] },
  ]);

  it('is one well-formed SVG document with every series named in the legend, text escaped', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trim().endsWith('</svg>')).toBe(true);
    expect(svg).toContain('hashcap &amp; co');
    expect(svg).toContain('Delivered &lt;vs&gt; offered');
    expect(svg).not.toMatch(/<vs>|& co/);
  });

  it('draws each series left to right, higher values higher up, marked points hollow', () => {
    const lines = svg.split('\n').filter((l) => l.startsWith('<polyline') && !l.includes('stroke-dasharray'));
    expect(lines).toHaveLength(2);
    const first = coords(lines[0]!);
    expect(first).toHaveLength(3);
    const xs = first.map((p) => p[0]!);
    expect([...xs].sort((a, b) => a - b)).toEqual(xs);
    // SVG y grows downwards: a larger delivered rate has a smaller y.
    expect(first[2]![1]!).toBeLessThan(first[0]![1]!);
    expect(svg.match(/<circle[^>]*fill="#fff"/g)).toHaveLength(1);
  });

  it('draws bars in proportion to their values, with the spread as a whisker', () => {
    const widths = [...svg.matchAll(/<rect x="[\d.]+" y="[\d.]+" width="([\d.]+)" height="16"/g)].map((m) => Number(m[1]));
    expect(widths).toHaveLength(2);
    expect(widths[0]! / widths[1]!).toBeCloseTo(2, 1);
  });

  it('labels axes with short numbers', () => {
    expect([shortNumber(3_000_000), shortNumber(2500), shortNumber(0.5), shortNumber(1.5e9)]).toEqual(['3M', '2.5k', '0.5', '1.5G']);
  });
});
