// Opens the produced .docx (a zip) and checks the GB/T 9704-2012 layout in word/document.xml.

import * as fs from 'fs';
import JSZip from 'jszip';
import * as path from 'path';
import { toDocx } from '../../src/narrative/docx';
import { generateNarrative } from '../../src/narrative/generate';
import { Narrative } from '../../src/narrative/model';
import { allMetResult, gapsResult, single } from './fixtures';

async function open(n: Narrative): Promise<{ zip: JSZip; doc: string; bytes: Uint8Array }> {
  const bytes = await toDocx(n);
  const zip = await JSZip.loadAsync(bytes);
  const doc: string = await zip.file('word/document.xml')!.async('string');
  return { zip, doc, bytes };
}

function attr(xml: string, tag: string): Record<string, string> {
  const m = new RegExp(`<${tag}\\b([^>]*)/?>`).exec(xml);
  if (!m) throw new Error(`no <${tag}>`);
  const out: Record<string, string> = {};
  for (const a of m[1].matchAll(/([\w:]+)="([^"]*)"/g)) out[a[1]] = a[2];
  return out;
}

describe.each([
  ['department, all met', () => generateNarrative(allMetResult())],
  ['department, gaps, extra sections', () => generateNarrative(gapsResult(), { extraSections: true })],
  ['project', () => generateNarrative(single(gapsResult()))],
])('.docx %s', (_label, make) => {
  const n = make();
  let doc = '';
  let zip: JSZip;
  let bytes: Uint8Array;

  beforeAll(async () => {
    ({ doc, zip, bytes } = await open(n));
  });

  test('is a zip with a Word document', () => {
    expect(bytes).toBeInstanceOf(Uint8Array);
    expect(bytes[0]).toBe(0x50); // PK
    expect(bytes[1]).toBe(0x4b);
    expect(doc).toContain('<w:body>');
  });

  test('A4 page and margins 37/35/28/26 mm', () => {
    const pg = attr(doc, 'w:pgSz');
    expect(pg['w:w']).toBe('11906');
    expect(pg['w:h']).toBe('16838');
    const mar = attr(doc, 'w:pgMar');
    expect(mar['w:top']).toBe('2098');
    expect(mar['w:bottom']).toBe('1984');
    expect(mar['w:left']).toBe('1588');
    expect(mar['w:right']).toBe('1474');
  });

  test('fonts: 方正小标宋简体 title 22pt centred, 仿宋_GB2312 body 16pt, 黑体 and 楷体_GB2312 headings', () => {
    const paras = doc.match(/<w:p>[\s\S]*?<\/w:p>|<w:p [\s\S]*?<\/w:p>/g) ?? [];
    const title = paras[0];
    expect(title).toContain('w:eastAsia="方正小标宋简体"');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    expect(doc).toContain('w:eastAsia="仿宋_GB2312"');
    expect(doc).toContain('w:eastAsia="黑体"');
    if (n.sections.some((s) => s.level === 2)) expect(doc).toContain('w:eastAsia="楷体_GB2312"');
    expect(doc).toContain('<w:sz w:val="32"/>');
    // headings in their fonts
    const first1 = paras.find((p) => p.indexOf(n.sections[0].heading) >= 0) as string;
    expect(first1).toContain('w:eastAsia="黑体"');
    const l2 = n.sections.find((s) => s.level === 2);
    if (l2) expect(paras.find((p) => p.indexOf(l2.heading) >= 0)).toContain('w:eastAsia="楷体_GB2312"');
  });

  test('exact 28磅 line spacing and a 2-character first-line indent on body paragraphs', () => {
    const spacing = doc.match(/<w:spacing [^>]*\/>/g) ?? [];
    expect(spacing.length).toBeGreaterThan(0);
    for (const s of spacing) {
      expect(s).toContain('w:line="560"');
      expect(s).toContain('w:lineRule="exact"');
    }
    const ind = doc.match(/<w:ind [^>]*\/>/g) ?? [];
    expect(ind.length).toBe(n.sections.length + n.sections.reduce((k, s) => k + s.paragraphs.length, 0));
    for (const i of ind) {
      expect(i).toContain('w:firstLine="640"');
      expect(i).toContain('w:firstLineChars="200"');
    }
  });

  test('page numbers: footers with a PAGE field, odd and even', async () => {
    const footers = Object.keys(zip.files).filter((f) => /^word\/footer\d+\.xml$/.test(f));
    expect(footers.length).toBe(2);
    for (const f of footers) {
      const xml: string = await zip.file(f)!.async('string');
      expect(xml).toMatch(/<w:instrText[^>]*>\s*PAGE\s*<\/w:instrText>/);
      expect(xml).toContain('— ');
      expect(xml).toContain(' —');
    }
    expect(doc).toMatch(/<w:footerReference [^>]*w:type="default"/);
    expect(doc).toMatch(/<w:footerReference [^>]*w:type="even"/);
    const settings: string = await zip.file('word/settings.xml')!.async('string');
    expect(settings).toContain('<w:evenAndOddHeaders');
  });

  test('paragraph count = title + headings + paragraphs; text in order', () => {
    const count = (doc.match(/<w:p[ >]/g) ?? []).length;
    expect(count).toBe(1 + n.sections.length + n.sections.reduce((k, s) => k + s.paragraphs.length, 0));
    const texts = (doc.match(/<w:t[^>]*>[^<]*<\/w:t>/g) ?? []).map((t) => t.replace(/<[^>]+>/g, ''));
    expect(texts[0]).toBe(n.title);
    expect(texts[1]).toBe(n.sections[0].heading);
  });

  test('editable sections are highlighted', () => {
    if (n.sections.some((s) => s.editable)) expect(doc).toContain('<w:highlight w:val="yellow"/>');
    else expect(doc).not.toContain('w:highlight');
  });
});

test('writes a sample .docx for a person to look at (tests/narrative/__output__)', async () => {
  const dir = path.join(__dirname, '__output__');
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'gaps-department.docx'), await toDocx(generateNarrative(gapsResult(), { extraSections: true })));
  fs.writeFileSync(path.join(dir, 'gaps-project.docx'), await toDocx(generateNarrative(single(gapsResult()))));
  expect(fs.existsSync(path.join(dir, 'gaps-project.docx'))).toBe(true);
});
