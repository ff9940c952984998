'use strict';
// Builds the Excel add-in into dist/ (office-addin template conventions).
//
//   npm run build        production build; dist/manifest.xml points at $ADDIN_BASE_URL
//   npm run dev-server   development server on port 3000 (https when office-addin-dev-certs are installed)
//
//   npm run build:intranet   the same, with office.js served from dist/office-js/ (the @microsoft/office-js
//                            package pinned in package-lock.json): no page loads anything from the internet
//
// ADDIN_BASE_URL is where dist/ will be served from, e.g. https://intranet.example/jixiao/
// (default https://localhost:3000/, the development base manifest.xml is written with).
// OFFICE_JS_URL replaces the CDN address of office.js in a normal build (e.g. the CDN of Office 365
// operated by 21Vianet); the intranet build ignores it.
//
// Polyfills: babel-plugin-polyfill-corejs3 adds to each module (ours and node_modules') an import of the
// core-js polyfills for the built-ins it uses that a target webview lacks; the targets are the [excel]
// section of .browserslistrc (webpack.wps.config.js asks for [wps]). src/polyfills/ comes first in every
// entry: WeakRef, which core-js does not have.

const fs = require('fs');
const os = require('os');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const browserslist = require('browserslist');
const { EsbuildPlugin } = require('esbuild-loader');
const { DEV_BASE, normalizeBase, rewriteManifestBase } = require('./scripts/manifest-check');
const { loadMessages } = require('./scripts/messages');

const DEV_PORT = 3000;
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
/** Where the intranet build puts office.js and the files it loads next to itself. */
const OFFICE_LOCAL_DIR = 'office-js';

/** The files office.js loads for Excel (host scripts, strings per locale, telemetry stubs): not Word, Outlook… */
function officeJsFile(rel) {
  const f = rel.replace(/\\/g, '/');
  if (/\.debug\.js$|\.d\.ts$|vsdoc/.test(f)) return false;
  const base = f.split('/').pop();
  if (/^(?:access|onenote|outlook|outlookwebapp|powerpoint|powerpointios|project|word|wordios|visio)[-.]/i.test(base)) return false;
  if (/_strings\.js$/.test(base)) return /^(?:office|excel)_strings\.js$/.test(base);
  return true;
}

/** The page with office.js taken from `src` instead of the CDN. */
function withOfficeJs(file, src) {
  const html = fs.readFileSync(path.join(__dirname, file), 'utf8');
  if (!html.includes(OFFICE_CDN)) throw new Error(`[jixiao] ${file} no longer references ${OFFICE_CDN}`);
  return html.split(OFFICE_CDN).join(src);
}

const WEBVIEW_GUARD = '<!-- jixiao:webview-guard -->';

/**
 * The task pane with its webview guard: plain ES5 run before the (deferred) bundle. In a webview the
 * bundle cannot run in (Internet Explorer 11, EdgeHTML, no ES2017 syntax) it shows UNSUPPORTED_WEBVIEW
 * and tells the bundle not to start, instead of a blank pane or a script error.
 */
function withWebviewGuard(html) {
  if (!html.includes(WEBVIEW_GUARD)) throw new Error(`[jixiao] taskpane.html lost its ${WEBVIEW_GUARD} placeholder`);
  const { UNSUPPORTED_WEBVIEW } = loadMessages();
  const script = `<script>
      (function () {
        var ua = (window.navigator && navigator.userAgent) || '';
        var ok = !/Trident\\/|MSIE |\\bEdge\\/\\d/.test(ua) && typeof Promise === 'function' && typeof Symbol === 'function' && typeof Proxy === 'function';
        if (ok) {
          try {
            new Function('return async () => { const o = { a: 1 }; for (const k of Object.keys(o)) await k; return \`\${o.a}\`; };');
          } catch (e) {
            ok = false;
          }
        }
        if (ok) return;
        window.jixiaoUnsupported = true;
        var p = document.createElement('p');
        p.setAttribute('role', 'alert');
        p.setAttribute('data-testid', 'unsupported-webview');
        p.style.cssText = 'margin:16px;font:14px/1.6 sans-serif;color:#9c0006';
        p.appendChild(document.createTextNode(${JSON.stringify(UNSUPPORTED_WEBVIEW)}));
        document.getElementById('root').appendChild(p);
      })();
    </script>`;
  return html.split(WEBVIEW_GUARD).join(script);
}
const TARGET = 'es2017';

