'use strict';
// Offline checks for the add-in's XML manifest, shared by `npm run validate`
// (scripts/validate-manifest.js), the jest tests (tests/manifest) and the webpack build.
//
// 1. XSD validation against every .xsd in schemas/office-manifest (kept in the repository), with
//    libxml2 compiled to WebAssembly (xmllint-wasm).
// 2. What XSD cannot check: every resid names a resource of the right kind, ids are at most 32
//    characters, every URL starts with one base, every string has its en-US override, icon lists
//    have the mandatory sizes, and the files the URLs point at exist with the right pixel sizes.
//
// CommonJS with no dependencies besides xmllint-wasm, so node scripts and webpack can require it.

const fs = require('fs');
const path = require('path');

const REPO_ROOT = path.resolve(__dirname, '..');
/** The development base every URL in the committed manifest.xml starts with. */
const DEV_BASE = 'https://localhost:3000/';
/** Pages the build writes (html-webpack-plugin); they do not exist in the source tree. */
const GENERATED_PAGES = ['taskpane.html', 'commands.html'];
/** The manifest XSDs, kept in the repository. */
const SCHEMA_DIR = path.join(REPO_ROOT, 'schemas', 'office-manifest');
const MAX_ID_LENGTH = 32;

const NS = {
  app: 'http://schemas.microsoft.com/office/appforoffice/1.1',
  bt: 'http://schemas.microsoft.com/office/officeappbasictypes/1.0',
  ov: 'http://schemas.microsoft.com/office/taskpaneappversionoverrides',
  xsi: 'http://www.w3.org/2001/XMLSchema-instance',
  xml: 'http://www.w3.org/XML/1998/namespace',
};

// ---------------------------------------------------------------------------------------------
// Schema folder

/**
 * The manifest XSDs kept in the repository (schemas/office-manifest, see its README for source and
 * licence). Throws an error that names the folder if it is missing or holds no .xsd.
 */
function findSchemaDir(dir = SCHEMA_DIR) {
  try {
    if (fs.statSync(dir).isDirectory() && fs.readdirSync(dir).some((f) => f.endsWith('.xsd'))) return dir;
  } catch {
    /* reported below */
  }
  throw new Error(`Office manifest schemas not found: ${dir} holds no .xsd files (they are part of the repository).`);
}

/** Reads every .xsd of `dir`. The main schema is the one whose targetNamespace is the root's. */
function loadSchemas(dir, rootNamespace = NS.app) {
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xsd'))
    .sort()
    .map((fileName) => ({ fileName, contents: fs.readFileSync(path.join(dir, fileName), 'utf8') }));
  const targetNamespace = (xsd) => (/targetNamespace\s*=\s*"([^"]*)"/.exec(xsd) || [])[1];
  const main = files.find((f) => targetNamespace(f.contents) === rootNamespace);
  if (!main) throw new Error(`No .xsd in ${dir} has targetNamespace ${rootNamespace}.`);
  return { main, others: files.filter((f) => f !== main), dir };
}

/**
 * XSD-validates `xml` with libxml2 (xmllint-wasm). The main schema is given to xmllint, all the other
 * .xsd files are preloaded under their own names so its xs:import schemaLocation="…" resolve offline.
 * @returns {Promise<{valid: boolean, errors: string[], schemaFiles: string[], schemaDir: string}>}
 */
async function validateSchema(xml, { schemaDir = findSchemaDir(), fileName = 'manifest.xml' } = {}) {
  const { validateXML } = require('xmllint-wasm');
  const rootNs = documentNamespace(xml) || NS.app;
  const { main, others } = loadSchemas(schemaDir, rootNs);
  const result = await validateXML({
    xml: [{ fileName, contents: xml }],
    schema: [main],
    preload: others,
  });
  return {
    valid: result.valid,
    errors: result.errors.map((e) => e.rawMessage).filter((m) => m.trim() !== ''),
    schemaFiles: [main, ...others].map((f) => f.fileName),
    schemaDir,
  };
}

