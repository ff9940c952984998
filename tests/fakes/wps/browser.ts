// Entry for browser tests: bundled (esbuild, IIFE) and injected into a page before its scripts run, it
// offers window.jixiaoFakeWps.install(book) which puts a fake WPS 表格 `Application` (and `wps`) on window.

import { FakeApplication, FakeBook, installApplication } from './index';

const w = window as unknown as { jixiaoFakeWps?: { install(book: FakeBook | null): FakeApplication } };
w.jixiaoFakeWps = {
  install(book) {
    const app = new FakeApplication(book);
    installApplication(app, window as unknown as Record<string, unknown>);
    return app;
  },
};
