'use strict';
// Builds the WPS 表格 add-in (WPS 加载项, jsaddons) into dist-wps/ — see wps/README.md.
//
//   npm run build:wps        dist-wps/<name>_<version>/ (the add-in), its archive, publish.xml /
//                            jsplugins.xml records and install/uninstall scripts (scripts/wps-package.js)
//   JIXIAO_WPS_OUT=dir       build somewhere else (the build test uses a temp dir)
//
// The task pane is the Excel build's (src/taskpane/index.tsx) with the module rules, resolution and
// minification of webpack.config.js; what differs:
//   - src/taskpane/boot.ts is replaced by src/hosts/wps/boot.ts: WPS or standalone, so neither office.js
//     nor the Excel host nor any Office code path is in the bundle (and JIXIAO_HOST is 'wps');
//   - the page is src/taskpane/taskpane.html without its office.js <script> (no external resource at
//     all) and every path is relative: the add-in runs from file:// (jsaddons folder), no server;
//   - a second page, index.html, is the add-in's hidden ribbon page: wps/main.js (the synchronous
//     ribbon callbacks) plus the ribbon bundle (src/hosts/wps/ribbon.ts: 评价 / 清除标记);
//   - the polyfills are core-js's for the [wps] section of .browserslistrc (the older Chromium embedded in
//     WPS), plus src/polyfills/ first in each entry; syntax is lowered to es2017 (esbuild, as for Excel).

const fs = require('fs');
const path = require('path');
const webpack = require('webpack');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { packageWps } = require('./scripts/wps-package');

const TARGET = 'es2017';

/** src/taskpane/taskpane.html without office.js: drops external <script>s and comments. */
function wpsTaskpaneHtml() {
  const html = fs.readFileSync(path.join(__dirname, 'src/taskpane/taskpane.html'), 'utf8');
  return html
    .replace(/<!--[\s\S]*?-->\s*/g, '')
    .replace(/<script\b[^>]*\bsrc\s*=\s*["']?(?:https?:)?\/\/[^>]*>\s*<\/script>\s*/gi, '')
    .replace(/<script\b[^>]*office\.js[^>]*>\s*<\/script>\s*/gi, '');
}

class WpsPackagePlugin {
  constructor(outRoot) {
    this.outRoot = outRoot;
  }
  apply(compiler) {
    compiler.hooks.afterEmit.tapPromise('WpsPackagePlugin', async (compilation) => {
      if (compilation.errors.length) return;
      const r = await packageWps(this.outRoot);
      if (compilation.logger) compilation.getLogger('jixiao').info(`WPS package ${r.folder}: ${r.archives.join(', ')}`);
    });
  }
}

module.exports = (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const pkg = JSON.parse(fs.readFileSync(path.join(__dirname, 'package.json'), 'utf8'));
  const outRoot = path.resolve(__dirname, (env && env.out) || process.env.JIXIAO_WPS_OUT || 'dist-wps');
  const addinDir = path.join(outRoot, `${pkg.name}_${pkg.version}`);

  // One place for how the pane is compiled: the Excel build's config, for the WPS webviews.
  const base = require('./webpack.config.js')({ browsers: 'wps' }, { mode });
  const keep = (base.plugins || []).filter((p) => !(p instanceof HtmlWebpackPlugin) && !(p instanceof CopyWebpackPlugin));
  const wpsBoot = path.resolve(__dirname, 'src/hosts/wps/boot.ts');
  const taskpaneDir = path.resolve(__dirname, 'src/taskpane');

  return {
    mode,
    context: __dirname,
    target: ['web', TARGET],
    entry: {
      taskpane: ['./src/polyfills/index.ts', './src/taskpane/index.tsx'],
      ribbon: ['./src/polyfills/index.ts', './src/hosts/wps/ribbon.ts'],
    },
    output: {
      path: addinDir,
      filename: '[name].js',
      chunkFilename: '[name].[contenthash:8].js',
      // Relative to the page: the add-in folder is opened from file://.
      publicPath: '',
      clean: true,
    },
    resolve: base.resolve,
    module: base.module,
    optimization: base.optimization,
    performance: { hints: false },
    devtool: mode === 'development' ? 'cheap-module-source-map' : false,
    plugins: [
      ...keep,
      // The pane's startup without Office (see src/hosts/wps/boot.ts).
      new webpack.NormalModuleReplacementPlugin(/^\.\/boot$/, (resource) => {
        if (path.resolve(resource.context || '') === taskpaneDir) resource.request = wpsBoot;
      }),
      new webpack.DefinePlugin({ 'process.env.JIXIAO_HOST': JSON.stringify('wps') }),
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        templateContent: wpsTaskpaneHtml,
        chunks: ['taskpane'],
        publicPath: '',
      }),
      new HtmlWebpackPlugin({
        filename: 'index.html',
        template: './wps/index.html',
        chunks: ['ribbon'],
        publicPath: '',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'wps/ribbon.xml', to: 'ribbon.xml' },
          // As written (ES5, readable for administrators): not minified, not wrapped.
          { from: 'wps/main.js', to: 'main.js', info: { minimized: true } },
          { from: 'assets', to: 'assets' },
        ],
      }),
      new WpsPackagePlugin(outRoot),
    ],
  };
};
