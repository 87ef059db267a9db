/**
 * Charts for the bench results, as plain SVG text (no dependency): line panels (one series per
 * server, linear or log axes) and horizontal bar panels (with a min–max whisker), laid out on a grid
 * in one document. GitHub renders the file inline in the README.
 */

export interface ChartPoint {
  readonly x: number;
  readonly y: number;
  /** Drawn hollow: a point to read with care (e.g. measured under CPU contention). */
  readonly hollow?: boolean;
}

export interface Series {
  readonly name: string;
  readonly points: readonly ChartPoint[];
}

export interface LinePanel {
  readonly kind: 'line';
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xLog?: boolean;
  readonly yLog?: boolean;
  readonly series: readonly Series[];
  /** Dashed reference lines, e.g. y = x ("delivered = offered") or a target. */
  readonly guides?: readonly { readonly label: string; readonly points: readonly ChartPoint[] }[];
}

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Whisker: the spread across rounds. */
  readonly min?: number;
  readonly max?: number;
  /** Text after the bar (default: the value, formatted). */
  readonly note?: string;
  readonly highlight?: boolean;
}

export interface BarPanel {
  readonly kind: 'bar';
  readonly title: string;
  readonly unit: string;
  readonly bars: readonly Bar[];
  readonly xLog?: boolean;
}

export type Panel = LinePanel | BarPanel;

const PALETTE = ['#1f5fbf', '#d9480f', '#2b8a3e', '#862e9c', '#c92a2a', '#5c940d', '#0b7285', '#e67700', '#495057'];
const FONT = 'font-family="sans-serif" font-size="11"';
let clipCount = 0;

/** One SVG document with the panels on a grid of `columns`. */
export function chartDocument(panels: readonly Panel[], options: { columns?: number; panelWidth?: number; panelHeight?: number; title?: string } = {}): string {
  const columns = Math.max(1, Math.min(options.columns ?? 2, panels.length));
  const w = options.panelWidth ?? 460;
  const heights = panels.map((p) => (p.kind === 'bar' ? Math.max(120, 40 + p.bars.length * 22) : (options.panelHeight ?? 300)));
  const rows = Math.ceil(panels.length / columns);
  const rowHeights = Array.from({ length: rows }, (_, r) => Math.max(...heights.slice(r * columns, r * columns + columns)));
  const top = options.title === undefined ? 0 : 24;
  const height = top + rowHeights.reduce((a, b) => a + b, 0);
  const width = columns * w;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" ${FONT}>`,
    '<rect width="100%" height="100%" fill="#fff"/>',
  ];
  if (options.title !== undefined) parts.push(`<text x="8" y="16" font-size="13" font-weight="bold">${esc(options.title)}</text>`);
  let y = top;
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < columns; c++) {
      const p = panels[r * columns + c];
      if (p === undefined) continue;
      parts.push(p.kind === 'line' ? linePanel(p, c * w, y, w, rowHeights[r]!) : barPanel(p, c * w, y, w, rowHeights[r]!));
    }
    y += rowHeights[r]!;
  }
  parts.push('</svg>', '');
  return parts.join('\n');
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** 1234567 → "1.2M", 0.5 → "0.5". */
export function shortNumber(v: number): string {
  const a = Math.abs(v);
  if (a >= 1e9) return `${trim(v / 1e9)}G`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e3) return `${trim(v / 1e3)}k`;
  return trim(v);
}

function trim(v: number): string {
  return String(Number(v.toPrecision(2)));
}

interface Axis {
  readonly lo: number;
  readonly hi: number;
  readonly log: boolean;
}

function axis(values: readonly number[], log: boolean, fromZero: boolean): Axis {
  const vs = values.filter((v) => Number.isFinite(v) && (!log || v > 0));
  if (vs.length === 0) return { lo: log ? 1 : 0, hi: log ? 10 : 1, log };
  let lo = Math.min(...vs);
  let hi = Math.max(...vs);
  if (log) {
    lo = 10 ** Math.floor(Math.log10(lo));
    hi = 10 ** Math.ceil(Math.log10(hi));
    if (hi <= lo) hi = lo * 10;
  } else {
    if (fromZero) lo = Math.min(0, lo);
    hi = hi === lo ? lo + 1 : hi * 1.05;
  }
  return { lo, hi, log };
}

function scale(a: Axis, from: number, to: number): (v: number) => number {
  if (a.log) {
    const l0 = Math.log10(a.lo);
    const l1 = Math.log10(a.hi);
    return (v) => from + ((Math.log10(Math.max(v, a.lo)) - l0) / (l1 - l0)) * (to - from);
  }
  return (v) => from + ((v - a.lo) / (a.hi - a.lo)) * (to - from);
}

function ticks(a: Axis): number[] {
  if (a.log) {
    const out: number[] = [];
    for (let v = a.lo; v <= a.hi * 1.0001; v *= 10) out.push(v);
    return out;
  }
  const raw = (a.hi - a.lo) / 5;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(a.lo / step) * step; v <= a.hi + 1e-9; v += step) out.push(v);
  return out;
}

