/// <reference types="office-js" />
// Placeholder task pane: proves the build, the manifest and the Fluent UI setup end to end.
// The real pane (评价, results, narrative, settings, standalone mode) replaces this file.

import { createRoot } from 'react-dom/client';
import { Body1, FluentProvider, Title2, webLightTheme } from '@fluentui/react-components';

function App({ host }: { host: string | null }) {
  return (
    <FluentProvider theme={webLightTheme} style={{ padding: '16px' }}>
      <Title2 as="h1">绩效评价助手</Title2>
      <Body1 as="p">{host ? `已连接：${host}` : '未检测到 Office（独立模式）'}</Body1>
    </FluentProvider>
  );
}

const container = document.getElementById('root');
if (container) {
  const root = createRoot(container);
  root.render(<App host={null} />);
  // Render first and never wait on office.js: it may be missing (plain browser) or fail to load.
  if (typeof Office !== 'undefined') {
    void Office.onReady((info) => {
      if (info.host) root.render(<App host={String(info.host)} />);
    });
  }
}
