import { useEffect, useState, type ReactNode } from 'react';
import type { RuntimeProblem } from '../../runtime/engine/node-api';
import { PanelMessage, ProblemMessage, WaitingForData } from '../panel-kit/panel-states';
import './image.css';

export type ImageSource =
  | { kind: 'none' }
  | { kind: 'waiting' }
  | { kind: 'unsafe'; address: string }
  | { kind: 'image'; src: string; alt: string };

export interface ImageViewProps {
  source: ImageSource;
  fit: 'contain' | 'cover';
  problem: RuntimeProblem | undefined;
  /** Called once per address when the browser fails to load it. */
  onError(src: string): void;
  onLoad(src: string): void;
}

/**
 * One image with its description, a spinner while it loads and a plain error if it cannot be loaded.
 * @example <ImageView source={{ kind: 'image', src: '/plan.png', alt: 'Floor plan' }} fit="contain" problem={undefined} onError={() => {}} onLoad={() => {}} />
 */
export function ImageView(props: ImageViewProps): ReactNode {
  const { source } = props;
  const src = source.kind === 'image' ? source.src : undefined;
  const [state, setState] = useState<{ src: string | undefined; status: 'loading' | 'loaded' | 'failed' }>({
    src,
    status: 'loading',
  });
  // A new address starts loading again.
  const status = state.src === src ? state.status : 'loading';
  useEffect(() => {
    if (state.src !== src) setState({ src, status: 'loading' });
  }, [src, state.src]);

  if (props.problem) return <ProblemMessage problem={props.problem} />;
  if (source.kind === 'none') {
    return (
      <PanelMessage
        kind="empty"
        title="No image chosen"
        detail="Set an image address, or a column that holds image addresses, in this panel's settings."
      />
    );
  }
  if (source.kind === 'waiting') return <WaitingForData />;
  if (source.kind === 'unsafe') {
    return (
      <PanelMessage
        kind="error"
        title="This image address cannot be shown"
        detail="Only http(s) addresses, paths on this site and data: images can be shown."
        code="PTR455"
      />
    );
  }
  if (status === 'failed') {
    return (
      <PanelMessage
        kind="error"
        title="The image could not be loaded"
        detail={
          source.alt
            ? `${source.alt}. Check that the address is right and reachable.`
            : 'Check that the address is right and reachable.'
        }
        code="PTR453"
      />
    );
  }
  return (
    <>
      <div className="pt-media">
        <img
          src={source.src}
          alt={source.alt}
          style={{ objectFit: props.fit }}
          onLoad={() => {
            setState({ src: source.src, status: 'loaded' });
            props.onLoad(source.src);
          }}
          onError={() => {
            setState({ src: source.src, status: 'failed' });
            props.onError(source.src);
          }}
        />
        {status === 'loading' ? (
          <div className="pt-media-loading" role="status" aria-label="Loading image">
            <span className="pt-spinner" />
          </div>
        ) : null}
      </div>
      {source.alt ? <div className="pt-media-caption">{source.alt}</div> : null}
    </>
  );
}
