// What the add-in tells the user about its environment, in one place, so the pane, the ribbon commands
// and the hosts say the same thing in the same words (Excel and WPS alike). The outcome of 评价/清除标记
// is in ./notices.ts (the WPS ribbon bundle carries that, and must carry nothing about office.js).

/** Excel too old for the add-in (below ExcelApi 1.9): which versions work and what to use instead. */
export const UNSUPPORTED_EXCEL =
  '当前 Excel 版本不支持绩效评价助手：需要 ExcelApi 1.9，即 Microsoft 365 版 Excel、Excel 2021 / LTSC 2021 或更新版本（Windows、Mac），或网页版 Excel。' +
  'Excel 2016、Excel 2019（一次性购买或批量许可版）不支持。请改用 WPS 表格加载项，或在浏览器中打开独立页面评价 .xlsx 文件。';

/** office.js (Office's own JavaScript library) could not be loaded inside Office: nothing can work. */
export const OFFICE_JS_UNAVAILABLE =
  '无法加载 Office 的 JavaScript 库（office.js），绩效评价助手不能操作当前工作簿。' +
  '内网环境无法访问微软的 CDN 时，请让管理员使用“npm run build:intranet”构建并部署（office.js 由加载项自己的服务器提供）。' +
  '现以独立模式运行：可打开 .xlsx 文件评价。';

/** Why the pane runs standalone when office.js did not load (shown as 独立模式（…）). */
export const OFFICE_JS_FAILED = '无法加载 office.js';

/**
 * The webview cannot run the pane at all (Internet Explorer 11 or EdgeHTML, which Office still uses in some
 * combinations of Windows and Office): shown by taskpane.html's guard before any bundle runs (the build
 * reads it from here: scripts/messages.js).
 */
export const UNSUPPORTED_WEBVIEW =
  '当前 Office 用来显示加载项的浏览器组件过旧（Internet Explorer 11 或旧版 Microsoft Edge），无法运行绩效评价助手。' +
  '请让管理员安装 Microsoft Edge WebView2 运行时，并把 Office 更新到 Microsoft 365 版或 Office 2021 / LTSC 2021 及更新版本；' +
  '也可以改用 WPS 表格加载项，或在浏览器中打开独立页面评价 .xlsx 文件。';
