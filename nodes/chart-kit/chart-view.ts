import { changeset, Error as LOG_ERRORS_ONLY, type Scene, type View } from 'vega';
import embed from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import type { PanelHost, RuntimeProblem } from '../../runtime/engine/node-api';
import { DATA_NAME, sized } from './chart-specs';
import type { ChartData } from './series-points';

/** One drawn mark of the view's scenegraph (data marks only, not axes or legends), for tests and tools. */
export interface MarkSummary {
  marktype: string;
  name?: string;
  items: Array<{
    x?: number;
    y?: number;
    width?: number;
    height?: number;
    startAngle?: number;
    endAngle?: number;
    innerRadius?: number;
    datum: Record<string, unknown>;
  }>;
}

/** What a chart panel exposes on its element as `ptChart`, so tests and benchmarks can look at the view. */
export interface ChartHandle {
  /** The Vega view, once embedded. */
  view(): View | undefined;
  /** Resolves once every batch received so far is drawn. */
  settled(): Promise<void>;
  /** The data marks in the scenegraph. */
  marks(): MarkSummary[];
  /** Every text drawn (axis and legend titles and labels, chart title). */
  texts(): string[];
  /** Tuples in the view's data set, and rows kept. */
  counts(): { shown: number; rows: number };
  /** The problem or empty-state text shown over the chart, or '' when the chart is visible. */
  overlay(): string;
}

/** An element a chart panel draws into, with its handle. */
export type ChartElement = HTMLElement & { ptChart?: ChartHandle };

function plain(datum: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  if (datum && typeof datum === 'object') {
    for (const [k, v] of Object.entries(datum)) {
      if (v === null || ['string', 'number', 'boolean'].includes(typeof v)) out[k] = v;
      else if (v instanceof Date) out[k] = v.getTime();
    }
  }
  return out;
}

type SceneNode = Scene & { marktype?: string; role?: string; name?: string; items?: SceneNode[] };

function collectMarks(node: SceneNode | undefined, out: MarkSummary[]): void {
  if (!node) return;
  if (node.marktype !== undefined) {
    if (node.role === 'mark')
      out.push({
        marktype: node.marktype,
        name: node.name,
        items: (node.items ?? []).map((item) => {
          const i = item as unknown as Record<string, number | undefined> & { datum?: unknown };
          return {
            x: i.x,
            y: i.y,
            width: i.width,
            height: i.height,
            startAngle: i.startAngle,
            endAngle: i.endAngle,
            innerRadius: i.innerRadius,
            datum: plain(i.datum),
          };
        }),
      });
    // Group marks hold group items, whose items are marks again.
    if (node.marktype === 'group') for (const item of node.items ?? []) collectMarks(item, out);
    return;
  }
  for (const child of node.items ?? []) collectMarks(child, out);
}

function collectTexts(node: SceneNode | undefined, out: string[]): void {
  if (!node) return;
  for (const item of node.items ?? []) {
    const text = (item as unknown as { text?: unknown }).text;
    if (node.marktype === 'text' && text !== undefined && text !== '')
      out.push(Array.isArray(text) ? text.join(' ') : String(text));
    collectTexts(item, out);
  }
}

/**
 * Draws a chart into a panel with vega-embed (embedded once) and keeps it current: `refresh()` asks for one
 * update in the next animation frame, which takes the data's changes and applies them to the view as one Vega
 * changeset. Shows "Waiting for data" while there are no rows, and an error over the chart when there is one.
 *
 * @example
 * ```ts
 * const view = new ChartView(panel, spec, data);
 * data.apply(batch);
 * view.refresh();
 * // later
 * view.dispose();
 * ```
 */
export class ChartView {
  private view: View | undefined;
  private frame = 0;
  private running = false;
  private pending = true;
  private disposed = false;
  private problem: RuntimeProblem | undefined;
  private readonly waiters: Array<() => void> = [];
  private readonly root: HTMLDivElement;
  private readonly overlayElement: HTMLDivElement;
  private readonly stopResize: () => void;

