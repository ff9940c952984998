// First module of every page's bundle (webpack.config.js, webpack.wps.config.js): what core-js cannot
// provide. Everything else the webviews of .browserslistrc lack comes from core-js, imported by the
// modules that use it (babel-plugin-polyfill-corejs3 in webpack.config.js).

import './weakref';