// ---------------------------------------------------------------------------------------------
// A small namespace-aware XML reader (the input has passed, or will pass, libxml2; this only needs
// to walk it). Elements: { name, local, ns, attrs: {qname: value}, children, text, line, parent }.

const ENTITIES = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return Object.prototype.hasOwnProperty.call(ENTITIES, e) ? ENTITIES[e] : m;
  });
}

function parseXml(text) {
  const doc = {
    name: '#document',
    local: '#document',
    ns: null,
    attrs: {},
    children: [],
    text: '',
    line: 1,
    parent: null,
    scope: { xml: NS.xml },
  };
  let current = doc;
  let i = 0;
  let line = 1;
  const advance = (to) => {
    for (let k = i; k < to; k++) if (text.charCodeAt(k) === 10) line++;
    i = to;
  };
  const skipPast = (marker, from) => {
    const end = text.indexOf(marker, from);
    if (end < 0) throw new Error(`XML: unterminated ${text.slice(from - 2, from + 7)}… at line ${line}`);
    advance(end + marker.length);
  };
  const tagRe = /<([^\s/>!?]+)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
  const attrRe = /([^\s=/>]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
  while (i < text.length) {
    const lt = text.indexOf('<', i);
    if (lt < 0) {
      current.text += decodeEntities(text.slice(i));
      break;
    }
    if (lt > i) current.text += decodeEntities(text.slice(i, lt));
    advance(lt);
    if (text.startsWith('<!--', lt)) skipPast('-->', lt + 4);
    else if (text.startsWith('<![CDATA[', lt)) {
      const end = text.indexOf(']]>', lt);
      current.text += text.slice(lt + 9, end);
      skipPast(']]>', lt);
    } else if (text.startsWith('<?', lt) || text.startsWith('<!', lt)) skipPast('>', lt);
    else if (text.startsWith('</', lt)) {
      const gt = text.indexOf('>', lt);
      const name = text.slice(lt + 2, gt).trim();
      if (name !== current.name) throw new Error(`XML: </${name}> closes <${current.name}> at line ${line}`);
      current = current.parent;
      advance(gt + 1);
    } else {
      tagRe.lastIndex = lt;
      const m = tagRe.exec(text);
      if (!m) throw new Error(`XML: malformed tag at line ${line}`);
      const attrs = {};
      for (const a of m[2].matchAll(attrRe)) attrs[a[1]] = decodeEntities(a[2] !== undefined ? a[2] : a[3]);
      const scope = Object.create(current.scope);
      for (const [k, v] of Object.entries(attrs)) {
        if (k === 'xmlns') scope[''] = v;
        else if (k.startsWith('xmlns:')) scope[k.slice(6)] = v;
      }
      const colon = m[1].indexOf(':');
      const prefix = colon < 0 ? '' : m[1].slice(0, colon);
      const el = {
        name: m[1],
        local: colon < 0 ? m[1] : m[1].slice(colon + 1),
        ns: scope[prefix] || null,
        attrs,
        children: [],
        text: '',
        line,
        parent: current,
        scope,
      };
      current.children.push(el);
      advance(lt + m[0].length);
      if (!m[3]) current = el;
    }
  }
  if (current !== doc) throw new Error(`XML: <${current.name}> (line ${current.line}) is never closed`);
  const root = doc.children[0];
  if (!root) throw new Error('XML: no root element');
  return root;
}

function documentNamespace(xml) {
  try {
    return parseXml(xml).ns;
  } catch {
    return null;
  }
}

function* walk(el) {
  yield el;
  for (const c of el.children) yield* walk(c);
}

const childrenOf = (el, ns, local) => (el ? el.children.filter((c) => c.ns === ns && c.local === local) : []);
const childOf = (el, ns, local) => childrenOf(el, ns, local)[0];
/** Local part of an xsi:type value ("ov:Button" → "Button"). */
const xsiType = (el) => {
  const key = Object.keys(el.attrs).find((k) => {
    const c = k.indexOf(':');
    return c > 0 && k.slice(c + 1) === 'type' && el.scope[k.slice(0, c)] === NS.xsi;
  });
  return key ? el.attrs[key].replace(/^.*:/, '') : undefined;
};

// ---------------------------------------------------------------------------------------------
// Base URL

/**
 * Normalises a deployment base URL: absolute http(s), no query or fragment, ending in "/".
 * Throws a readable error otherwise.
 */
function normalizeBase(value) {
  let url;
  try {
    url = new URL(String(value).trim());
  } catch {
    throw new Error(`Base URL "${value}" is not an absolute URL (expected e.g. https://intranet.example/jixiao/).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Base URL "${value}" must use https:// (or http://).`);
  if (url.search || url.hash || url.username || url.password) {
    throw new Error(`Base URL "${value}" must not have a query, fragment or credentials.`);
  }
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

const escapeXml = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Rewrites every URL of a manifest from `fromBase` to `toBase` (AppDomain entries, which are origins,
 * move to the new origin). Used by the build to write dist/manifest.xml.
 */
function rewriteManifestBase(xml, toBase, fromBase = DEV_BASE) {
  const to = normalizeBase(toBase);
  const from = normalizeBase(fromBase);
  const fromOrigin = new URL(from).origin;
  const toOrigin = new URL(to).origin;
  return xml
    .split(escapeXml(from))
    .join(escapeXml(to))
    .replace(/(<(?:\w+:)?AppDomain>\s*)([^<]*?)(\s*<\/(?:\w+:)?AppDomain>)/g, (m, open, value, close) =>
      value.replace(/\/$/, '') === fromOrigin ? open + escapeXml(toOrigin) + close : m,
    );
}

// ---------------------------------------------------------------------------------------------
// Cross-reference checks

/** Which resource collection a resid on an element of this local name must point into. */
const RESID_KIND = {
  Image: 'Images',
  SourceLocation: 'Urls',
  FunctionFile: 'Urls',
  LearnMoreUrl: 'Urls',
  Label: 'ShortStrings',
  Title: 'ShortStrings',
  Namespace: 'ShortStrings',
  Description: 'LongStrings',
};
const RESOURCE_KINDS = ['Images', 'Urls', 'ShortStrings', 'LongStrings'];
const MANDATORY_ICON_SIZES = [16, 32, 80];

/**
 * @typedef {{rule: string, message: string, line?: number}} Problem
 * @typedef {{where: string, url: string, line: number, kind: 'url' | 'domain', resid?: string, size?: number}} UrlRef
 */

/**
 * Checks what the XSD cannot. `base`: the URL every URL must start with (default: the folder of
 * DefaultSettings/SourceLocation). `locales`: locales every display string must have an Override for.
 * @returns {{problems: Problem[], warnings: Problem[], base: string | null, urls: UrlRef[],
 *   functionNames: string[], taskpaneIds: string[], defaultLocale: string | null,
 *   requirements: {name: string, minVersion: string | null}[]}}
 */
function checkManifest(xml, { base, locales = ['en-US'] } = {}) {
  /** @type {Problem[]} */
  const problems = [];
  /** @type {Problem[]} */
  const warnings = [];
  const problem = (rule, message, el) =>
    problems.push({ rule, message: el ? `line ${el.line}: ${message}` : message, line: el && el.line });
  const warn = (rule, message, el) => warnings.push({ rule, message: el ? `line ${el.line}: ${message}` : message, line: el && el.line });

  const root = parseXml(xml);
  const result = { problems, warnings, base: null, urls: [], functionNames: [], taskpaneIds: [], defaultLocale: null, requirements: [] };
  if (root.ns !== NS.app || root.local !== 'OfficeApp') {
    problem('root', `root element is <${root.name}> in ${root.ns}, expected OfficeApp in ${NS.app}`, root);
    return result;
  }
  if (xsiType(root) !== 'TaskPaneApp') problem('root', `OfficeApp xsi:type is ${xsiType(root)}, expected TaskPaneApp`, root);
  const defaultLocale = (childOf(root, NS.app, 'DefaultLocale') || { text: '' }).text.trim() || null;
  result.defaultLocale = defaultLocale;
  for (const set of walk(childOf(root, NS.app, 'Requirements') || root)) {
    if (set.local === 'Set' && set.ns === NS.app) {
      result.requirements.push({ name: set.attrs.Name, minVersion: set.attrs.MinVersion || set.parent.attrs.DefaultMinVersion || null });
    }
  }

  const overrides = childOf(root, NS.ov, 'VersionOverrides');
  const resources = childOf(overrides, NS.ov, 'Resources');

  // Resources by kind, and duplicate ids across all of them.
  /** @type {Record<string, Map<string, any>>} */
  const byKind = {};
  const allResourceIds = new Map();
  for (const kind of RESOURCE_KINDS) {
    byKind[kind] = new Map();
    for (const item of childOf(resources, NS.bt, kind) ? childOf(resources, NS.bt, kind).children : []) {
      const id = item.attrs.id;
      if (allResourceIds.has(id)) problem('ids', `resource id "${id}" is defined twice (also line ${allResourceIds.get(id).line})`, item);
      allResourceIds.set(id, item);
      byKind[kind].set(id, item);
    }
  }

  // Every resid resolves, to the right kind of resource.
  const used = new Set();
  for (const el of walk(root)) {
    const resid = el.attrs.resid;
    if (resid === undefined) continue;
    used.add(resid);
    const kind = RESID_KIND[el.local];
    if (kind && byKind[kind].has(resid)) continue;
    if (!kind && allResourceIds.has(resid)) continue;
    const other = RESOURCE_KINDS.find((k) => byKind[k].has(resid));
    const want = kind ? `a resource in bt:${kind}` : 'a resource';
    problem('resid', `<${el.name} resid="${resid}"> does not name ${want}${other ? ` (it is in bt:${other})` : ''}`, el);
  }
  for (const [id, item] of allResourceIds) if (!used.has(id)) warn('resid', `resource "${id}" is never used`, item);

  // Ids: at most 32 characters; control, group and tab ids unique.
  const uiIds = new Map();
  for (const el of walk(root)) {
    const checks = [];
    if (el.attrs.id !== undefined) checks.push(['id', el.attrs.id]);
    if (el.attrs.resid !== undefined) checks.push(['resid', el.attrs.resid]);
    if (el.local === 'TaskpaneId' && el.ns === NS.ov) {
      checks.push(['TaskpaneId', el.text.trim()]);
      result.taskpaneIds.push(el.text.trim());
    }
    for (const [what, value] of checks) {
      if (value.length > MAX_ID_LENGTH)
        problem('ids', `${what} "${value}" is ${value.length} characters long (at most ${MAX_ID_LENGTH})`, el);
      if (value.length === 0) problem('ids', `${what} is empty`, el);
    }
    if (el.ns === NS.ov && el.attrs.id !== undefined) {
      if (uiIds.has(el.attrs.id)) problem('ids', `id "${el.attrs.id}" is used twice (also line ${uiIds.get(el.attrs.id).line})`, el);
      uiIds.set(el.attrs.id, el);
    }
  }

  // URLs.
  /** @type {UrlRef[]} */
  const urls = [];
  const addLocaleAware = (el, where) => {
    if (!el) return;
    if (el.attrs.DefaultValue !== undefined) urls.push({ where, url: el.attrs.DefaultValue, line: el.line, kind: 'url' });
    for (const o of el.children.filter((c) => c.local === 'Override')) {
      urls.push({ where: `${where} (${o.attrs.Locale})`, url: o.attrs.Value, line: o.line, kind: 'url' });
    }
  };
  addLocaleAware(childOf(childOf(root, NS.app, 'DefaultSettings'), NS.app, 'SourceLocation'), 'DefaultSettings/SourceLocation');
  for (const name of ['IconUrl', 'HighResolutionIconUrl', 'SupportUrl']) addLocaleAware(childOf(root, NS.app, name), name);
  for (const d of childrenOf(childOf(root, NS.app, 'AppDomains'), NS.app, 'AppDomain')) {
    urls.push({ where: 'AppDomain', url: d.text.trim(), line: d.line, kind: 'domain' });
  }
  for (const kind of ['Images', 'Urls']) {
    for (const [id, item] of byKind[kind]) {
      const before = urls.length;
      addLocaleAware(item, `bt:${item.local} ${id}`);
      for (const u of urls.slice(before)) u.resid = id;
    }
  }
  result.urls = urls;

  let expectedBase = null;
  if (base) expectedBase = normalizeBase(base);
  else {
    const source = urls.find((u) => u.where === 'DefaultSettings/SourceLocation');
    if (source) {
      try {
        expectedBase = new URL('./', source.url).href;
      } catch {
        /* reported below */
      }
    }
  }
  result.base = expectedBase;
  if (!expectedBase) problem('urls', 'no base URL: DefaultSettings/SourceLocation is missing or not a URL');
  for (const u of urls) {
    let parsed = null;
    try {
      parsed = new URL(u.url);
    } catch {
      problem('urls', `${u.where}: "${u.url}" is not an absolute URL`, { line: u.line });
      continue;
    }
    if (expectedBase) {
      const ok = u.kind === 'domain' ? parsed.origin === new URL(expectedBase).origin : u.url.startsWith(expectedBase);
      if (!ok) problem('urls', `${u.where}: "${u.url}" does not start with the base ${expectedBase}`, { line: u.line });
    }
    if (parsed.protocol !== 'https:') warn('urls', `${u.where}: "${u.url}" is not https (Office requires https)`, { line: u.line });
  }

  // Locales: DisplayName, Description and every bt:String have an Override for each locale.
  const localized = [
    ['DisplayName', childOf(root, NS.app, 'DisplayName')],
    ['Description', childOf(root, NS.app, 'Description')],
  ];
  for (const kind of ['ShortStrings', 'LongStrings']) for (const [id, item] of byKind[kind]) localized.push([`bt:String ${id}`, item]);
  for (const [what, el] of localized) {
    if (!el) continue;
    const have = new Set(el.children.filter((c) => c.local === 'Override').map((o) => o.attrs.Locale));
    for (const locale of locales) {
      if (!have.has(locale)) problem('locales', `${what} has no <Override Locale="${locale}">`, el);
    }
    if (defaultLocale && have.has(defaultLocale)) warn('locales', `${what} overrides its own default locale ${defaultLocale}`, el);
  }

  // Icon lists have the mandatory sizes; remember which sizes each image is used at.
  const imageSizes = new Map();
  for (const el of walk(root)) {
    if (el.local !== 'Icon' || el.ns !== NS.ov) continue;
    const sizes = new Set();
    for (const img of childrenOf(el, NS.bt, 'Image')) {
      const size = Number(img.attrs.size);
      sizes.add(size);
      if (!imageSizes.has(img.attrs.resid)) imageSizes.set(img.attrs.resid, new Set());
      imageSizes.get(img.attrs.resid).add(size);
    }
    for (const s of MANDATORY_ICON_SIZES) if (!sizes.has(s)) problem('icons', `<Icon> has no ${s}px image`, el);
  }
  for (const [resid, sizes] of imageSizes) {
    if (sizes.size > 1) problem('icons', `image ${resid} is used at several sizes (${[...sizes].join(', ')})`);
    for (const u of urls) if (u.resid === resid) u.size = [...sizes][0];
  }
  for (const u of urls) {
    if (u.where.startsWith('IconUrl')) u.size = 32;
    if (u.where.startsWith('HighResolutionIconUrl')) u.size = 64;
  }

  // Commands: ExecuteFunction needs a FunctionFile; remember function names.
  for (const el of walk(root)) {
    if (el.local === 'FunctionName' && el.ns === NS.ov) result.functionNames.push(el.text.trim());
  }
  if (overrides) {
    for (const ff of walk(overrides)) {
      if (ff.local !== 'DesktopFormFactor') continue;
      const actions = [...walk(ff)].filter((a) => a.local === 'Action' && xsiType(a) === 'ExecuteFunction');
      if (actions.length && !childOf(ff, NS.ov, 'FunctionFile')) problem('commands', 'ExecuteFunction buttons but no <FunctionFile>', ff);
    }
  }

  return result;
}

/** Width and height of a PNG file, or null if it is not a PNG. */
function pngSize(buffer) {
  const signature = '89504e470d0a1a0a';
  if (buffer.length < 24 || buffer.subarray(0, 8).toString('hex') !== signature || buffer.toString('ascii', 12, 16) !== 'IHDR') {
    return null;
  }
  return { width: buffer.readUInt32BE(16), height: buffer.readUInt32BE(20) };
}

/**
 * Checks that every URL under `base` names a file in `root` (except `generated` pages the build
 * writes), and that icons are PNGs of the size they are used at.
 * @param {ReturnType<typeof checkManifest>} checked
 * @returns {Problem[]}
 */
function checkFiles(checked, { root, generated = [] }) {
  const problems = [];
  if (!checked.base) return problems;
  for (const u of checked.urls) {
    if (u.kind !== 'url' || !u.url.startsWith(checked.base)) continue;
    const rel = decodeURIComponent(new URL(u.url).pathname.slice(new URL(checked.base).pathname.length));
    if (generated.includes(rel)) continue;
    const file = path.join(root, rel);
    if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
      problems.push({ rule: 'files', message: `${u.where}: ${rel} does not exist in ${root}`, line: u.line });
      continue;
    }
    if (u.size) {
      const size = pngSize(fs.readFileSync(file));
      if (!size) problems.push({ rule: 'files', message: `${u.where}: ${rel} is not a PNG`, line: u.line });
      else if (size.width !== u.size || size.height !== u.size) {
        problems.push({
          rule: 'files',
          message: `${u.where}: ${rel} is ${size.width}x${size.height}, used as ${u.size}x${u.size}`,
          line: u.line,
        });
      }
    }
  }
  return problems;
}

/**
 * Everything at once: XSD validation, cross-reference checks and (if `root` is given) the files.
 * @returns {Promise<{ok: boolean, schema: Awaited<ReturnType<typeof validateSchema>>,
 *   checked: ReturnType<typeof checkManifest>, problems: Problem[], warnings: Problem[]}>}
 */
async function validateManifest(xml, { base, locales, schemaDir, root, generated, fileName } = {}) {
  const schema = await validateSchema(xml, { schemaDir: schemaDir || findSchemaDir(), fileName });
  const checked = checkManifest(xml, { base, locales });
  const problems = [...checked.problems, ...(root ? checkFiles(checked, { root, generated }) : [])];
  return { ok: schema.valid && problems.length === 0, schema, checked, problems, warnings: checked.warnings };
}

module.exports = {
  REPO_ROOT,
  SCHEMA_DIR,
  DEV_BASE,
  GENERATED_PAGES,
  MAX_ID_LENGTH,
  NS,
  findSchemaDir,
  loadSchemas,
  validateSchema,
  parseXml,
  normalizeBase,
  rewriteManifestBase,
  checkManifest,
  checkFiles,
  pngSize,
  validateManifest,
};
