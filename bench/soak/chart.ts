/**
 * The soak's chart: one small panel per checked figure, by minute, with the band the verdict allows
 * (up to 10% above minute 2) shaded. Plain SVG text, no dependency.
 */
import type { SoakRow } from './soak.bench.ts';

const PANELS: readonly { key: keyof SoakRow; title: string; unit: string }[] = [
  { key: 'rssMiB', title: 'RSS', unit: 'MiB' },
  { key: 'heapUsedMiB', title: 'heap used', unit: 'MiB' },
  { key: 'loopLagP99Ms', title: 'event-loop lag p99', unit: 'ms' },
  { key: 'deliveryP99Ms', title: 'delivery p99', unit: 'ms' },
];

const W = 360;
const H = 200;
const PAD = { left: 48, right: 12, top: 28, bottom: 28 };

export function soakChart(rows: readonly SoakRow[]): string {
  const panels = PANELS.map((p, i) => panel(rows, p.key, `${p.title} (${p.unit})`, (i % 2) * W, Math.floor(i / 2) * H));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${2 * W}" height="${2 * H}" viewBox="0 0 ${2 * W} ${2 * H}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    ...panels,
    '</svg>',
    '',
  ].join('\n');
}

function panel(rows: readonly SoakRow[], key: keyof SoakRow, title: string, x0: number, y0: number): string {
  const values = rows.map((r) => r[key]);
  const base = rows.find((r) => r.minute === 2)?.[key];
  const top = Math.max(...values, base === undefined ? 0 : base * 1.1) * 1.15 || 1;
  const maxMinute = Math.max(2, ...rows.map((r) => r.minute));
  const x = (minute: number) => x0 + PAD.left + ((minute - 1) / (maxMinute - 1)) * (W - PAD.left - PAD.right);
  const y = (v: number) => y0 + H - PAD.bottom - (v / top) * (H - PAD.top - PAD.bottom);
  const parts = [`<text x="${x0 + PAD.left}" y="${y0 + 16}" font-weight="bold">${title}</text>`];
  if (base !== undefined) {
    parts.push(`<rect x="${x(2)}" y="${y(base * 1.1)}" width="${x(maxMinute) - x(2)}" height="${y(base) - y(base * 1.1)}" fill="#cfe8cf"/>`);
  }
  parts.push(`<line x1="${x(1)}" y1="${y(0)}" x2="${x(maxMinute)}" y2="${y(0)}" stroke="#888"/>`);
  parts.push(`<text x="${x0 + PAD.left - 4}" y="${y(top / 1.15)}" text-anchor="end">${(top / 1.15).toFixed(1)}</text>`);
  parts.push(`<text x="${x0 + PAD.left - 4}" y="${y(0)}" text-anchor="end">0</text>`);
  for (const r of rows) parts.push(`<text x="${x(r.minute)}" y="${y(0) + 14}" text-anchor="middle">${r.minute}</text>`);
  const points = rows.map((r) => `${x(r.minute).toFixed(1)},${y(r[key]).toFixed(1)}`).join(' ');
  parts.push(`<polyline points="${points}" fill="none" stroke="#1f5fbf" stroke-width="2"/>`);
  for (const r of rows) parts.push(`<circle cx="${x(r.minute).toFixed(1)}" cy="${y(r[key]).toFixed(1)}" r="2.5" fill="#1f5fbf"/>`);
  return parts.join('\n');
}
