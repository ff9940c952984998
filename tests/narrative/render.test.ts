import { generateNarrative } from '../../src/narrative/generate';
import { Narrative } from '../../src/narrative/model';
import { EDITABLE_NOTE, escapeHtml, toHtml, toMarkdown, toText } from '../../src/narrative/render';
import { allMetResult, gapsResult, single } from './fixtures';

function tiny(): Narrative {
  const t = (text: string) => ({ text, refs: [], figures: [], quotes: [] });
  return {
    title: '测试<报告>',
    titleTrace: t('测试<报告>'),
    outline: 'department',
    department: null,
    year: null,
    opening: [{ sentences: [t('开头段落。')] }],
    notices: [],
    sections: [
      {
        heading: '一、总体',
        ordinal: '一、',
        title: '总体',
        titleTrace: t('总体'),
        level: 1,
        paragraphs: [{ sentences: [t('甲*乙_丙&丁。'), t('第二句。')] }],
      },
      { heading: '（一）分项', ordinal: '（一）', title: '分项', titleTrace: t('分项'), level: 2, paragraphs: [] },
      { heading: '1.细目', ordinal: '1.', title: '细目', titleTrace: t('细目'), level: 3, paragraphs: [{ sentences: [t('内容。')] }] },
      {
        heading: '二、应用',
        ordinal: '二、',
        title: '应用',
        titleTrace: t('应用'),
        level: 1,
        paragraphs: [{ sentences: [t('通用表述。')] }],
        editable: true,
      },
    ],
  };
}

describe('text', () => {
  test('one line per heading and paragraph; editable sections marked', () => {
    expect(toText(tiny())).toBe(
      [
        '测试<报告>',
        '',
        '开头段落。',
        '一、总体',
        '甲*乙_丙&丁。第二句。',
        '（一）分项',
        '1.细目',
        '内容。',
        '二、应用',
        EDITABLE_NOTE,
        '通用表述。',
        '',
      ].join('\n'),
    );
  });
});

describe('markdown', () => {
  test('heading levels and escaping', () => {
    const md = toMarkdown(tiny());
    expect(md).toContain('# 测试\\<报告\\>\n');
    expect(md).toContain('\n## 一、总体\n');
    expect(md).toContain('\n### （一）分项\n');
    expect(md).toContain('\n#### 1.细目\n');
    expect(md).toContain('甲\\*乙\\_丙&丁。第二句。');
    expect(md).toContain('> ' + EDITABLE_NOTE);
  });
});

describe('html', () => {
  const html = toHtml(tiny());

  test('standalone document, escaped text', () => {
    expect(html.startsWith('<!DOCTYPE html>')).toBe(true);
    expect(html).toContain('<meta charset="utf-8">');
    expect(html).toContain('测试&lt;报告&gt;');
    expect(html).toContain('甲*乙_丙&amp;丁。');
    expect(html).not.toContain('<报告>');
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  test('公文 fonts and sizes as inline styles', () => {
    expect(html).toMatch(/<h1 style="[^"]*方正小标宋简体[^"]*font-size:22pt[^"]*text-align:center/);
    expect(html).toMatch(/<h2 style="[^"]*'黑体'[^"]*font-size:16pt/);
    expect(html).toMatch(/<h3 style="[^"]*'楷体_GB2312'[^"]*font-size:16pt/);
    expect(html).toMatch(/<h4 style="[^"]*'仿宋_GB2312'[^"]*font-weight:bold/);
    expect(html).toMatch(/<p style="[^"]*'仿宋_GB2312'[^"]*font-size:16pt;line-height:28pt;mso-line-height-rule:exactly;text-indent:32pt/);
  });

  test('editable section is highlighted and flagged', () => {
    expect(html).toMatch(/<h2 [^>]*data-editable="true"[^>]*>二、应用<\/h2>/);
    expect(html).toMatch(/<p style="[^"]*background:#fff2cc;[^"]*">通用表述。<\/p>/);
  });

  test('fragment for the clipboard', () => {
    const frag = toHtml(tiny(), { standalone: false });
    expect(frag.startsWith('<div class="jixiao-narrative"')).toBe(true);
    expect(frag).not.toContain('<html');
  });

  test('every paragraph of a generated report is in the html', () => {
    for (const r of [allMetResult(), gapsResult(), single(gapsResult())]) {
      const n = generateNarrative(r, { extraSections: true });
      const h = toHtml(n);
      const paras = n.sections.reduce((k, s) => k + s.paragraphs.length + (s.editable ? 1 : 0), 0);
      expect((h.match(/<p /g) ?? []).length).toBe(paras);
      expect((h.match(/<h[1-4] /g) ?? []).length).toBe(n.sections.length + 1);
    }
  });
});
