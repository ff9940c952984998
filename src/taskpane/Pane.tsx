// The task pane: 评价 with step progress, score cards, findings, the narrative (复制 / 导出 Word),
// 清除标记 and 设置. Works against any Host; in standalone mode it first offers 打开 .xlsx and then
// evaluates through the in-browser file host. State and actions: usePane.ts (reducer: state.ts).

import { lazy, Suspense, useRef } from 'react';
import { Button, Caption1, Spinner, mergeClasses } from '@fluentui/react-components';
import { ArrowDownload20Regular, Eraser20Regular, FolderOpen20Regular, Play20Regular } from '@fluentui/react-icons';
import type { Host } from '../hosts/host';
import type { Outcome } from '../app/session';
import type { Narrative } from '../narrative';
import { EMPTY_HOST, EMPTY_STANDALONE, fileOpenedHint, OPEN_FILE_HINT } from '../app/pane-messages';
import { Steps } from './components/Steps';
import { Notice } from './components/Notice';
import { Tabs } from './components/Tabs';
import type { Engine } from './lazy';
import type { Note, Phase } from './state';
import { usePane, PaneProps } from './usePane';
import { usePaneStyles } from './styles';

export type { Phase } from './state';
export type { PaneProps } from './usePane';
export { errorText } from '../app/pane-messages';

const SettingsPanel = lazy(() =>
  import(/* webpackChunkName: "settings" */ './components/SettingsPanel').then((m) => ({ default: m.SettingsPanel })),
);

export function Pane(props: PaneProps) {
  const { standalone = false, connecting = false } = props;
  const styles = usePaneStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const pane = usePane(props, fileInput);
  const { state, host, running, outcome } = pane;
  const { tab, busy, note, fileHost, fileName } = state;

  return (
    <main className={mergeClasses(styles.root, state.dropping && styles.dropping)} {...pane.dropProps}>
      <header className={styles.header}>
        <h1 className={styles.h1}>绩效评价助手</h1>
        {connecting ? (
          <Spinner size="extra-tiny" label="正在连接 Office…" labelPosition="after" />
        ) : (
          <Caption1 className={styles.mode} data-testid="mode">
            {pane.modeText}
          </Caption1>
        )}
      </header>

      {props.notice ? <Notice intent="warning">{props.notice}</Notice> : null}

      <Tabs
        tabs={[
          { value: 'results', label: '评价' },
          { value: 'settings', label: '设置' },
        ]}
        selected={tab}
        onSelect={pane.selectTab}
        label="助手页面"
        idPrefix="pane"
      />

      <div role="tabpanel" id="pane-panel" aria-labelledby={`pane-tab-${tab}`} className={styles.panel}>
        {tab === 'settings' ? (
          <Suspense fallback={<Spinner size="tiny" label="正在加载设置…" labelPosition="after" />}>
            <SettingsPanel
              key={state.settingsVersion}
              settings={state.settings}
              onChange={pane.changeSettings}
              onSave={() => void pane.saveSettings()}
              saving={busy === 'save'}
              dirty={pane.dirty}
              status={state.settingsStatus}
              disabled={!host}
              selfCheck={host?.selfCheck?.bind(host)}
              storageNote={pane.storageNote}
            />
          </Suspense>
        ) : (
          <>
            {standalone ? (
              <section className={styles.fileBox} aria-label="打开文件">
                <input
                  ref={fileInput}
                  className={styles.hiddenInput}
                  type="file"
                  accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                  aria-label="选择 .xlsx 文件"
                  tabIndex={-1}
                  onChange={(e) => {
                    const f = e.target.files && e.target.files[0];
                    if (f) void pane.open(f);
                  }}
                />
                <div className={styles.toolbar}>
                  <Button icon={<FolderOpen20Regular />} onClick={() => fileInput.current?.click()} disabled={busy === 'open' || running}>
                    打开 .xlsx
                  </Button>
                  {busy === 'open' ? <Spinner size="tiny" label="正在读取文件…" labelPosition="after" /> : null}
                </div>
                {fileName ? (
                  <span>
                    当前文件：
                    <span className={styles.fileName} data-testid="file-name">
                      {fileName}
                    </span>
                  </span>
                ) : (
                  <p className={styles.text}>{OPEN_FILE_HINT}</p>
                )}
              </section>
            ) : null}

            <div className={styles.toolbar} role="group" aria-label="操作">
              <Button appearance="primary" icon={<Play20Regular />} onClick={() => void pane.evaluate()} disabled={!pane.canEvaluate}>
                {running ? '正在评价…' : '评价'}
              </Button>
              <Button
                icon={<Eraser20Regular />}
                onClick={() => void pane.clear()}
                disabled={!host || running || Boolean(busy) || (host.kind === 'file' && !outcome)}
              >
                清除标记
              </Button>
              {fileHost && outcome ? (
                <Button icon={<ArrowDownload20Regular />} onClick={() => void pane.downloadResult()} disabled={Boolean(busy)}>
                  {busy === 'download' ? '正在生成…' : '下载结果工作簿'}
                </Button>
              ) : null}
              {fileHost?.isResult?.() ? (
                <Button icon={<Eraser20Regular />} onClick={() => void pane.downloadClean()} disabled={Boolean(busy)}>
                  {busy === 'clean' ? '正在生成…' : '下载清除标记后的原表'}
                </Button>
              ) : null}
            </div>

            <div
              role="status"
              aria-live="polite"
              className={mergeClasses(styles.live, note?.tone === 'ok' && styles.ok, note?.tone === 'bad' && styles.bad)}
              data-testid="status"
            >
              {note ? note.text : ''}
            </div>

            <PhaseView
              phase={state.phase}
              host={host}
              standalone={standalone}
              fileName={fileName}
              onSelect={pane.select}
              onCopy={pane.copy}
              onExport={(o) => void pane.exportWord(o)}
              exporting={busy === 'docx'}
              copyNote={state.copyNote}
              selectNote={state.selectNote}
              engine={state.engine}
            />
          </>
        )}
      </div>
    </main>
  );
}

