// Startup of the task pane in the WPS build (webpack.wps.config.js puts this module in place of
// src/taskpane/boot.ts): WPS 表格 or standalone, nothing else. No office.js, no Excel host, no Office
// code path at all ends up in dist-wps. Same exports and types as src/taskpane/boot.ts (checked below).

import type * as OfficeBoot from '../../taskpane/boot';
import { detectHost, hostGlobals, wpsApplication } from '../detect';
import { connectFailedNotice, connectFailedReason, hostLabel, notDetectedReason } from '../../app/pane-messages';

export type BootResult = OfficeBoot.BootResult;
export type BootOptions = OfficeBoot.BootOptions;

/** Kept for the same exports; in WPS it is how long startup waits for `window.Application`. */
export const OFFICE_TIMEOUT_MS = 1000;

/** There is no office.js in the WPS build. */
export function waitForOfficeScript(): Promise<null> {
  return Promise.resolve(null);
}

export function officeReady(): Promise<null> {
  return Promise.resolve(null);
}

/** Never inside Office here. */
export function insideOffice(): boolean {
  return false;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function boot(opts: BootOptions = {}): Promise<BootResult> {
  const g = opts.g ?? hostGlobals();
  const timeoutMs = opts.timeoutMs ?? OFFICE_TIMEOUT_MS;
  // WPS injects `Application` with the page; give a slow build a moment before going standalone.
  const until = Date.now() + timeoutMs;
  while (detectHost(g) !== 'wps' && Date.now() < until) await sleep(50);
  const label = hostLabel('wps');
  if (detectHost(g) !== 'wps') {
    return { mode: 'standalone', reason: notDetectedReason(label) };
  }
  try {
    // The adapter (and the engine parts it uses) load on demand: the pane's first chunk stays small.
    const host = opts.createHost
      ? await opts.createHost('wps')
      : (await import(/* webpackChunkName: "wps-host" */ './index')).createWpsHost(wpsApplication(g));
    if (host) return { mode: 'host', host, label };
    return { mode: 'standalone', reason: notDetectedReason(label) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    return { mode: 'standalone', reason: connectFailedReason(label), notice: connectFailedNotice(label, msg) };
  }
}

/** Compile-time check: this module offers every export of src/taskpane/boot.ts, with compatible types. */
export const SAME_EXPORTS_AS_OFFICE_BOOT: { [K in keyof typeof OfficeBoot]: unknown } & {
  boot: typeof OfficeBoot.boot;
  OFFICE_TIMEOUT_MS: number;
} = { boot, OFFICE_TIMEOUT_MS, waitForOfficeScript, officeReady, insideOffice };
