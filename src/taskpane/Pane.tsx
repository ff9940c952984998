// The task pane: 评价 with step progress, score cards, findings, the narrative (复制 / 导出 Word),
// 清除标记 and 设置. Works against any Host; in standalone mode it first offers 打开 .xlsx and then
// evaluates through the in-browser file host.

import { lazy, Suspense, useCallback, useEffect, useRef, useState, DragEvent } from 'react';
import { Button, Caption1, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ArrowDownload20Regular, Eraser20Regular, FolderOpen20Regular, Play20Regular } from '@fluentui/react-icons';
import { Host, Settings, DEFAULT_SETTINGS } from '../hosts/host';
import type { FileHost } from '../hosts/file/browser';
import type { Outcome, Step } from '../app/session';
import type { Narrative } from '../narrative';
import { isJixiaoError } from '../core/errors';
import { Steps } from './components/Steps';
import { Notice } from './components/Notice';
import { Tabs } from './components/Tabs';
import type { Note } from './components/ResultsView';
import { copyRich } from './clipboard';
import { canDownload, downloadBytes, readFileBytes, DOCX_MIME, XLSX_MIME } from './download';
import { baseName } from '../core/text';
import { loadEngine, exportDocx as lazyExportDocx, Engine } from './lazy';

const SettingsPanel = lazy(() =>
  import(/* webpackChunkName: "settings" */ './components/SettingsPanel').then((m) => ({ default: m.SettingsPanel })),
);

export type Phase =
  | { kind: 'empty' }
  | { kind: 'running'; step: Step }
  | { kind: 'results'; outcome: Outcome }
  | { kind: 'no-table'; message: string }
  | { kind: 'error'; message: string };

export interface PaneProps {
  /** The host the pane is connected to (Excel, WPS), or null (standalone before a file is opened). */
  host: Host | null;
  /** Standalone mode: offer 打开 .xlsx and evaluate the file in the browser. */
  standalone?: boolean;
  /** Still waiting for Office at startup. */
  connecting?: boolean;
  /** Where the pane runs, shown under the title (已连接 Excel / 独立模式). */
  status?: string;
  /** A startup notice (e.g. Excel could not be reached). */
  notice?: string | null;
  /** Opens a file as a host (default: the package file host, loaded lazily with the engine). */
  openFile?: (bytes: ArrayBuffer, fileName: string) => Promise<FileHost>;
  /** Renders the narrative as .docx (default: the docx renderer, loaded lazily on first use). */
  exportDocx?: (n: Narrative) => Promise<Uint8Array>;
  /** Whether a blob download reaches the user (download.ts canDownload; tests pass their own). */
  canDownload?: () => boolean;
}

const useStyles = makeStyles({
  root: {
    boxSizing: 'border-box',
    minHeight: '100vh',
    minWidth: 0,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalM}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  dropping: { outline: `2px dashed ${tokens.colorBrandStroke1}`, outlineOffset: '-6px' },
  header: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXXS },
  h1: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500, fontWeight: tokens.fontWeightSemibold },
  mode: { color: tokens.colorNeutralForeground3 },
  toolbar: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  text: { margin: 0, color: tokens.colorNeutralForeground2 },
  fileBox: {
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  fileName: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  hiddenInput: { display: 'none' },
  live: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere', ':empty': { marginBottom: `-${tokens.spacingVerticalM}` } },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
});

/** The message to show for an error: ours as is; anything else in Chinese with the original kept. */
export function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  if (isJixiaoError(e) && msg) return msg;
  if (msg && /[\u4e00-\u9fff]/.test(msg)) return msg;
  return `发生意外错误${msg ? `（${msg}）` : ''}。请重试；如果问题仍然存在，请关闭并重新打开助手。`;
}

function defaultOpenFile(bytes: ArrayBuffer, fileName: string): Promise<FileHost> {
  return loadEngine().then((e) => e.createFileHost(bytes, fileName));
}

function sameSettings(a: Settings, b: Settings): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Results on show after 清除标记: they stay, but their "N cells marked" is no longer true. */
function marksCleared(ph: Phase): Phase {
  return ph.kind === 'results' ? { kind: 'results', outcome: { ...ph.outcome, applied: { ...ph.outcome.applied, highlighted: 0 } } } : ph;
}

type Busy = null | 'open' | 'clear' | 'docx' | 'download' | 'clean' | 'save';

