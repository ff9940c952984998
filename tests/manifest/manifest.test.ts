// The add-in manifest, validated offline: XSD (every .xsd in schemas/office-manifest, via
// libxml2 in WebAssembly) plus the cross-references XSD cannot check; then the production build's
// dist/manifest.xml with its base URL rewritten.

import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as check from '../../scripts/manifest-check';

const ROOT = path.resolve(__dirname, '../..');
const MANIFEST = path.join(ROOT, 'manifest.xml');
const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
const xml = fs.readFileSync(MANIFEST, 'utf8');

/** Located once; a missing folder fails every schema test with findSchemaDir's explanation. */
let schemaDir: string;
beforeAll(() => {
  schemaDir = check.findSchemaDir();
});

const rules = (problems: check.Problem[], rule: string): string[] => problems.filter((p) => p.rule === rule).map((p) => p.message);

describe('manifest.xml', () => {
  const checked = check.checkManifest(xml, { base: check.DEV_BASE });

  test('validates against every XSD in schemas/office-manifest', async () => {
    const result = await check.validateSchema(xml, { schemaDir });
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
    const all = fs.readdirSync(schemaDir).filter((f) => f.endsWith('.xsd'));
    expect([...result.schemaFiles].sort()).toEqual(all.sort());
    expect(result.schemaFiles[0]).toBe('OfficeAppManifestV1_1.xsd');
  });

  test('every resid names a bt:String / bt:Url / bt:Image of the right kind in Resources', () => {
    expect(rules(checked.problems, 'resid')).toEqual([]);
    expect(rules(checked.warnings, 'resid')).toEqual([]); // and every resource is used
  });

  test('ids, resids and TaskpaneId are at most 32 characters and unique', () => {
    expect(rules(checked.problems, 'ids')).toEqual([]);
    const ids = [...xml.matchAll(/\b(?:id|resid)="([^"]*)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(20);
    for (const id of ids) expect(id.length).toBeLessThanOrEqual(check.MAX_ID_LENGTH);
  });

  test('every URL starts with the one development base https://localhost:3000/', () => {
    expect(rules(checked.problems, 'urls')).toEqual([]);
    expect(rules(checked.warnings, 'urls')).toEqual([]);
    const wheres = checked.urls.map((u) => u.where);
    for (const where of ['DefaultSettings/SourceLocation', 'IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) {
      expect(wheres).toContain(where);
    }
    expect(checked.urls.filter((u) => u.where.startsWith('bt:')).length).toBeGreaterThanOrEqual(11);
    for (const u of checked.urls) expect(u.url.startsWith('https://localhost:3000/')).toBe(true);
    // Nothing else in the file looks like a URL outside the base, comments included.
    const others = [...xml.matchAll(/https?:\/\/[^\s"<]+/g)]
      .map((m) => m[0])
      .filter(
        (u) => !u.startsWith(check.DEV_BASE) && !u.startsWith('http://schemas.microsoft.com/') && !u.startsWith('http://www.w3.org/'),
      );
    expect(others).toEqual([]);
  });

  test('DisplayName, Description and every ribbon string have an en-US override', () => {
    expect(rules(checked.problems, 'locales')).toEqual([]);
    expect(checked.defaultLocale).toBe('zh-CN');
  });

  test('icon lists have 16/32/80 px; every image and page exists, PNGs at the size they are used', () => {
    expect(rules(checked.problems, 'icons')).toEqual([]);
    expect(check.checkFiles(checked, { root: ROOT, generated: check.GENERATED_PAGES })).toEqual([]);
    for (const size of [16, 32, 64, 80]) {
      expect(check.pngSize(fs.readFileSync(path.join(ROOT, `assets/icon-${size}.png`)))).toEqual({ width: size, height: size });
    }
  });

  test('no problems and no warnings overall', () => {
    expect(checked.problems).toEqual([]);
    expect(checked.warnings).toEqual([]);
  });

  test('declares Excel, ExcelApi 1.9, the task pane and the two ribbon commands', () => {
    expect(checked.requirements).toEqual([{ name: 'ExcelApi', minVersion: '1.9' }]);
    expect(checked.taskpaneIds).toEqual(['ButtonId1']);
    expect(checked.functionNames).toEqual(['evaluate', 'clearMarks']);
    expect(xml).toContain('<Host Name="Workbook"/>');
    expect(xml).toContain('<Host xsi:type="Workbook">');
  });

  test('every FunctionName is associated in src/commands/commands.ts', () => {
    const source = fs.readFileSync(path.join(ROOT, 'src/commands/commands.ts'), 'utf8');
    const associated = [...source.matchAll(/Office\.actions\.associate\(\s*'([^']+)'/g)].map((m) => m[1]);
    expect(associated.sort()).toEqual([...checked.functionNames].sort());
  });

  test('no shared runtime: the V1.0 schema rejects <Runtimes>, so the commands use a FunctionFile', async () => {
    const withRuntimes = xml.replace(
      '<Host xsi:type="Workbook">',
      '<Host xsi:type="Workbook"><Runtimes><Runtime resid="JX.Taskpane.Url" lifetime="long"/></Runtimes>',
    );
    const result = await check.validateSchema(withRuntimes, { schemaDir });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/Runtimes': This element is not expected/);
    expect(xml.replace(/<!--[\s\S]*?-->/g, '')).not.toMatch(/<Runtimes\b/);
    expect(xml).toContain('<FunctionFile resid="JX.Commands.Url"/>');
  });
});

describe('the checks catch broken manifests', () => {
  const problemsOf = (broken: string, rule: string, base = check.DEV_BASE) => rules(check.checkManifest(broken, { base }).problems, rule);

  test('a resid that names nothing, or a resource of the wrong kind', () => {
    expect(problemsOf(xml.replace('<Label resid="JX.Tab.Label"/>', '<Label resid="JX.Nope"/>'), 'resid')).toEqual([
      expect.stringMatching(/resid="JX.Nope".*does not name a resource in bt:ShortStrings/),
    ]);
    expect(problemsOf(xml.replace('<Label resid="JX.Tab.Label"/>', '<Label resid="JX.Evaluate.Tip"/>'), 'resid')).toEqual([
      expect.stringMatching(/it is in bt:LongStrings/),
    ]);
  });

  test('an id longer than 32 characters, and a duplicate control id', () => {
    expect(problemsOf(xml.replace('id="JX.Evaluate"', 'id="JX.Evaluate.ThisIdIsWayTooLongForOffice"'), 'ids')).toEqual([
      expect.stringMatching(/is 39 characters long/),
    ]);
    expect(problemsOf(xml.replace('id="JX.ClearMarks"', 'id="JX.Evaluate"'), 'ids')).toEqual([expect.stringMatching(/used twice/)]);
  });

  test('a URL outside the base', () => {
    const broken = xml.replace('https://localhost:3000/assets/eval-32.png', 'https://cdn.example.com/eval-32.png');
    expect(problemsOf(broken, 'urls')).toEqual([expect.stringMatching(/JX.Eval.32.*does not start with the base/)]);
    // Without an explicit base the folder of DefaultSettings/SourceLocation is the base.
    expect(rules(check.checkManifest(broken).problems, 'urls')).toHaveLength(1);
  });

  test('a missing en-US override', () => {
    const broken = xml.replace('<bt:Override Locale="en-US" Value="Clear Marks"/>', '');
    expect(problemsOf(broken, 'locales')).toEqual([expect.stringMatching(/JX.ClearMarks.Label has no <Override Locale="en-US">/)]);
  });

  test('an icon list without its 80 px image', async () => {
    const broken = xml.replace('<bt:Image size="80" resid="JX.Clear.80"/>', '');
    expect(problemsOf(broken, 'icons')).toEqual([expect.stringMatching(/<Icon> has no 80px image/)]);
  });

  test('schema errors: elements out of order or missing', async () => {
    const result = await check.validateSchema(xml.replace('<Permissions>ReadWriteDocument</Permissions>', ''), { schemaDir });
    expect(result.valid).toBe(false);
    expect(result.errors.join('\n')).toMatch(/Permissions/);
  });
});

describe('schema folder', () => {
  test('the XSDs are part of the repository', () => {
    expect(schemaDir).toBe(path.join(ROOT, 'schemas', 'office-manifest'));
    expect(fs.existsSync(path.join(schemaDir, 'OfficeAppManifestV1_1.xsd'))).toBe(true);
    expect(fs.existsSync(path.join(schemaDir, 'README.md'))).toBe(true);
  });

  test('a folder without XSDs fails with a message that names it', () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-noschemas-'));
    try {
      expect(() => check.findSchemaDir(empty)).toThrow(/Office manifest schemas not found: .*jixiao-noschemas-.* holds no .xsd/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('base URL rewriting', () => {
  test('the default base leaves the manifest unchanged', () => {
    expect(check.rewriteManifestBase(xml, check.DEV_BASE)).toBe(xml);
  });

  test('bases are normalised or rejected', () => {
    expect(check.normalizeBase('https://intranet.example/jixiao')).toBe('https://intranet.example/jixiao/');
    expect(check.normalizeBase(' https://Intranet.Example:8443/ ')).toBe('https://intranet.example:8443/');
    expect(() => check.normalizeBase('intranet/jixiao/')).toThrow(/not an absolute URL/);
    expect(() => check.normalizeBase('ftp://intranet.example/')).toThrow(/https/);
    expect(() => check.normalizeBase('https://intranet.example/?a=1')).toThrow(/query/);
  });

  test('every URL moves, XML-escaped; AppDomain entries move to the new origin', () => {
    const withDomain = xml.replace('<Hosts>', '<AppDomains><AppDomain>https://localhost:3000</AppDomain></AppDomains>\n  <Hosts>');
    const out = check.rewriteManifestBase(withDomain, 'https://x.example/a&b/');
    expect(out).not.toContain('localhost');
    expect(out).toContain('<SourceLocation DefaultValue="https://x.example/a&amp;b/taskpane.html"/>');
    expect(out).toContain('<AppDomain>https://x.example</AppDomain>');
    const checked = check.checkManifest(out, { base: 'https://x.example/a&b/' });
    expect(checked.problems).toEqual([]);
  });
});

describe('production build (webpack --mode production) with ADDIN_BASE_URL', () => {
  const BASE = 'https://jixiao.intranet.example/addin/';
  let out: string;
  let distXml: string;

  beforeAll(() => {
    out = fs.mkdtempSync(path.join(os.tmpdir(), 'jixiao-dist-'));
    // webpack-cli's "main" is its library; the command line is bin/cli.js beside it.
    const cli = path.join(path.dirname(require.resolve('webpack-cli')), '..', 'bin', 'cli.js');
    execFileSync(process.execPath, [cli, '--mode', 'production', '--output-path', out], {
      cwd: ROOT,
      env: { ...process.env, ADDIN_BASE_URL: BASE },
      stdio: 'pipe',
    });
    distXml = fs.readFileSync(path.join(out, 'manifest.xml'), 'utf8');
  }, 180000);

  afterAll(() => {
    if (out) fs.rmSync(out, { recursive: true, force: true });
  });

  test('dist/manifest.xml has every URL rewritten to the given base and nothing else changed', () => {
    expect(distXml).not.toContain('localhost');
    expect(distXml).toBe(xml.split(check.DEV_BASE).join(BASE));
    const checked = check.checkManifest(distXml, { base: BASE });
    expect(checked.problems).toEqual([]);
    expect(checked.urls.length).toBe(check.checkManifest(xml).urls.length);
    for (const u of checked.urls) expect(u.url.startsWith(BASE)).toBe(true);
  });

  test('dist/manifest.xml validates against the XSDs, and every file it names was built', async () => {
    const result = await check.validateManifest(distXml, { base: BASE, schemaDir, root: out });
    expect(result.schema.errors).toEqual([]);
    expect(result.problems).toEqual([]);
    expect(result.ok).toBe(true);
  });

  test('the pages load office.js and their own bundle, nothing else from outside', () => {
    for (const page of ['taskpane.html', 'commands.html']) {
      const html = fs.readFileSync(path.join(out, page), 'utf8');
      const refs = [...html.matchAll(/\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
      const external = refs.filter((r) => /^(?:[a-z]+:)?\/\//i.test(r));
      expect(external).toEqual([OFFICE_JS]);
      const bundle = refs.find((r) => r.endsWith('.js') && r !== OFFICE_JS);
      expect(bundle).toBeDefined();
      expect(fs.existsSync(path.join(out, bundle as string))).toBe(true);
      // office.js comes before the (deferred) bundle.
      expect(html.indexOf(OFFICE_JS)).toBeLessThan(html.indexOf(bundle as string));
    }
  });
});
