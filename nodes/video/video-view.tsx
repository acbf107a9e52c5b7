import { useState, type ReactNode } from 'react';
import { PanelMessage } from '../panel-kit/panel-states';
import '../image/image.css';

export interface VideoViewProps {
  /** The checked address; null when it may not be played, undefined when none is set. */
  src: string | null | undefined;
  title: string;
  autoplay: boolean;
  loop: boolean;
  onError(src: string, reason: string): void;
  onReady(src: string): void;
}

const MEDIA_ERRORS: Readonly<Record<number, string>> = {
  1: 'loading was stopped',
  2: 'a network error stopped the download',
  3: 'the video could not be decoded',
  4: 'the address does not lead to a video this browser can play',
};

/**
 * A video with the browser's own controls, a spinner until it can play and a plain error if it cannot.
 * @example <VideoView src="/clips/pump.webm" title="Pump 7 start-up" autoplay={false} loop={false} onError={() => {}} onReady={() => {}} />
 */
export function VideoView(props: VideoViewProps): ReactNode {
  const [state, setState] = useState<{
    src: string | null | undefined;
    status: 'loading' | 'ready' | 'failed';
    reason: string;
  }>({ src: props.src, status: 'loading', reason: '' });
  const current =
    state.src === props.src ? state : { src: props.src, status: 'loading' as const, reason: '' };
  if (props.src === undefined) {
    return (
      <PanelMessage
        kind="empty"
        title="No video chosen"
        detail="Set a video address in this panel's settings."
      />
    );
  }
  if (props.src === null) {
    return (
      <PanelMessage
        kind="error"
        title="This video address cannot be played"
        detail="Only http(s) addresses and paths on this site can be played."
        code="PTR455"
      />
    );
  }
  if (current.status === 'failed') {
    return (
      <PanelMessage
        kind="error"
        title="The video could not be played"
        detail={`The browser says ${current.reason}. Check that the address is right and the file is MP4 or WebM.`}
        code="PTR454"
      />
    );
  }
  const src = props.src;
  return (
    <div className="pt-media">
      <video
        src={src}
        controls
        playsInline
        preload="metadata"
        aria-label={props.title || 'Video'}
        autoPlay={props.autoplay}
        muted={props.autoplay}
        loop={props.loop}
        onLoadedData={() => {
          setState({ src, status: 'ready', reason: '' });
          props.onReady(src);
        }}
        onLoadedMetadata={() => {
          setState({ src, status: 'ready', reason: '' });
          props.onReady(src);
        }}
        onError={(event) => {
          const code = event.currentTarget.error?.code ?? 0;
          const reason = MEDIA_ERRORS[code] ?? 'it could not load the video';
          setState({ src, status: 'failed', reason });
          props.onError(src, reason);
        }}
      />
      {current.status === 'loading' ? (
        <div className="pt-media-loading" role="status" aria-label="Loading video">
          <span className="pt-spinner" />
        </div>
      ) : null}
    </div>
  );
}