  constructor(
    private readonly panel: PanelHost,
    spec: TopLevelSpec,
    private readonly data: ChartData,
    private readonly onError: (problem: RuntimeProblem) => void,
  ) {
    const doc = panel.element.ownerDocument;
    this.root = doc.createElement('div');
    this.root.className = 'pt-chart';
    this.root.style.cssText = 'position:relative;width:100%;height:100%;overflow:hidden';
    const target = doc.createElement('div');
    this.overlayElement = doc.createElement('div');
    this.overlayElement.className = 'pt-chart-overlay';
    this.overlayElement.setAttribute('role', 'status');
    this.overlayElement.style.cssText =
      'position:absolute;inset:0;display:flex;align-items:center;justify-content:center;text-align:center;' +
      'padding:12px;font:14px system-ui,sans-serif;color:#556;background:rgba(255,255,255,0.92)';
    this.root.append(target, this.overlayElement);
    panel.element.append(this.root);
    this.updateOverlay();
    const handle: ChartHandle = {
      view: () => this.view,
      settled: () => this.settled(),
      marks: () => {
        const out: MarkSummary[] = [];
        collectMarks((this.view?.scenegraph() as { root?: SceneNode } | undefined)?.root, out);
        return out;
      },
      texts: () => {
        const out: string[] = [];
        collectTexts((this.view?.scenegraph() as { root?: SceneNode } | undefined)?.root, out);
        return out;
      },
      counts: () => ({ shown: this.data.shownCount, rows: this.data.rowCount }),
      overlay: () =>
        this.overlayElement.style.display === 'none' ? '' : (this.overlayElement.textContent ?? ''),
    };
    (panel.element as ChartElement).ptChart = handle;
    const { width, height } = panel.size();
    embed(target, sized(spec, width, height), {
      actions: false,
      renderer: 'canvas',
      mode: 'vega-lite',
      // An empty data set makes Vega warn about empty extents; real failures still come through as errors.
      logLevel: LOG_ERRORS_ONLY,
    }).then(
      (result) => {
        if (this.disposed) {
          result.finalize();
          return;
        }
        this.view = result.view;
        // The panel may have been resized while Vega was loading.
        const now = panel.size();
        if (now.width !== width || now.height !== height)
          this.view.width(Math.max(1, now.width)).height(Math.max(1, now.height));
        this.schedule();
      },
      (error: unknown) => this.fail(error),
    );
    this.stopResize = panel.onResize(({ width: w, height: h }) => {
      if (!this.view) return;
      this.view.width(Math.max(1, w)).height(Math.max(1, h));
      this.refresh();
    });
  }

  /** Shows (or, with undefined, clears) a problem over the chart. */
  showProblem(problem: RuntimeProblem | undefined): void {
    this.problem = problem;
    this.updateOverlay();
  }

  /** Asks for the data's changes to be drawn in the next animation frame (at most one update per frame). */
  refresh(): void {
    this.pending = true;
    this.schedule();
  }

  dispose(): void {
    this.disposed = true;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.stopResize();
    this.view?.finalize();
    this.root.remove();
    delete (this.panel.element as ChartElement).ptChart;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private schedule(): void {
    if (!this.view || this.frame || this.running || this.disposed || !this.pending) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      void this.update();
    });
  }

  private async update(): Promise<void> {
    const view = this.view;
    if (!view || this.disposed) return;
    this.running = true;
    this.pending = false;
    try {
      const plotWidth = Math.floor(Number(view.signal('width')) || this.panel.size().width);
      const { insert, remove } = this.data.changes(plotWidth);
      if (insert.length > 0 || remove.length > 0)
        view.change(DATA_NAME, changeset().remove(remove).insert(insert));
      await view.runAsync();
      // New axis labels may have narrowed the plot: thin again for the width it has now.
      if (Math.floor(Number(view.signal('width'))) !== plotWidth) this.pending = true;
    } catch (error) {
      this.fail(error);
    }
    this.running = false;
    this.updateOverlay();
    if (this.pending) this.schedule();
    else for (const resolve of this.waiters.splice(0)) resolve();
  }

  private settled(): Promise<void> {
    if (this.disposed || (!this.pending && !this.running && !this.frame && this.view))
      return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  private fail(error: unknown): void {
    const problem: RuntimeProblem = {
      code: 'PTR403',
      severity: 'error',
      message: `The chart could not be drawn: ${error instanceof Error ? error.message : String(error)}`,
    };
    this.onError(problem);
    this.showProblem(problem);
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  private updateOverlay(): void {
    const text = this.problem ? this.problem.message : this.data.rowCount === 0 ? 'Waiting for data' : '';
    this.overlayElement.textContent = text;
    this.overlayElement.style.display = text ? 'flex' : 'none';
    this.overlayElement.dataset.state = this.problem ? 'problem' : text ? 'empty' : 'chart';
  }
}
