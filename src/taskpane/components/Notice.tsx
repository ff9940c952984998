// A small message box for the shell (warning/error/info), styled like Fluent's MessageBar without
// pulling MessageBar and its motion code into the initial bundle.

import { ReactNode } from 'react';
import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    alignItems: 'flex-start',
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    overflowWrap: 'anywhere',
  },
  warning: { backgroundColor: tokens.colorPaletteYellowBackground1, border: `1px solid ${tokens.colorPaletteYellowBorder1}` },
  error: { backgroundColor: tokens.colorPaletteRedBackground1, border: `1px solid ${tokens.colorPaletteRedBorder1}` },
  success: { backgroundColor: tokens.colorPaletteGreenBackground1, border: `1px solid ${tokens.colorPaletteGreenBorder1}` },
  icon: { flexShrink: 0, fontWeight: tokens.fontWeightBold, width: '1.25em', textAlign: 'center' },
  warningIcon: { color: tokens.colorPaletteDarkOrangeForeground1 },
  errorIcon: { color: tokens.colorPaletteRedForeground1 },
  successIcon: { color: tokens.colorPaletteGreenForeground1 },
  body: { minWidth: 0 },
  title: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalS },
});

const GLYPH = { warning: '!', error: '×', success: '✓', info: 'i' };

export function Notice({
  intent,
  title,
  children,
  ...rest
}: {
  intent: 'warning' | 'error' | 'success' | 'info';
  title?: string;
  children: ReactNode;
  'data-testid'?: string;
}) {
  const styles = useStyles();
  return (
    <div
      className={mergeClasses(
        styles.root,
        intent === 'warning' && styles.warning,
        intent === 'error' && styles.error,
        intent === 'success' && styles.success,
      )}
      role={intent === 'error' || intent === 'warning' ? 'alert' : 'status'}
      {...rest}
    >
      <span
        className={mergeClasses(
          styles.icon,
          intent === 'warning' && styles.warningIcon,
          intent === 'error' && styles.errorIcon,
          intent === 'success' && styles.successIcon,
        )}
        aria-hidden
      >
        {GLYPH[intent]}
      </span>
      <div className={styles.body}>
        {title ? <span className={styles.title}>{title}</span> : null}
        {children}
      </div>
    </div>
  );
}
