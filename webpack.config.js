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
