// The generated 报告正文. Each sentence knows the cells it was written from: clicking it selects the
// first one (mouse convenience; keyboard users reach the same cells through the findings list).

import { makeStyles, tokens } from '@fluentui/react-components';
import { Narrative, Section, Sentence, EDITABLE_NOTE } from '../../narrative';

const useStyles = makeStyles({
  article: {
    fontSize: tokens.fontSizeBase300,
    lineHeight: '1.75',
    overflowWrap: 'anywhere',
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: {
    textAlign: 'center',
    fontSize: tokens.fontSizeBase400,
    fontWeight: tokens.fontWeightSemibold,
    margin: `${tokens.spacingVerticalS} 0`,
  },
  h1: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightBold,
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXXS}`,
  },
  h2: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalXXS}`,
  },
  h3: {
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
    fontStyle: 'normal',
    margin: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalXXS}`,
  },
  p: { margin: `0 0 ${tokens.spacingVerticalXS}`, textIndent: '2em' },
  editable: { backgroundColor: tokens.colorPaletteYellowBackground1 },
  note: { margin: `0 0 ${tokens.spacingVerticalXXS}`, color: tokens.colorPaletteMarigoldForeground2, fontSize: tokens.fontSizeBase200 },
  linked: {
    cursor: 'pointer',
    borderRadius: tokens.borderRadiusSmall,
    ':hover': {
      backgroundColor: tokens.colorBrandBackground2,
      textDecorationLine: 'underline',
      textDecorationColor: tokens.colorBrandStroke1,
    },
  },
});

function Heading({ section, className }: { section: Section; className: string }) {
  const level = Math.min(6, section.level + 3);
  const Tag = `h${level}` as 'h4' | 'h5' | 'h6';
  return <Tag className={className}>{section.heading}</Tag>;
}

export function NarrativeView({
  narrative,
  onSentence,
}: {
  narrative: Narrative;
  /** When set, sentences with refs are clickable and call this with the first ref. */
  onSentence?: (sheet: string, cell: string) => void;
}) {
  const styles = useStyles();
  const sentence = (s: Sentence, key: number) => {
    const ref = s.refs[0];
    if (!onSentence || !ref) return <span key={key}>{s.text}</span>;
    return (
      <span
        key={key}
        className={styles.linked}
        title={`定位到 ${ref.sheet}!${ref.cell}`}
        data-ref={`${ref.sheet}!${ref.cell}`}
        onClick={() => onSentence(ref.sheet, ref.cell)}
      >
        {s.text}
      </span>
    );
  };
  return (
    <article className={styles.article} lang="zh-CN" aria-label="报告正文" data-testid="narrative">
      <h3 className={styles.title}>{narrative.title}</h3>
      {(narrative.opening ?? []).map((p, j) => (
        <p key={'o' + j} className={styles.p}>
          {p.sentences.map(sentence)}
        </p>
      ))}
      {narrative.sections.map((sec, i) => (
        <div key={i} className={sec.editable ? styles.editable : undefined}>
          <Heading section={sec} className={sec.level === 1 ? styles.h1 : sec.level === 2 ? styles.h2 : styles.h3} />
          {sec.editable ? <p className={styles.note}>{EDITABLE_NOTE}</p> : null}
          {sec.paragraphs.map((p, j) => (
            <p key={j} className={styles.p}>
              {p.sentences.map(sentence)}
            </p>
          ))}
        </div>
      ))}
    </article>
  );
}
