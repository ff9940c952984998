// The fake WPS 表格 object model: data (model.ts), classes (fake.ts), loading from exceljs
// (fromExcelJs.ts). No Node imports, so a browser test can bundle it and set window.Application.

export * from './model';
export * from './fake';
export * from './fromExcelJs';
export * from './toExcelJs';

import { FakeApplication } from './fake';

/** Installs `app` as globalThis.Application (and `wps`, as WPS does); returns the uninstall. */
export function installApplication(
  app: FakeApplication,
  g: Record<string, unknown> = globalThis as unknown as Record<string, unknown>,
): () => void {
  const before = { Application: g.Application, wps: g.wps, hadApp: 'Application' in g, hadWps: 'wps' in g };
  g.Application = app;
  g.wps = app;
  return () => {
    if (before.hadApp) g.Application = before.Application;
    else delete g.Application;
    if (before.hadWps) g.wps = before.wps;
    else delete g.wps;
  };
}
