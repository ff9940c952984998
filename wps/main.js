/*
 * 绩效评价助手 · WPS 表格加载项的功能区回调（ribbon.xml 中 onLoad / onAction / getImage… 所指的函数）。
 *
 * 全部是同步函数：某些 12.1 版本的 WPS 遇到 async 回调（返回 Promise）会使整个功能区失效。需要等待的
 * 工作（评价、清除标记）由回调启动一个 Promise 后立即返回，结果用提示框告知。
 *
 * 评价 / 清除标记 的实现在同一页面加载的脚本包里（window.jixiaoRibbon，源码 src/hosts/wps/ribbon.ts），
 * 与任务窗格使用同一套评价流程（src/app/session.ts）。
 *
 * 本文件刻意写成 ES5：它由 WPS 直接加载，不经过打包转译。
 */
(function (global) {
  'use strict';

  /** PluginStorage 中保存任务窗格 ID 的键（值为字符串）。 */
  var PANE_KEY = 'jixiao_taskpane_id';

  var IMAGES = {
    jxOpenPane: 'assets/icon-32.png',
    jxEvaluate: 'assets/eval-32.png',
    jxClearMarks: 'assets/clear-32.png',
  };

  /** 与 src/hosts/detect.ts 的 wpsApplication 相同的查找顺序：Application，其次 wps.Application、wps。 */
  function wpsApp() {
    if (global.Application) return global.Application;
    var w = global.wps;
    return (w && w.Application) || w;
  }

  /** 加载项所在目录的地址（以 / 结尾），任务窗格页面与本页面在同一目录。 */
  function baseUrl() {
    var href = String(global.location.href).split('#')[0].split('?')[0];
    // WPS 需要未编码的路径：用户名含中文时 location.href 是 %E5… 形式，原样传给 CreateTaskPane 会得到空白窗格。
    try {
      href = decodeURI(href);
    } catch (e) {
      // 不是合法编码时保持原样
    }
    return href.substring(0, href.lastIndexOf('/') + 1);
  }

  function show(message) {
    try {
      global.alert(message);
    } catch (e) {
      // 没有提示框可用时只能放弃提示
    }
  }

  function errorText(e) {
    if (e && e.message) return String(e.message);
    return String(e);
  }

  /** 打开任务窗格；已打开则切换显示/隐藏。 */
  function togglePane() {
    var app = wpsApp();
    var storage = app.PluginStorage;
    var id = storage.getItem(PANE_KEY);
    var pane = null;
    if (id) {
      try {
        pane = app.GetTaskPane(Number(id));
      } catch (e) {
        pane = null; // 窗格已被关闭销毁：重新创建
      }
    }
    if (pane) {
      pane.Visible = !pane.Visible;
      return;
    }
    pane = app.CreateTaskPane(baseUrl() + 'taskpane.html');
    storage.setItem(PANE_KEY, String(pane.ID));
    pane.Visible = true;
  }

  /** 启动 评价 / 清除标记（不等待结果）；完成后弹出提示。 */
  function start(what) {
    var api = global.jixiaoRibbon;
    if (!api || typeof api[what] !== 'function') {
      show('绩效评价助手尚未加载完成，请稍候几秒再试。');
      return;
    }
    var promise;
    try {
      promise = api[what]();
    } catch (e) {
      show(errorText(e));
      return;
    }
    promise.then(
      function (result) {
        if (result && result.message) show(result.message);
      },
      function (e) {
        show(errorText(e));
      },
    );
  }

  var ribbon = {
    OnAddinLoad: function (ribbonUI) {
      var app = wpsApp();
      try {
        if (app && typeof app.ribbonUI !== 'object') app.ribbonUI = ribbonUI;
      } catch (e) {
        // 只读时忽略
      }
      global.jixiaoRibbonUI = ribbonUI;
      return true;
    },

    OnAction: function (control) {
      var id = control && control.Id;
      try {
        if (id === 'jxOpenPane') togglePane();
        else if (id === 'jxEvaluate') start('evaluate');
        else if (id === 'jxClearMarks') start('clearMarks');
      } catch (e) {
        show('操作失败：' + errorText(e));
      }
      return true;
    },

    GetImage: function (control) {
      var id = control && control.Id;
      return IMAGES[id] || IMAGES.jxOpenPane;
    },

    OnGetEnabled: function () {
      return true;
    },

    OnGetVisible: function () {
      return true;
    },
  };

  global.ribbon = ribbon;
})(typeof window !== 'undefined' ? window : this);
