'use strict';
// Builds the Excel add-in into dist/ (office-addin template conventions).
//
//   npm run build        production build; dist/manifest.xml points at $ADDIN_BASE_URL
//   npm run dev-server   development server on port 3000 (https when office-addin-dev-certs are installed)
//
// ADDIN_BASE_URL is where dist/ will be served from, e.g. https://intranet.example/jixiao/
// (default https://localhost:3000/, the development base manifest.xml is written with).

const fs = require('fs');
const os = require('os');
const path = require('path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');
const { DEV_BASE, normalizeBase, rewriteManifestBase } = require('./scripts/manifest-check');

const DEV_PORT = 3000;
const TARGET = 'es2017';

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
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const dev = mode === 'development';
  const base = normalizeBase(process.env.ADDIN_BASE_URL || DEV_BASE);
  const serving = Boolean(env && env.WEBPACK_SERVE);
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
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
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
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          loader: 'esbuild-loader',
          options: { target: TARGET, jsx: 'automatic' },
        },
      ],
    },
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
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets', to: 'assets' },
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