export function Pane(props: PaneProps) {
  const { host: connected, standalone = false, connecting = false } = props;
  const styles = useStyles();
  const [fileHost, setFileHost] = useState<FileHost | null>(null);
  const [fileName, setFileName] = useState<string | null>(null);
  const host: Host | null = connected ?? fileHost;
  const [phase, setPhase] = useState<Phase>({ kind: 'empty' });
  const [tab, setTab] = useState<'results' | 'settings'>('results');
  const [settings, setSettings] = useState<Settings>(DEFAULT_SETTINGS);
  const [saved, setSaved] = useState<Settings>(DEFAULT_SETTINGS);
  const [settingsVersion, setSettingsVersion] = useState(0);
  const [settingsStatus, setSettingsStatus] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy>(null);
  const [note, setNote] = useState<Note>(null);
  const [copyNote, setCopyNote] = useState<Note>(null);
  const [selectNote, setSelectNote] = useState<Note>(null);
  const [dropping, setDropping] = useState(false);
  const [engine, setEngine] = useState<Engine | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const running = phase.kind === 'running';

  // Settings come from the host (the workbook, or the browser for a file).
  useEffect(() => {
    if (!host) return;
    let live = true;
    host.loadSettings().then(
      (s) => {
        if (!live) return;
        setSettings(s);
        setSaved(s);
        setSettingsVersion((v) => v + 1);
      },
      (e) => {
        if (live) setNote({ tone: 'bad', text: `读取设置失败，将使用默认设置：${errorText(e)}` });
      },
    );
    return () => {
      live = false;
    };
  }, [host]);

  // A ribbon command (评价 / 清除标记) runs in its own page: when it leaves its stamp in the document,
  // show what it did here too (the pane's own runs are not reported back).
  const idle = useRef(true);
  useEffect(() => {
    idle.current = !running && !busy;
  });
  useEffect(() => {
    if (!host?.watchRuns) return;
    let live = true;
    const stop = host.watchRuns((run, initial) => {
      if (!live || !idle.current) return;
      // Opening the pane shows the document's last evaluation; a last 清除标记 leaves it empty.
      if (initial && run.action !== 'evaluate') return;
      if (run.action === 'clear') {
        setPhase(marksCleared);
        setNote({
          tone: 'info',
          text: run.cleared ? `已通过功能区清除 ${run.cleared} 处标记，单元格已恢复原样。` : '已通过功能区清除标记，单元格已恢复原样。',
        });
        return;
      }
      void (async () => {
        try {
          const eng = await loadEngine();
          // The settings the ribbon used: those saved in the document.
          const outcome = await eng.viewRun(host, run);
          if (!live || !idle.current) return;
          setEngine(eng);
          setPhase({ kind: 'results', outcome });
          setNote({
            tone: 'info',
            text: initial ? '已显示本工作簿上次评价的结果（按工作表当前内容核算）。' : '已显示通过功能区“评价”得到的结果。',
          });
        } catch (e) {
          // On opening, a last evaluation that no longer reads (sheet renamed, table gone) just leaves the pane empty.
          if (live && !initial) setNote({ tone: 'bad', text: `无法显示功能区评价的结果：${errorText(e)}。可点击“评价”重新评价。` });
        }
      })();
    });
    return () => {
      live = false;
      stop();
    };
  }, [host]);

  const evaluate = useCallback(async () => {
    if (!host || running) return;
    setNote(null);
    setCopyNote(null);
    setSelectNote(null);
    setPhase({ kind: 'running', step: 'read' });
    try {
      const eng = engine ?? (await loadEngine());
      if (!engine) setEngine(eng);
      const outcome = await eng.runEvaluation(host, {
        // A workbook file is evaluated whole; in Excel/WPS the sheet the user is on.
        scope: host.kind === 'file' ? 'workbook' : 'active',
        settings,
        onStep: (step) => setPhase((p) => (p.kind === 'running' ? { kind: 'running', step } : p)),
      });
      setPhase({ kind: 'results', outcome });
    } catch (e) {
      if (isJixiaoError(e) && e.code === 'no-table') setPhase({ kind: 'no-table', message: e.message });
      else setPhase({ kind: 'error', message: errorText(e) });
    }
  }, [host, running, settings, engine]);

  const clear = async () => {
    if (!host || busy) return;
    setBusy('clear');
    setNote(null);
    try {
      const eng = engine ?? (await loadEngine());
      if (!engine) setEngine(eng);
      const r = await eng.clearMarks(host);
      setPhase(marksCleared);
      setNote({
        tone: 'ok',
        text:
          host.kind === 'file'
            ? `已去除结果工作簿中的 ${r.cleared} 处标色（“评价结果”工作表保留）。`
            : r.cleared > 0
              ? `已清除 ${r.cleared} 处标记，单元格已恢复原样。`
              : '没有需要清除的标记。',
      });
    } catch (e) {
      setNote({ tone: 'bad', text: `清除标记失败：${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const select = (sheet: string, cell: string) => {
    if (!host) return;
    if (host.kind === 'file') {
      setSelectNote({ tone: 'info', text: `独立模式下无法直接定位单元格：请在下载的结果工作簿中查看 ${sheet}!${cell}（已按级别标色）。` });
      return;
    }
    setSelectNote(null);
    host.selectCell(sheet, cell).catch((e) => setSelectNote({ tone: 'bad', text: `无法定位到 ${sheet}!${cell}：${errorText(e)}` }));
  };

  const copy = (n: Narrative) => {
    if (!engine) return;
    // Synchronous inside the click: Excel on the web blocks navigator.clipboard.
    const text = engine.toText(n);
    const html = engine.toHtml(n, { standalone: false });
    setCopyNote(null);
    void copyRich(text, html).then((r) =>
      setCopyNote(
        r === 'copied'
          ? { tone: 'ok', text: '已复制（含格式），可粘贴到 Word/WPS 文档中。' }
          : { tone: 'bad', text: '复制失败：请在正文中选中文字后按 Ctrl+C 复制。' },
      ),
    );
  };

  const outcomeFile = (o: Outcome) => baseName(o.result.file || fileName || '工作簿');

  const exportWord = async (o: Outcome) => {
    if (busy) return;
    if (!(props.canDownload ?? canDownload)()) {
      // No downloads here (Excel for Mac / iPad): never claim a file was made; copy the text instead.
      setCopyNote(null);
      if (!engine) return;
      // Synchronously inside the click, as 复制 does: the clipboard needs the user's gesture.
      const r = await copyRich(engine.toText(o.narrative), engine.toHtml(o.narrative, { standalone: false }));
      setCopyNote(
        r === 'copied'
          ? {
              tone: 'ok',
              text: '此环境（如 Mac 版 Excel）不能从加载项下载文件：已把报告正文复制到剪贴板（含格式），请新建 Word 文档后粘贴。',
            }
          : {
              tone: 'bad',
              text: '此环境（如 Mac 版 Excel）不能从加载项下载文件，复制也未成功：请在正文中选中文字后按 Cmd+C（或 Ctrl+C）复制到 Word。',
            },
      );
      return;
    }
    setBusy('docx');
    setCopyNote(null);
    try {
      const bytes = await (props.exportDocx ?? lazyExportDocx)(o.narrative);
      downloadBytes(bytes, `${outcomeFile(o)}-绩效自评报告.docx`, DOCX_MIME);
      setCopyNote({ tone: 'ok', text: '已生成 Word 文档，请在浏览器的下载中查看。' });
    } catch (e) {
      setCopyNote({ tone: 'bad', text: `导出 Word 失败：${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const downloadResult = async () => {
    if (!fileHost || busy) return;
    setBusy('download');
    try {
      const bytes = await fileHost.resultWorkbookBytes();
      downloadBytes(bytes, fileHost.resultFileName(), XLSX_MIME);
      setNote({ tone: 'ok', text: `已生成“${fileHost.resultFileName()}”，原文件未被修改。` });
    } catch (e) {
      setNote({ tone: 'bad', text: `下载结果工作簿失败：${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  /** An opened result of ours, downloaded without our marks and 评价结果 sheet (the CLI's jixiao clear). */
  const downloadClean = async () => {
    if (!fileHost?.cleanWorkbookBytes || busy) return;
    setBusy('clean');
    try {
      const { bytes, cleared, removed } = await fileHost.cleanWorkbookBytes();
      const name = fileHost.cleanFileName?.() ?? 'clean.xlsx';
      downloadBytes(bytes, name, XLSX_MIME);
      setNote({
        tone: 'ok',
        text: `已生成“${name}”：去掉 ${cleared} 条标记规则${removed.length ? `和工作表“${removed.join('”“')}”` : ''}，原文件未被修改。`,
      });
    } catch (e) {
      setNote({ tone: 'bad', text: `生成清除后的工作簿失败：${errorText(e)}` });
    } finally {
      setBusy(null);
    }
  };

  const open = async (file: File) => {
    if (busy || running) return;
    setBusy('open');
    setNote(null);
    setCopyNote(null);
    setPhase({ kind: 'empty' });
    try {
      const bytes = await readFileBytes(file);
      const fh = await (props.openFile ?? defaultOpenFile)(bytes, file.name);
      setFileHost(fh);
      setFileName(file.name);
      setTab('results');
    } catch (e) {
      setFileHost(null);
      setFileName(null);
      setPhase({ kind: 'error', message: errorText(e) });
    } finally {
      setBusy(null);
      if (fileInput.current) fileInput.current.value = '';
    }
  };

  const saveSettings = async () => {
    if (!host || busy) return;
    setBusy('save');
    setSettingsStatus(null);
    try {
      await host.saveSettings(settings);
      setSaved(settings);
      setSettingsStatus('设置已保存。');
    } catch (e) {
      setSettingsStatus(`保存失败：${errorText(e)}`);
    } finally {
      setBusy(null);
    }
  };

  const dropProps = standalone
    ? {
        onDragOver: (e: DragEvent) => {
          if (Array.from(e.dataTransfer.types).includes('Files')) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
            setDropping(true);
          }
        },
        onDragLeave: (e: DragEvent) => {
          if (e.currentTarget === e.target) setDropping(false);
        },
        onDrop: (e: DragEvent) => {
          e.preventDefault();
          setDropping(false);
          const f = e.dataTransfer.files && e.dataTransfer.files[0];
          if (f) void open(f);
        },
      }
    : {};

  const modeText =
    props.status ??
    (standalone
      ? '独立模式：在浏览器中评价 .xlsx 文件'
      : connected
        ? `已连接${connected.kind === 'excel' ? ' Excel' : connected.kind === 'wps' ? ' WPS 表格' : ''}`
        : '');

  const canEvaluate = Boolean(host) && !running && !busy && !connecting;
  const outcome = phase.kind === 'results' ? phase.outcome : null;

  return (
    <main className={mergeClasses(styles.root, dropping && styles.dropping)} {...dropProps}>
      <header className={styles.header}>
        <h1 className={styles.h1}>绩效评价助手</h1>
        {connecting ? (
          <Spinner size="extra-tiny" label="正在连接 Office…" labelPosition="after" />
        ) : (
          <Caption1 className={styles.mode} data-testid="mode">
            {modeText}
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
        onSelect={setTab}
        label="助手页面"
        idPrefix="pane"
      />

      <div role="tabpanel" id="pane-panel" aria-labelledby={`pane-tab-${tab}`} className={styles.panel}>
        {tab === 'settings' ? (
          <Suspense fallback={<Spinner size="tiny" label="正在加载设置…" labelPosition="after" />}>
            <SettingsPanel
              key={settingsVersion}
              settings={settings}
              onChange={(s) => {
                setSettings(s);
                setSettingsStatus(null);
              }}
              onSave={() => void saveSettings()}
              saving={busy === 'save'}
              dirty={!sameSettings(settings, saved)}
              status={settingsStatus}
              disabled={!host}
              selfCheck={host?.selfCheck?.bind(host)}
              storageNote={
                !host
                  ? '打开文件后可保存设置。'
                  : host.kind === 'file'
                    ? '独立模式下，设置保存在本浏览器中（不写入文件）。未保存的更改也会用于本次评价。'
                    : '设置保存在当前工作簿中，随文件保存。未保存的更改也会用于本次评价。'
              }
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
                    if (f) void open(f);
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
                  <p className={styles.text}>选择或拖放一个 .xlsx 格式的绩效自评表。文件只在本机浏览器中处理，不会上传。</p>
                )}
              </section>
            ) : null}

            <div className={styles.toolbar} role="group" aria-label="操作">
              <Button appearance="primary" icon={<Play20Regular />} onClick={() => void evaluate()} disabled={!canEvaluate}>
                {running ? '正在评价…' : '评价'}
              </Button>
              <Button
                icon={<Eraser20Regular />}
                onClick={() => void clear()}
                disabled={!host || running || Boolean(busy) || (host.kind === 'file' && !outcome)}
              >
                清除标记
              </Button>
              {fileHost && outcome ? (
                <Button icon={<ArrowDownload20Regular />} onClick={() => void downloadResult()} disabled={Boolean(busy)}>
                  {busy === 'download' ? '正在生成…' : '下载结果工作簿'}
                </Button>
              ) : null}
              {fileHost?.isResult?.() ? (
                <Button icon={<Eraser20Regular />} onClick={() => void downloadClean()} disabled={Boolean(busy)}>
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
              phase={phase}
              host={host}
              standalone={standalone}
              fileName={fileName}
              onSelect={select}
              onCopy={copy}
              onExport={(o) => void exportWord(o)}
              exporting={busy === 'docx'}
              copyNote={copyNote}
              selectNote={selectNote}
              engine={engine}
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
  const styles = useStyles();
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
    let text: string;
    if (p.standalone && !p.host)
      text = '打开文件后点击“评价”：助手会核算得分、检查填报问题，生成带标记和“评价结果”工作表的结果工作簿，以及绩效自评报告正文。';
    else if (p.standalone) text = `已打开“${p.fileName ?? ''}”。点击“评价”检查其中的全部绩效自评表。`;
    else
      text =
        '切换到绩效自评表所在的工作表，点击“评价”：助手会核算得分、检查填报问题、标出有问题的单元格，并写入“评价结果”工作表和报告正文。';
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
