// 读取 → 评价 → 写入: where a running 评价 is.

import { makeStyles, ProgressBar, Spinner, tokens } from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Circle16Regular } from '@fluentui/react-icons';
import { Step } from '../../app/session';

export const STEPS: { key: Exclude<Step, 'done'>; label: string }[] = [
  { key: 'read', label: '读取' },
  { key: 'evaluate', label: '评价' },
  { key: 'write', label: '写入' },
];

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
  },
  item: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground3 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorPaletteGreenForeground1 },
  arrow: { color: tokens.colorNeutralForeground4 },
});

export function stepIndex(step: Step): number {
  if (step === 'done') return STEPS.length;
  return STEPS.findIndex((s) => s.key === step);
}

export function Steps({ step }: { step: Step }) {
  const styles = useStyles();
  const at = stepIndex(step);
  return (
    <div className={styles.root}>
      <ol className={styles.list} aria-label="评价进度">
        {STEPS.map((s, i) => {
          const state = i < at ? 'done' : i === at ? 'current' : 'pending';
          return (
            <li
              key={s.key}
              className={`${styles.item} ${state === 'current' ? styles.current : state === 'done' ? styles.done : ''}`}
              aria-current={state === 'current' ? 'step' : undefined}
              data-state={state}
            >
              {state === 'done' ? (
                <CheckmarkCircle16Filled aria-hidden />
              ) : state === 'current' ? (
                <Spinner size="extra-tiny" aria-hidden />
              ) : (
                <Circle16Regular aria-hidden />
              )}
              <span>
                {s.label}
                <span className="visually-hidden">{state === 'done' ? '（已完成）' : state === 'current' ? '（进行中）' : '（等待）'}</span>
              </span>
              {i < STEPS.length - 1 ? (
                <span className={styles.arrow} aria-hidden>
                  →
                </span>
              ) : null}
            </li>
          );
        })}
      </ol>
      <ProgressBar value={Math.min(1, (at + 0.5) / STEPS.length)} max={1} thickness="medium" aria-label="评价进度" />
    </div>
  );
}