/**
 * core-js modules not to inject, though babel would for these targets. It adds polyfills by name, for any
 * receiver, and with each constructor all its methods; left out are:
 *   - methods newer than anything the code calls (our TypeScript lib is ES2020, and no bundled library
 *     uses them): iterator helpers, the new Set/Map/WeakMap/typed array/ArrayBuffer/Uint8Array methods,
 *     JSON.parse source text (it rewrites JSON.parse and JSON.stringify);
 *   - replacements of built-ins every target has, for corner cases the pane never meets, which would put
 *     script in place of native code on hot paths: Array push/unshift/includes, RegExp exec/flags, String
 *     replace/fromCodePoint, Error (the `cause` option), the array/string/DOM iterators, Reflect's
 *     toStringTag, URL and URLSearchParams (Safari 13's parsing details; only createObjectURL and
 *     searchParams.set are called), DOMException.stack, `self`;
 *   - setImmediate: Node's, not a web API (React's scheduler would prefer it to MessageChannel).
 * What remains is what the targets lack: e.g. for Chromium 69 Object.fromEntries, matchAll, globalThis,
 * Promise.allSettled, queueMicrotask, a stable Array sort.
 */
const POLYFILLS_NOT_WANTED = [
  'es(?:next)?\\.iterator\\..*',
  'es(?:next)?\\.set\\.[a-z-]+\\.v2',
  'es(?:next)?\\.(?:weak-)?map\\.get-or-insert.*',
  'es(?:next)?\\.(?:typed-array|array-buffer|uint8-array)\\..*',
  'es(?:next)?\\.json\\..*',
  'es(?:next)?\\.array\\.(?:push|unshift|includes|iterator)',
  'es(?:next)?\\.(?:regexp\\..*|string\\.replace|string\\.from-code-point|string\\.iterator)',
  'es(?:next)?\\.error\\.cause',
  'es(?:next)?\\.reflect\\.to-string-tag',
  'web\\.(?:url.*|dom-collections\\..*|dom-exception\\..*|self)',
  'web\\.(?:set-|clear-)?immediate',
];

/** The browsers of a .browserslistrc section, spelt out so that babel-loader's cache key follows them. */
function browsersOf(section) {
  return browserslist(undefined, { path: __dirname, env: section, throwOnMissing: true });
}

/** babel's options for a .browserslistrc section: only babel-plugin-polyfill-corejs3, which adds the imports. */
function polyfillOptions(section) {
  const version = (name) => require(`${name}/package.json`).version;
  return {
    babelrc: false,
    configFile: false,
    browserslistConfigFile: false,
    targets: browsersOf(section),
    // node_modules hold CommonJS too: imports are added as require() there.
    sourceType: 'unambiguous',
    // esbuild minifies later; 'auto' would only add notes about large files.
    compact: false,
    plugins: [
      [
        'babel-plugin-polyfill-corejs3',
        // absoluteImports: the core-js of package.json, whichever package the module is in.
        { method: 'usage-global', version: version('core-js'), absoluteImports: true, exclude: POLYFILLS_NOT_WANTED },
      ],
    ],
    // babel-loader keys its cache on these options and babel's version: add the plugin's and its data's.
    cacheDirectory: true,
    cacheCompression: false,
    cacheIdentifier: ['@babel/core', 'babel-loader', 'babel-plugin-polyfill-corejs3', 'core-js-compat']
      .map((name) => `${name}@${version(name)}`)
      .join(),
  };
}

/**
 * How scripts are compiled for the webviews of a .browserslistrc section: TypeScript by esbuild (syntax
 * lowered to es2017), then every module through babel only to import the core-js polyfills it needs.
 */
function scriptRules(section) {
  const polyfills = { loader: 'babel-loader', options: polyfillOptions(section) };
  return [
    {
      test: /\.tsx?$/,
      exclude: /node_modules/,
      use: [polyfills, { loader: 'esbuild-loader', options: { target: TARGET, jsx: 'automatic' } }],
    },
    {
      test: /\.[cm]?js$/,
      // core-js itself; exceljs' browser build is ES5 and brings its own core-js.
      exclude: /node_modules[\\/](?:core-js|exceljs[\\/]dist)[\\/]/,
      use: [polyfills],
    },
  ];
}

/** terser, when installed (it comes with html-webpack-plugin through html-minifier-terser). */
function findTerser() {
  try {
    return require(require.resolve('terser', { paths: [path.dirname(require.resolve('html-minifier-terser')), __dirname] }));
  } catch {
    return null;
  }
}

/**
 * Drops the declarations esbuild's minifier leaves behind for unused exports. @fluentui/react-icons
 * holds thousands of icons per module; webpack marks the unused ones and esbuild turns each into
 * `const x=null`, which it then keeps (about 100 KB per chunk that uses any icon). A terser pass with
 * only `unused` and `dead_code` removes them. Runs after esbuild (which also lowered the syntax to
 * es2017); without terser installed the build still works, just larger.
 */