function linePanel(p: LinePanel, x0: number, y0: number, w: number, h: number): string {
  const pad = { left: 56, right: 12, top: 26, bottom: 40 };
  const legendW = 200;
  const all = [...p.series.flatMap((s) => s.points), ...(p.guides ?? []).flatMap((g) => g.points)];
  const xa = axis(all.map((q) => q.x), p.xLog === true, true);
  const ya = axis(p.series.flatMap((s) => s.points).map((q) => q.y), p.yLog === true, true);
  const left = x0 + pad.left;
  const right = x0 + w - pad.right - legendW;
  const topY = y0 + pad.top;
  const bottom = y0 + h - pad.bottom;
  const sx = scale(xa, left, right);
  const sy = scale(ya, bottom, topY);
  const out = [`<text x="${x0 + 8}" y="${y0 + 16}" font-weight="bold">${esc(p.title)}</text>`];
  for (const t of ticks(xa)) {
    const x = sx(t).toFixed(1);
    out.push(`<line x1="${x}" y1="${topY}" x2="${x}" y2="${bottom}" stroke="#eee"/>`);
    out.push(`<text x="${x}" y="${bottom + 14}" text-anchor="middle">${shortNumber(t)}</text>`);
  }
  for (const t of ticks(ya)) {
    const y = sy(t).toFixed(1);
    out.push(`<line x1="${left}" y1="${y}" x2="${right}" y2="${y}" stroke="#eee"/>`);
    out.push(`<text x="${left - 4}" y="${y}" text-anchor="end" dominant-baseline="middle">${shortNumber(t)}</text>`);
  }
  out.push(`<rect x="${left}" y="${topY}" width="${right - left}" height="${bottom - topY}" fill="none" stroke="#888"/>`);
  // Lines stay inside the plot (a guide may run past the data's range).
  const clip = `clip${++clipCount}`;
  out.push(`<clipPath id="${clip}"><rect x="${left}" y="${topY}" width="${right - left}" height="${bottom - topY}"/></clipPath>`);
  out.push(`<text x="${(left + right) / 2}" y="${bottom + 30}" text-anchor="middle">${esc(p.xLabel)}</text>`);
  out.push(`<text transform="translate(${x0 + 14},${(topY + bottom) / 2}) rotate(-90)" text-anchor="middle">${esc(p.yLabel)}</text>`);
  for (const g of p.guides ?? []) {
    const pts = g.points.map((q) => `${sx(q.x).toFixed(1)},${sy(q.y).toFixed(1)}`).join(' ');
    out.push(`<polyline points="${pts}" fill="none" stroke="#999" stroke-dasharray="4 3" clip-path="url(#${clip})"/>`);
    const lastPoint = g.points[g.points.length - 1];
    if (lastPoint) out.push(`<text x="${Math.min(right, sx(lastPoint.x)) - 2}" y="${Math.min(bottom - 4, Math.max(topY + 10, sy(lastPoint.y) - 4))}" text-anchor="end" fill="#777">${esc(g.label)}</text>`);
  }
  p.series.forEach((s, i) => {
    const color = PALETTE[i % PALETTE.length]!;
    const pts = [...s.points].sort((a, b) => a.x - b.x);
    if (pts.length > 1) out.push(`<polyline points="${pts.map((q) => `${sx(q.x).toFixed(1)},${sy(q.y).toFixed(1)}`).join(' ')}" fill="none" stroke="${color}" stroke-width="1.8"/>`);
    for (const q of pts) {
      out.push(`<circle cx="${sx(q.x).toFixed(1)}" cy="${sy(q.y).toFixed(1)}" r="3" fill="${q.hollow ? '#fff' : color}" stroke="${color}"/>`);
    }
    const ly = topY + 6 + i * 16;
    out.push(`<line x1="${right + 10}" y1="${ly}" x2="${right + 26}" y2="${ly}" stroke="${color}" stroke-width="2"/>`);
    out.push(`<text x="${right + 30}" y="${ly}" dominant-baseline="middle">${esc(s.name)}</text>`);
  });
  return out.join('\n');
}

function barPanel(p: BarPanel, x0: number, y0: number, w: number, _h: number): string {
  const labelW = Math.min(260, 10 + Math.max(...p.bars.map((b) => b.label.length)) * 6);
  const left = x0 + labelW;
  const right = x0 + w - 190;
  const top = y0 + 28;
  const xa = axis(p.bars.flatMap((b) => [b.value, b.max ?? b.value]), p.xLog === true, true);
  const sx = scale(xa, left, right);
  const out = [`<text x="${x0 + 8}" y="${y0 + 16}" font-weight="bold">${esc(p.title)} (${esc(p.unit)})</text>`];
  p.bars.forEach((b, i) => {
    const y = top + i * 22;
    const color = b.highlight ? PALETTE[0]! : '#8aa4cc';
    const x1 = sx(Math.max(b.value, xa.lo));
    out.push(`<text x="${left - 6}" y="${y + 8}" text-anchor="end" dominant-baseline="middle">${esc(b.label)}</text>`);
    out.push(`<rect x="${left}" y="${y}" width="${Math.max(1, x1 - left).toFixed(1)}" height="16" fill="${color}"/>`);
    if (b.min !== undefined && b.max !== undefined) {
      const a = sx(Math.max(b.min, xa.lo)).toFixed(1);
      const z = sx(b.max).toFixed(1);
      out.push(`<line x1="${a}" y1="${y + 8}" x2="${z}" y2="${y + 8}" stroke="#333"/>`);
      out.push(`<line x1="${a}" y1="${y + 3}" x2="${a}" y2="${y + 13}" stroke="#333"/><line x1="${z}" y1="${y + 3}" x2="${z}" y2="${y + 13}" stroke="#333"/>`);
    }
    const noteX = Math.max(x1, b.max !== undefined ? sx(b.max) : x1) + 4;
    out.push(`<text x="${noteX.toFixed(1)}" y="${y + 8}" dominant-baseline="middle">${esc(b.note ?? shortNumber(b.value))}</text>`);
  });
  return out.join('\n');
}
