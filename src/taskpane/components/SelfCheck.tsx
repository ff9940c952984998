// 设置 → 检查环境: runs the host's self-check and shows each capability ✓/✗ with its detail, the
// program and version, and 复制结果 (plain text for the user's IT).

import { useRef, useState } from 'react';
import { Button, Caption1, Spinner, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Copy20Regular, Stethoscope20Regular } from '@fluentui/react-icons';
import type { SelfCheckReport } from '../../hosts/host';
import {
  SELF_CHECK_COPIED,
  SELF_CHECK_COPY_FAILED,
  SELF_CHECK_INTRO,
  errorMessage,
  selfCheckHtml,
  selfCheckSummary,
  selfCheckText,
} from '../../app/selfcheck';
import { copyRich } from '../clipboard';
import { Notice } from './Notice';

const useStyles = makeStyles({
  root: {
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalS}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    minWidth: 0,
  },
  h2: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground3 },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  list: { listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-start', overflowWrap: 'anywhere' },
  mark: { flexShrink: 0, width: '1.25em', textAlign: 'center', fontWeight: tokens.fontWeightBold },
  ok: { color: tokens.colorPaletteGreenForeground1 },
  bad: { color: tokens.colorPaletteRedForeground1 },
  label: { fontWeight: tokens.fontWeightSemibold },
  detail: { color: tokens.colorNeutralForeground2 },
  host: { overflowWrap: 'anywhere' },
  status: { color: tokens.colorNeutralForeground2 },
});

export interface SelfCheckProps {
  /** The host's selfCheck. */
  run: () => Promise<SelfCheckReport>;
}

export function SelfCheck({ run }: SelfCheckProps) {
  const styles = useStyles();
  const [report, setReport] = useState<SelfCheckReport | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [copyNote, setCopyNote] = useState<string | null>(null);
  const at = useRef<Date>(new Date());

  const start = async () => {
    if (running) return;
    setRunning(true);
    setError(null);
    setCopyNote(null);
    try {
      const r = await run();
      at.current = new Date();
      setReport(r);
    } catch (e) {
      // selfCheck reports failures as items; this is only for a host that breaks that promise.
      setReport(null);
      setError(`检查未能完成：${errorMessage(e)}`);
    } finally {
      setRunning(false);
    }
  };

  const copy = () => {
    if (!report) return;
    const nav = (globalThis as { navigator?: Navigator }).navigator;
    const text = selfCheckText(report, { at: at.current, userAgent: nav?.userAgent });
    setCopyNote(null);
    // Synchronous inside the click (clipboard.ts): Excel on the web blocks navigator.clipboard.
    void copyRich(text, selfCheckHtml(text)).then((r) => setCopyNote(r === 'copied' ? SELF_CHECK_COPIED : SELF_CHECK_COPY_FAILED));
  };

  const allOk = report ? report.items.every((i) => i.ok) : false;

  return (
    <section className={styles.root} aria-labelledby="selfcheck-title">
      <h2 className={styles.h2} id="selfcheck-title">
        检查环境
      </h2>
      <Caption1 className={styles.hint}>{SELF_CHECK_INTRO}</Caption1>
      <div className={styles.actions}>
        <Button icon={<Stethoscope20Regular />} onClick={() => void start()} disabled={running}>
          检查环境
        </Button>
        {running ? <Spinner size="tiny" label="正在检查…" labelPosition="after" /> : null}
      </div>
      {error ? (
        <Notice intent="error" data-testid="selfcheck-error">
          {error}
        </Notice>
      ) : null}
      {report && !running ? (
        <>
          <div className={styles.host} data-testid="selfcheck-host">
            {report.host}：{report.version}
          </div>
          <ul className={styles.list} aria-label="检查结果" data-testid="selfcheck-results">
            {report.items.map((i) => (
              <li key={i.key} className={styles.item} data-ok={i.ok}>
                <span className={mergeClasses(styles.mark, i.ok ? styles.ok : styles.bad)} aria-label={i.ok ? '正常' : '失败'}>
                  {i.ok ? '✓' : '✗'}
                </span>
                <span>
                  <span className={styles.label}>{i.label}</span>
                  <span className={styles.detail}>：{i.detail}</span>
                </span>
              </li>
            ))}
          </ul>
          <div className={mergeClasses(allOk ? styles.ok : styles.bad)} data-testid="selfcheck-summary">
            {selfCheckSummary(report)}
          </div>
          {report.note ? <Notice intent="warning">{report.note}</Notice> : null}
          <div className={styles.actions}>
            <Button icon={<Copy20Regular />} onClick={copy}>
              复制结果
            </Button>
            <span className={styles.status} role="status" aria-live="polite">
              {copyNote ?? ''}
            </span>
          </div>
        </>
      ) : null}
    </section>
  );
}
