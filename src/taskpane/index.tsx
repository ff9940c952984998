// Task-pane bootstrap: render at once, then find out where we run (boot.ts) without ever waiting on
// office.js for long: it is loaded asynchronously and may be missing, blocked or slow.

import { lazy, Suspense, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { FluentProvider } from '@fluentui/react-components';
import { Pane } from './Pane';
import { boot, BootResult } from './boot';
import { paneTheme } from './theme';
import { hostGlobals } from '../hosts/detect';
import { connectedStatus, standaloneStatus, startupFailedNotice, STARTUP_FAILED_REASON } from '../app/pane-messages';

type State = { mode: 'connecting' } | BootResult;

/** 批量复核 on the standalone page only, in its own chunk. */
const ReviewPanel = lazy(() =>
  import(/* webpackChunkName: "review-panel" */ './review/ReviewPanel').then((m) => ({ default: m.ReviewPanel })),
);

export function App({ start = boot }: { start?: typeof boot }) {
  const [state, setState] = useState<State>({ mode: 'connecting' });
  useEffect(() => {
    let live = true;
    start({ onLateHost: (r) => live && setState(r) }).then(
      (r) => live && setState(r),
      (e) =>
        live &&
        setState({
          mode: 'standalone',
          reason: STARTUP_FAILED_REASON,
          notice: startupFailedNotice(e instanceof Error ? e.message : String(e)),
        }),
    );
    return () => {
      live = false;
    };
  }, [start]);

  let pane;
  if (state.mode === 'connecting') pane = <Pane host={null} connecting />;
  else if (state.mode === 'host') pane = <Pane key="host" host={state.host} status={connectedStatus(state.label)} />;
  else {
    pane = (
      <>
        <Pane key="standalone" host={null} standalone status={standaloneStatus(state.reason)} notice={state.notice ?? null} />
        <Suspense fallback={null}>
          <ReviewPanel />
        </Suspense>
      </>
    );
  }

  return (
    <FluentProvider theme={paneTheme} lang="zh-CN">
      {pane}
    </FluentProvider>
  );
}

const container = typeof document !== 'undefined' ? document.getElementById('root') : null;
// The page's webview guard already said this webview is not supported: leave its message alone.
if (container && !hostGlobals().jixiaoUnsupported) {
  createRoot(container).render(<App />);
}
