import type { NodeFactory } from '../../runtime/engine/node-api';
import { oneOf, textOr } from '../panel-kit/config-values';
import { KeyedRows } from '../panel-kit/keyed-rows';
import { PANEL_CODES, PanelProblems, reportMissingColumns } from '../panel-kit/panel-problems';
import { PanelSlot } from '../panel-kit/react-panel';
import { safeMediaUrl } from '../panel-kit/url-safety';
import { ImageView, type ImageSource } from './image-view';

/**
 * core/image: shows the image at `url`, or the one whose address is in `urlColumn` of the newest row, with a
 * description for screen readers and a plain error when it cannot be loaded.
 *
 * @example
 * ```ts
 * const image = create(ctx); // ctx.config: { urlColumn: 'snapshot_url', alt: 'Latest camera snapshot' }
 * image.render?.(panel);
 * image.receive?.('rows', batch);
 * ```
 */
export const create: NodeFactory = (ctx) => {
  const url = textOr(ctx.config.url, undefined);
  const urlColumn = textOr(ctx.config.urlColumn, undefined);
  const altColumn = textOr(ctx.config.altColumn, undefined);
  const time = textOr(ctx.config.time, undefined);
  const alt = typeof ctx.config.alt === 'string' ? ctx.config.alt : '';
  const fit = oneOf(ctx.config.fit, ['contain', 'cover'] as const, 'contain');
  const rows = new KeyedRows();
  const problems = new PanelProblems(ctx);
  const slot = new PanelSlot();
  reportMissingColumns(
    ctx,
    problems,
    [urlColumn, altColumn, time].filter((c): c is string => c !== undefined),
  );

  const unsafe = (address: string): ImageSource => {
    problems.report(
      {
        code: PANEL_CODES.unsafeAddress,
        severity: urlColumn ? 'warning' : 'error',
        message: `The image address "${address.slice(0, 80)}" cannot be shown: only http(s) addresses, paths on this site and data: images are allowed.`,
      },
      `${PANEL_CODES.unsafeAddress}:${address}`,
    );
    return { kind: 'unsafe', address };
  };

  const source = (): ImageSource => {
    if (urlColumn) {
      if (!rows.received) return { kind: 'waiting' };
      const row = rows.latest(time)?.row;
      const address = row?.[urlColumn];
      if (typeof address !== 'string' || address.trim() === '') return { kind: 'none' };
      const src = safeMediaUrl(address, 'image');
      const description =
        altColumn && typeof row?.[altColumn] === 'string' ? (row[altColumn] as string) : alt;
      return src ? { kind: 'image', src, alt: description } : unsafe(address);
    }
    if (!url) return { kind: 'none' };
    const src = safeMediaUrl(url, 'image');
    return src ? { kind: 'image', src, alt } : unsafe(url);
  };

  return {
    receive(port, batch) {
      if (port !== 'rows') return;
      rows.apply(batch);
      if (urlColumn) slot.invalidate();
    },
    render(panel) {
      return slot.show(panel, () => (
        <ImageView
          source={source()}
          fit={fit}
          problem={problems.error}
          onLoad={() => problems.clear(PANEL_CODES.imageFailed)}
          onError={(src) =>
            problems.report(
              {
                code: PANEL_CODES.imageFailed,
                severity: 'warning',
                message: `The image at "${src.slice(0, 120)}" could not be loaded. Check that the address is right and that the server allows it to be shown here.`,
                details: { url: src.slice(0, 2000) },
              },
              `${PANEL_CODES.imageFailed}:`,
            )
          }
        />
      ));
    },
    dispose() {
      slot.dispose();
    },
  };
};
