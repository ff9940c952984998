#!/usr/bin/env node
'use strict';
// Validates an add-in manifest offline (npm run validate): XSD validation against
// ../shared/office-manifest-schemas plus the checks XSD cannot do (see scripts/manifest-check.js).
//
//   node scripts/validate-manifest.js                      manifest.xml, base https://localhost:3000/
//   node scripts/validate-manifest.js dist/manifest.xml --base https://intranet.example/jixiao/
//
// The files the URLs point at are looked up beside the manifest (assets/ in the repository, or the
// build output for dist/manifest.xml); pages the build generates are skipped for the source manifest.
// Exit code 0 when valid, 1 when not, 2 on usage errors or missing schemas.

const fs = require('fs');
const path = require('path');
const check = require('./manifest-check');

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/validate-manifest.js [manifest.xml] [--base URL] [--no-files]');
  process.exit(2);
}

async function main(argv) {
  let file = null;
  let base = null;
  let files = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--base') base = argv[++i] || usage('--base needs a URL');
    else if (a === '--no-files') files = false;
    else if (a === '-h' || a === '--help') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (file) usage('only one manifest at a time');
    else file = a;
  }
  const manifest = path.resolve(file || path.join(check.REPO_ROOT, 'manifest.xml'));
  const root = path.dirname(manifest);
  const isSource = root === check.REPO_ROOT;
  if (!base && isSource) base = check.DEV_BASE;

  let schemaDir;
  try {
    schemaDir = check.findSchemaDir();
  } catch (e) {
    console.error(e.message);
    process.exit(2);
  }
  const xml = fs.readFileSync(manifest, 'utf8');
  const result = await check.validateManifest(xml, {
    base: base || undefined,
    schemaDir,
    root: files ? root : undefined,
    generated: isSource ? check.GENERATED_PAGES : [],
    fileName: path.basename(manifest),
  });

  const rel = path.relative(process.cwd(), manifest) || manifest;
  console.log(`${rel}: XSD (${result.schema.schemaFiles.length} schemas in ${path.relative(process.cwd(), schemaDir)}): ${result.schema.valid ? 'valid' : 'INVALID'}`);
  for (const e of result.schema.errors) console.log(`  ${e}`);
  console.log(`${rel}: base ${result.checked.base}, ${result.checked.urls.length} URLs, ${result.problems.length} problem(s), ${result.warnings.length} warning(s)`);
  for (const p of result.problems) console.log(`  error [${p.rule}] ${p.message}`);
  for (const w of result.warnings) console.log(`  warning [${w.rule}] ${w.message}`);
  process.exit(result.ok ? 0 : 1);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(2);
});
