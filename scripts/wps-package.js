'use strict';
// Packages the built WPS 表格 add-in (webpack.wps.config.js runs this after emitting):
//
//   <out>/<name>_<version>/        the add-in folder (webpack output): ribbon.xml, index.html, main.js,
//                                  taskpane.html, scripts, assets/
//   <out>/<name>_<version>.7z      the same folder as wpsjs build packs it (root entry <name>_<version>/),
//                                  for a jsplugins.xml server; 7za from the 7zip-bin npm package (else a
//                                  7z on PATH; without any, jsplugins.xml names the .zip)
//   <out>/<name>_<version>.zip     the same folder as a zip (for people and tools without 7-Zip)
//   <out>/publish.xml              offline registration record (what the install scripts write)
//   <out>/jsplugins.xml            record for a jsplugins.xml server (enterprise deployment via oem.ini)
//   <out>/install-windows.bat|.ps1, uninstall-windows.bat|.ps1    %APPDATA%\kingsoft\wps\jsaddons
//   <out>/install-linux.sh, uninstall-linux.sh                     ~/.local/share/Kingsoft/wps/jsaddons
//   <out>/README.md                wps/INSTALL.md (installation; wps/README.md is the full guide)
//
// Also usable on its own: node scripts/wps-package.js [outDir]

const fs = require('fs');
const path = require('path');
const { execFileSync } = require('child_process');

const ROOT = path.resolve(__dirname, '..');
/** A fixed timestamp for archive entries: the same build gives the same archive. */
const ZIP_DATE = new Date(Date.UTC(2020, 0, 1, 0, 0, 0));

function readPackage() {
  return JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
}

function xmlAttr(s) {
  return String(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
}

/** The offline record: WPS loads jsaddons/<name>_<version>/ for it. */
function publishEntry(name, version) {
  const folder = `${name}_${version}`;
  return `<jsplugin name="${xmlAttr(name)}" type="et" url="${xmlAttr(folder)}" version="${xmlAttr(version)}" enable="enable_dev" install="null" customDomain=""/>`;
}

function publishXml(name, version) {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 离线登记记录：install-windows / install-linux 脚本把下面这一条写入 jsaddons 目录下的 publish.xml
     （保留其中其他加载项的记录），并把 ${name}_${version} 文件夹复制到 jsaddons 目录。 -->
<jsplugins>
  ${publishEntry(name, version)}
</jsplugins>
`;
}

function jspluginsXml(name, version, archive = `${name}_${version}.7z`) {
  const folder = `${name}_${version}`;
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- 企业部署（jsplugins.xml 模式，与 wpsjs build 的离线包相同：7z 压缩包，内含 ${folder} 文件夹）：
     1. 把 ${archive} 放到内网文件服务器上；
     2. 把下面 url 改成该压缩包的完整地址；
     3. 把本文件也放到服务器上，在每台电脑 WPS 安装目录 office6/cfgs/oem.ini 的 [Server] 节中设置
        JSPluginsServer=本文件的完整地址（[Support] 节中 JsApiPlugin=true）。
     WPS 启动时下载本文件和压缩包，解压到 jsaddons/${folder}/。详见 README.md。 -->
<jsplugins>
  <jsplugin name="${xmlAttr(name)}" type="et" version="${xmlAttr(version)}" url="${xmlAttr(archive)}"/>
</jsplugins>
`;
}

function listFiles(dir, base = dir) {
  const out = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(full, base));
    else out.push(path.relative(base, full).split(path.sep).join('/'));
  }
  return out;
}

async function writeZip(addinDir, folder, zipFile) {
  const JSZip = require('jszip');
  const zip = new JSZip();
  zip.folder(folder, { date: ZIP_DATE });
  for (const rel of listFiles(addinDir)) {
    zip.file(`${folder}/${rel}`, fs.readFileSync(path.join(addinDir, rel)), { date: ZIP_DATE, createFolders: false });
  }
  const data = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 }, platform: 'UNIX' });
  fs.writeFileSync(zipFile, data);
}

/**
 * A 7-Zip program: the one npm installs with the project (7zip-bin, prebuilt for Windows, macOS and
 * Linux), else one on PATH; null when neither runs. The npm tarball may drop the executable bit.
 */