class DropUnusedPlugin {
  apply(compiler) {
    const terser = findTerser();
    const name = 'DropUnusedPlugin';
    compiler.hooks.compilation.tap(name, (compilation) => {
      compilation.hooks.processAssets.tapPromise(
        { name, stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE_SIZE + 1 },
        async (assets) => {
          if (!terser) {
            compilation.warnings.push(new Error('[jixiao] terser not found: unused icon stubs stay in the bundle.'));
            return;
          }
          for (const file of Object.keys(assets)) {
            if (!file.endsWith('.js')) continue;
            const code = assets[file].source().toString();
            // Only chunks that hold runs of such stubs (cheap test): exceljs' prebuilt bundle is left alone.
            if (!/(?:[\w$]+=null,){8}/.test(code)) continue;
            const out = await terser.minify(code, {
              compress: { defaults: false, unused: true, dead_code: true, side_effects: true },
              mangle: false,
              ecma: 2017,
              format: { comments: false, ascii_only: true },
            });
            compilation.updateAsset(file, new compiler.webpack.sources.RawSource(out.code));
          }
        },
      );
    });
  }
}

/** Certificates written by `npx office-addin-dev-certs install`, if the user has run it. */
function devCertificates() {
  const dir = path.join(os.homedir(), '.office-addin-dev-certs');
  const files = { key: 'localhost.key', cert: 'localhost.crt', ca: 'ca.crt' };
  const options = {};
  for (const [k, f] of Object.entries(files)) {
    const file = path.join(dir, f);
    if (!fs.existsSync(file)) return null;
    options[k] = fs.readFileSync(file);
  }
  return options;
}

module.exports = (env, argv) => {
  env = env || {};
  // webpack.wps.config.js builds with this config's rules for its own section.
  const browsers = env.browsers || 'excel';
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const dev = mode === 'development';
  const base = normalizeBase(process.env.ADDIN_BASE_URL || DEV_BASE);
  const serving = Boolean(env && env.WEBPACK_SERVE);
  const intranet = Boolean(env && env.intranet) || process.env.JIXIAO_INTRANET === '1';
  // Relative to the page: every page sits at the root of dist/.
  const officeJs = intranet ? `${OFFICE_LOCAL_DIR}/office.js` : process.env.OFFICE_JS_URL || OFFICE_CDN;
  const officeDist = path.join(path.dirname(require.resolve('@microsoft/office-js/package.json')), 'dist');
  const certificates = serving ? devCertificates() : null;
  if (serving && !certificates) {
    console.warn(
      '[jixiao] No certificates in ~/.office-addin-dev-certs: serving http://localhost:3000/. ' +
        'Excel needs https; run `npx office-addin-dev-certs install` once, then restart.',
    );
  }

  return {
    mode,
    context: __dirname,
    target: ['web', TARGET],
    // What core-js cannot provide first (src/polyfills/).
    entry: {
      taskpane: ['./src/polyfills/index.ts', './src/taskpane/index.tsx'],
      commands: ['./src/polyfills/index.ts', './src/commands/commands.ts'],
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: dev ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: dev ? '[name].js' : '[name].[contenthash:8].js',
      publicPath: 'auto',
      clean: true,
    },
    resolve: {
      extensions: ['.ts', '.tsx', '.mjs', '.js', '.json'],
    },
    module: { rules: scriptRules(browsers) },
    devtool: dev ? 'eval-cheap-module-source-map' : false,
    optimization: {
      // esbuild also lowers the syntax of node_modules code to es2017 while minifying.
      minimizer: [new EsbuildPlugin({ target: TARGET, legalComments: 'none' })],
    },
    performance: { hints: false },
    plugins: [
      ...(dev ? [] : [new DropUnusedPlugin()]),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        templateContent: () => withWebviewGuard(withOfficeJs('src/taskpane/taskpane.html', officeJs)),
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        templateContent: () => withOfficeJs('src/commands/commands.html', officeJs),
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
          ...(intranet
            ? [
                {
                  from: officeDist,
                  to: OFFICE_LOCAL_DIR,
                  filter: (file) => officeJsFile(path.relative(officeDist, file)),
                  // As Microsoft ships them: not minified or rewritten again.
                  info: { minimized: true },
                },
              ]
            : []),
          {
            from: 'manifest.xml',
            to: 'manifest.xml',
            transform: { transformer: (content) => rewriteManifestBase(content.toString('utf8'), base), cache: false },
          },
        ],
      }),
    ],
    devServer: {
      host: 'localhost',
      port: DEV_PORT,
      headers: { 'Access-Control-Allow-Origin': '*' },
      server: certificates ? { type: 'https', options: certificates } : 'http',
      static: false,
      client: { overlay: { warnings: false } },
    },
  };
};

module.exports.polyfillOptions = polyfillOptions;
