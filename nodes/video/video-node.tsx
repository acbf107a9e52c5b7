import type { NodeFactory } from '../../runtime/engine/node-api';
import { boolOr, textOr } from '../panel-kit/config-values';
import { PANEL_CODES, PanelProblems } from '../panel-kit/panel-problems';
import { PanelSlot } from '../panel-kit/react-panel';
import { safeMediaUrl } from '../panel-kit/url-safety';
import { VideoView } from './video-view';

/**
 * core/video: plays the video at `url` with native controls; a plain error when it cannot be played.
 *
 * @example
 * ```ts
 * const video = create(ctx); // ctx.config: { url: '/media/pump-startup.webm', title: 'Pump start-up' }
 * video.render?.(panel);
 * ```
 */
export const create: NodeFactory = (ctx) => {
  const url = textOr(ctx.config.url, undefined);
  const title = typeof ctx.config.title === 'string' ? ctx.config.title : '';
  const autoplay = boolOr(ctx.config.autoplay, false);
  const loop = boolOr(ctx.config.loop, false);
  const problems = new PanelProblems(ctx);
  const slot = new PanelSlot();
  const src = url === undefined ? undefined : safeMediaUrl(url, 'video');
  if (url !== undefined && src === null) {
    problems.report({
      code: PANEL_CODES.unsafeAddress,
      severity: 'error',
      message: `The video address "${url.slice(0, 80)}" cannot be played: only http(s) addresses and paths on this site are allowed.`,
    });
  }

  return {
    render(panel) {
      return slot.show(panel, () => (
        <VideoView
          src={src}
          title={title}
          autoplay={autoplay}
          loop={loop}
          onReady={() => problems.clear(PANEL_CODES.videoFailed)}
          onError={(failed, reason) =>
            problems.report({
              code: PANEL_CODES.videoFailed,
              severity: 'warning',
              message: `The video at "${failed.slice(0, 120)}" could not be played: ${reason}. Check the address and that the file is MP4 or WebM.`,
              details: { url: failed },
            })
          }
        />
      ));
    },
    dispose() {
      slot.dispose();
    },
  };
};
