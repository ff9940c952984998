#!/usr/bin/env node
'use strict';
// Validates an add-in manifest offline (npm run validate): XSD validation against the schemas kept in
// schemas/office-manifest plus the checks XSD cannot do (see scripts/manifest-check.js). With --online
// it then runs Microsoft's `office-addin-manifest validate` too, which needs the network: when the
// service cannot be reached that step is reported as skipped and the offline result stands.
//
//   node scripts/validate-manifest.js                      manifest.xml, base https://localhost:3000/
//   node scripts/validate-manifest.js dist/manifest.xml --base https://intranet.example/jixiao/
//   node scripts/validate-manifest.js --offline            the XSD and cross-reference checks only
//
// The files the URLs point at are looked up beside the manifest (assets/ in the repository, or the
// build output for dist/manifest.xml); pages the build generates are skipped for the source manifest.
// Exit code 0 when valid, 1 when not, 2 on usage errors or missing schemas.

const { spawnSync } = require('child_process');
const fs = require('fs');
const path = require('path');
const check = require('./manifest-check');

function usage(message) {
  if (message) console.error(message);
  console.error('usage: node scripts/validate-manifest.js [manifest.xml] [--base URL] [--no-files] [--offline]');
  process.exit(2);
}

async function main(argv) {
  let file = null;
  let base = null;
  let files = true;
  let online = true;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--base') base = argv[++i] || usage('--base needs a URL');
    else if (a === '--no-files') files = false;
    else if (a === '--offline') online = false;
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
  console.log(
    `${rel}: XSD (${result.schema.schemaFiles.length} schemas in ${path.relative(process.cwd(), schemaDir)}): ${result.schema.valid ? 'valid' : 'INVALID'}`,
  );
  for (const e of result.schema.errors) console.log(`  ${e}`);
  console.log(
    `${rel}: base ${result.checked.base}, ${result.checked.urls.length} URLs, ${result.problems.length} problem(s), ${result.warnings.length} warning(s)`,
  );
  for (const p of result.problems) console.log(`  error [${p.rule}] ${p.message}`);
  for (const w of result.warnings) console.log(`  warning [${w.rule}] ${w.message}`);
  const onlineOk = online ? validateOnline(manifest, rel) : true;
  process.exit(result.ok && onlineOk ? 0 : 1);
}

/**
 * Microsoft's own check (office-addin-manifest validate posts the manifest to its validation service).
 * Returns false only when the service answered that the manifest is invalid; an unreachable service
 * (no network, a closed intranet) is reported and skipped.
 */
function validateOnline(manifest, rel) {
  const cli = path.join(path.dirname(require.resolve('office-addin-manifest/package.json')), 'cli.js');
  const run = spawnSync(process.execPath, [cli, 'validate', manifest], { encoding: 'utf8', timeout: 60000 });
  const output = `${run.stdout || ''}${run.stderr || ''}`.trim();
  if (run.error || /Unable to contact|ENOTFOUND|ECONNREFUSED|ETIMEDOUT|EAI_AGAIN/.test(output)) {
    console.log(`${rel}: office-addin-manifest validate: skipped, the validation service cannot be reached (offline checks above stand)`);
    return true;
  }
  console.log(`${rel}: office-addin-manifest validate:`);
  for (const line of output.split('\n')) console.log(`  ${line}`);
  return run.status === 0;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(2);
});