function find7z() {
  const candidates = [];
  try {
    candidates.push(require('7zip-bin').path7za);
  } catch {
    // not installed (npm ci --omit=dev)
  }
  candidates.push('7z', '7za', '7zr');
  for (const exe of candidates) {
    try {
      if (path.isAbsolute(exe) && fs.existsSync(exe) && process.platform !== 'win32') {
        try {
          fs.accessSync(exe, fs.constants.X_OK);
        } catch {
          fs.chmodSync(exe, 0o755);
        }
      }
      execFileSync(exe, ['i'], { stdio: 'ignore' });
      return exe;
    } catch {
      // not there, or not runnable here
    }
  }
  return null;
}

function template(file, vars, { crlf = false, bom = false } = {}) {
  let text = fs.readFileSync(path.join(ROOT, 'wps', 'scripts', file), 'utf8');
  for (const [k, v] of Object.entries(vars)) text = text.split(`@${k}@`).join(v);
  text = text.replace(/\r\n/g, '\n');
  if (crlf) text = text.replace(/\n/g, '\r\n');
  return (bom ? '\ufeff' : '') + text;
}

/**
 * Writes the archive, the registration records, the install scripts and the README next to the add-in
 * folder `<outRoot>/<name>_<version>/`.
 */
async function packageWps(outRoot, pkg = readPackage()) {
  const name = pkg.name;
  const version = pkg.version;
  const folder = `${name}_${version}`;
  const addinDir = path.join(outRoot, folder);
  if (!fs.existsSync(path.join(addinDir, 'ribbon.xml'))) throw new Error(`[jixiao] ${addinDir} has no ribbon.xml: run the WPS build first`);

  // Only our own files at the top level are replaced; the add-in folder is webpack's.
  for (const f of fs.readdirSync(outRoot)) {
    if (f !== folder && (f.startsWith(`${name}_`) || /^(un)?install-|^publish\.xml$|^jsplugins\.xml$|^README\.md$/.test(f))) {
      fs.rmSync(path.join(outRoot, f), { recursive: true, force: true });
    }
  }

  const sevenZip = find7z();
  fs.writeFileSync(path.join(outRoot, 'publish.xml'), publishXml(name, version));
  fs.writeFileSync(path.join(outRoot, 'jsplugins.xml'), jspluginsXml(name, version, `${folder}.${sevenZip ? '7z' : 'zip'}`));

  const vars = { NAME: name, VERSION: version, PUBLISH_ENTRY: publishEntry(name, version) };
  for (const f of ['install-linux.sh', 'uninstall-linux.sh']) {
    fs.writeFileSync(path.join(outRoot, f), template(f, vars), { mode: 0o755 });
  }
  // PowerShell 5 reads a .ps1 without BOM in the ANSI code page: the BOM keeps the Chinese text intact.
  for (const f of ['install-windows.ps1', 'uninstall-windows.ps1'])
    fs.writeFileSync(path.join(outRoot, f), template(f, vars, { crlf: true, bom: true }));
  for (const f of ['install-windows.bat', 'uninstall-windows.bat'])
    fs.writeFileSync(path.join(outRoot, f), template(f, vars, { crlf: true }));
  // The install guide (no URLs): the full wps/README.md also covers development and server deployment.
  fs.copyFileSync(path.join(ROOT, 'wps', 'INSTALL.md'), path.join(outRoot, 'README.md'));

  await writeZip(addinDir, folder, path.join(outRoot, `${folder}.zip`));
  if (sevenZip) {
    execFileSync(sevenZip, ['a', '-t7z', '-mx=9', `${folder}.7z`, folder], { cwd: outRoot, stdio: 'ignore' });
  }
  return { folder, addinDir, archives: [`${folder}.zip`].concat(sevenZip ? [`${folder}.7z`] : []) };
}

module.exports = { packageWps, publishEntry, publishXml, jspluginsXml, listFiles };

if (require.main === module) {
  const out = path.resolve(process.argv[2] || path.join(ROOT, 'dist-wps'));
  packageWps(out).then(
    (r) => console.log(`[jixiao] WPS package: ${path.join(out, r.folder)} (${r.archives.join(', ')})`),
    (e) => {
      console.error(e.message || e);
      process.exit(1);
    },
  );
}