function PhaseView(p: {
  phase: Phase;
  host: Host | null;
  standalone: boolean;
  fileName: string | null;
  onSelect: (sheet: string, cell: string) => void;
  onCopy: (n: Narrative) => void;
  onExport: (o: Outcome) => void;
  exporting: boolean;
  copyNote: Note;
  selectNote: Note;
  engine: Engine | null;
}) {
  const styles = usePaneStyles();
  const { phase } = p;
  if (phase.kind === 'running') {
    return (
      <section className={styles.section} aria-label="评价进度" data-testid="running">
        <Steps step={phase.step} />
      </section>
    );
  }
  if (phase.kind === 'no-table') {
    return (
      <Notice intent="warning" title="未找到绩效指标表" data-testid="no-table">
        {phase.message}
      </Notice>
    );
  }
  if (phase.kind === 'error') {
    return (
      <Notice intent="error" title="出错了" data-testid="error">
        {phase.message}
      </Notice>
    );
  }
  if (phase.kind === 'empty') {
    const text = !p.standalone ? EMPTY_HOST : p.host ? fileOpenedHint(p.fileName ?? '') : EMPTY_STANDALONE;
    return (
      <p className={styles.text} data-testid="empty">
        {text}
      </p>
    );
  }
  if (!p.engine) return null;
  const { ResultsView } = p.engine;
  return (
    <ResultsView
      outcome={phase.outcome}
      fileMode={p.host ? p.host.kind === 'file' : false}
      onSelect={p.onSelect}
      onCopy={p.onCopy}
      onExport={p.onExport}
      exporting={p.exporting}
      copyNote={p.copyNote}
      selectNote={p.selectNote}
    />
  );
}
