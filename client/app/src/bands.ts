/**
 * Session shading as a pane primitive of lightweight-charts: solid background bands behind the data
 * for pre-market and after-hours (and closed), each labelled at its top edge. Runs of one session are
 * kept as [first, last] data indices, extended in O(1) as points are appended; drawing walks the runs
 * only (a handful per day), never the points.
 */
import type { IChartApi, IPanePrimitive, IPrimitivePaneRenderer, IPrimitivePaneView, Logical, PaneAttachedParameter, Time } from 'lightweight-charts';
import type { SessionName } from './store.ts';
import type { ThemeColors } from './theme.ts';

interface Run {
  first: number;
  last: number;
  session: SessionName;
}

const FILL: Record<SessionName, string | null> = {
  PRE: 'rgba(86, 132, 255, 0.10)',
  REG: null,
  POST: 'rgba(168, 112, 255, 0.10)',
  CLOSED: 'rgba(140, 140, 160, 0.06)',
};
const EDGE: Record<SessionName, string | null> = {
  PRE: 'rgba(120, 160, 255, 0.45)',
  REG: null,
  POST: 'rgba(190, 150, 255, 0.45)',
  CLOSED: 'rgba(160, 160, 180, 0.3)',
};
const TEXT: Record<SessionName, string> = { PRE: '#9db6ff', REG: '', POST: '#cfb0ff', CLOSED: '#8690a3' };
const LABEL: Record<SessionName, string> = { PRE: 'PRE-MARKET', REG: '', POST: 'AFTER-HOURS', CLOSED: 'CLOSED' };

type DrawTarget = Parameters<IPrimitivePaneRenderer['draw']>[0];

export class SessionBands implements IPanePrimitive<Time> {
  private runs: Run[] = [];
  private chart: IChartApi | null = null;
  private requestUpdate: (() => void) | null = null;
  private readonly view: IPrimitivePaneView;

  constructor() {
    const renderer: IPrimitivePaneRenderer = {
      draw: (target) => this.draw(target),
    };
    this.view = { zOrder: () => 'bottom', renderer: () => renderer };
  }

  /** The theme's session colours (fills, edges and labels). */
  theme(c: ThemeColors): void {
    FILL.PRE = c.preFill;
    FILL.POST = c.postFill;
    FILL.CLOSED = c.closedFill;
    EDGE.PRE = TEXT.PRE = c.pre;
    EDGE.POST = TEXT.POST = c.post;
    TEXT.CLOSED = c.muted;
    this.requestUpdate?.();
  }

  attached(param: PaneAttachedParameter<Time>): void {
    this.chart = param.chart as IChartApi;
    this.requestUpdate = param.requestUpdate;
  }

  detached(): void {
    this.chart = null;
    this.requestUpdate = null;
  }

  paneViews(): readonly IPrimitivePaneView[] {
    return [this.view];
  }

  /** Replaces the runs: one session per data point, in data order. */
  set(sessions: readonly SessionName[]): void {
    this.runs = [];
    sessions.forEach((s, i) => this.push(i, s));
    this.requestUpdate?.();
  }

  /** Sets the session of data point `index` (the last one, or a new one after it). */
  put(index: number, session: SessionName): void {
    const last = this.runs[this.runs.length - 1];
    if (last && index === last.last && last.session !== session) {
      if (last.first === last.last) this.runs.pop();
      else last.last--;
    } else if (last && index <= last.last) {
      return;
    }
    this.push(index, session);
    this.requestUpdate?.();
  }

  private push(index: number, session: SessionName): void {
    const last = this.runs[this.runs.length - 1];
    if (last && last.session === session && last.last === index - 1) last.last = index;
    else this.runs.push({ first: index, last: index, session });
  }

  /** For tests: [session, points] per run. */
  summary(): [SessionName, number][] {
    return this.runs.map((r) => [r.session, r.last - r.first + 1]);
  }

  private draw(target: DrawTarget): void {
    const chart = this.chart;
    if (!chart || this.runs.length === 0) return;
    const ts = chart.timeScale();
    target.useBitmapCoordinateSpace(({ context: ctx, bitmapSize, horizontalPixelRatio: hpr, verticalPixelRatio: vpr }) => {
      for (const run of this.runs) {
        const fill = FILL[run.session];
        if (!fill) continue;
        // logicalToCoordinate takes whole indices only: extend each end by half a bar.
        const a = ts.logicalToCoordinate(run.first as Logical);
        const b = ts.logicalToCoordinate(run.last as Logical);
        if (a === null || b === null) continue;
        const half = (run.last > run.first ? (b - a) / (run.last - run.first) : ts.options().barSpacing) / 2;
        const x1 = a - half;
        const x2 = b + half;
        const left = Math.max(0, Math.round(x1 * hpr));
        const right = Math.min(bitmapSize.width, Math.round(x2 * hpr));
        if (right <= 0 || left >= bitmapSize.width || right <= left) continue;
        ctx.fillStyle = fill;
        ctx.fillRect(left, 0, right - left, bitmapSize.height);
        ctx.fillStyle = EDGE[run.session]!;
        ctx.fillRect(left, 0, right - left, Math.max(1, Math.round(2 * vpr)));
        if (right - left > 90 * hpr) {
          ctx.font = `${Math.round(10 * vpr)}px ui-monospace, 'DejaVu Sans Mono', monospace`;
          ctx.textBaseline = 'top';
          ctx.fillStyle = TEXT[run.session];
          ctx.fillText(LABEL[run.session], left + Math.round(6 * hpr), Math.round(7 * vpr));
        }
      }
    });
  }
}
