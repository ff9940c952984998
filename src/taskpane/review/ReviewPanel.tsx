// 批量复核 on the standalone page: choose several .xlsx files or a folder → 汇总.xlsx (and the 复核意见
// letters as a .zip) to download, with progress. Everything runs in this browser; nothing is uploaded.

import { useState } from 'react';
import { Button, Caption1, Checkbox, ProgressBar, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { REVIEW_INTRO, reviewFailed, reviewProgress, reviewSummary } from '../../app/pane-messages';
import { downloadBytes, readFileBytes, XLSX_MIME } from '../download';
import type { BrowserReview, PickedFile } from '../../review/browser';

const ZIP_MIME = 'application/zip';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderTop: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  error: { color: tokens.colorPaletteRedForeground1 },
});

type State =
  | { kind: 'idle' }
  | { kind: 'running'; done: number; total: number; current: string }
  | { kind: 'done'; result: BrowserReview }
  | { kind: 'error'; message: string };

function picked(list: File[]): PickedFile[] {
  return list.map((f) => ({
    name: f.name,
    path: (f as File & { webkitRelativePath?: string }).webkitRelativePath || f.name,
    read: () => readFileBytes(f),
  }));
}

/**
 * The browser's file (or folder) chooser through an input made on demand: the page keeps a single
 * input[type=file] of its own (the pane's 打开 .xlsx).
 */
export function chooseFiles(folder: boolean, doc: Document = document): Promise<File[]> {
  return new Promise((resolve) => {
    const input = doc.createElement('input');
    input.type = 'file';
    input.multiple = true;
    if (folder) input.setAttribute('webkitdirectory', '');
    else input.accept = '.xlsx';
    input.addEventListener('change', () => resolve(Array.from(input.files ?? [])));
    input.addEventListener('cancel', () => resolve([]));
    input.click();
  });
}

export interface ReviewPanelProps {
  /** The review itself (default: src/review/browser, loaded on first use). */
  review?: typeof import('../../review/browser').reviewInBrowser;
  /** The file chooser (default: chooseFiles). */
  choose?: (folder: boolean) => Promise<File[]>;
}

export function ReviewPanel(props: ReviewPanelProps) {
  const s = useStyles();
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [letters, setLetters] = useState(true);

  const start = async (folder: boolean) => {
    const files = picked(await (props.choose ?? chooseFiles)(folder));
    if (!files.length) return;
    setState({ kind: 'running', done: 0, total: files.length, current: '' });
    try {
      const review = props.review ?? (await import(/* webpackChunkName: "review" */ '../../review/browser')).reviewInBrowser;
      const result = await review(files, {
        letters,
        onProgress: (done, total, current) => setState({ kind: 'running', done, total, current }),
      });
      setState({ kind: 'done', result });
    } catch (err) {
      setState({ kind: 'error', message: reviewFailed(err) });
    }
  };

  const running = state.kind === 'running';
  return (
    <section className={s.root} aria-label="批量复核">
      <Subtitle2>批量复核（多个文件或整个文件夹）</Subtitle2>
      <Caption1>{REVIEW_INTRO}</Caption1>
      <div className={s.row}>
        <Button disabled={running} onClick={() => void start(false)}>
          选择文件…
        </Button>
        <Button disabled={running} onClick={() => void start(true)}>
          选择文件夹…
        </Button>
        <Checkbox label="同时生成复核意见（.zip）" checked={letters} disabled={running} onChange={(_, d) => setLetters(!!d.checked)} />
      </div>
      {state.kind === 'running' && (
        <div role="status" data-testid="review-status">
          <ProgressBar value={state.total ? state.done / state.total : 0} />
          <Caption1>{reviewProgress(state.done, state.total, state.current)}</Caption1>
        </div>
      )}
      {state.kind === 'error' && (
        <Caption1 className={s.error} role="alert">
          {state.message}
        </Caption1>
      )}
      {state.kind === 'done' && (
        <div role="status" data-testid="review-status" className={s.row}>
          <Caption1>{reviewSummary(state.result.counts)}</Caption1>
          <Button appearance="primary" onClick={() => downloadBytes(state.result.summary, '汇总.xlsx', XLSX_MIME)}>
            下载汇总.xlsx
          </Button>
          {state.result.letters && (
            <Button onClick={() => downloadBytes(state.result.letters as Uint8Array, '复核意见.zip', ZIP_MIME)}>
              下载复核意见（{state.result.letterCount} 份）.zip
            </Button>
          )}
        </div>
      )}
    </section>
  );
}
