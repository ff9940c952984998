// Startup: which host is the pane running in? Never hangs: office.js is loaded asynchronously
// (taskpane.html), may be missing (plain browser), blocked (intranet without internet) or slow.
//
//   WPS 表格            → the WPS host
//   office.js + Excel   → the Excel host (Office.onReady said Excel within the timeout)
//   anything else       → standalone mode (打开 .xlsx in the browser)

import { isJixiaoError } from '../core/errors';
import { OFFICE_JS_FAILED, OFFICE_JS_UNAVAILABLE } from '../app/messages';
import {
  connectFailedNotice,
  connectFailedReason,
  hostLabel,
  notDetectedReason,
  notExcelReason,
  NO_OFFICE,
  NOT_IN_OFFICE,
  OFFICE_LOAD_TIMEOUT,
  OFFICE_READY_TIMEOUT,
  unsupportedReason,
} from '../app/pane-messages';
import { detectHost, createHostFor } from '../hosts/create';
import { hostGlobals } from '../hosts/detect';
import { Host } from '../hosts/host';

export type BootResult = { mode: 'host'; host: Host; label: string } | { mode: 'standalone'; reason: string; notice?: string };

/** How long startup waits for office.js and Office.onReady before offering standalone mode. */
export const OFFICE_TIMEOUT_MS = 3000;

type OfficeLike = { onReady: (cb?: (info: { host: unknown; platform: unknown }) => void) => Promise<{ host: unknown; platform: unknown }> };

function officeGlobal(g: Record<string, unknown>): OfficeLike | null {
  const o = g.Office as OfficeLike | undefined;
  return o && typeof o === 'object' && typeof o.onReady === 'function' ? o : null;
}

/** The office.js <script> of the page, if any. Its data-state is set by inline onload/onerror. */
function officeScript(doc: Document | undefined): HTMLScriptElement | null {
  if (!doc) return null;
  return doc.querySelector<HTMLScriptElement>('script[data-office-js], script[src*="office.js"]');
}

/**
 * Resolves when office.js has defined `Office`, or with null when it failed to load, is not on the
 * page, or took longer than `timeoutMs`.
 */
export function waitForOfficeScript(
  timeoutMs: number,
  g: Record<string, unknown> = globalThis as never,
  doc: Document | undefined = g.document as Document | undefined,
): Promise<OfficeLike | null> {
  const now = officeGlobal(g);
  if (now) return Promise.resolve(now);
  const script = officeScript(doc);
  if (!script || script.getAttribute('data-state') === 'failed' || script.getAttribute('data-state') === 'loaded') {
    return Promise.resolve(officeGlobal(g));
  }
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      script.removeEventListener('load', done);
      script.removeEventListener('error', done);
      resolve(officeGlobal(g));
    };
    const timer = setTimeout(done, timeoutMs);
    script.addEventListener('load', done);
    script.addEventListener('error', done);
  });
}

/** Office.onReady with a timeout: the host name ('Excel', 'Word'…), null outside Office, 'timeout'. */
export function officeReady(office: OfficeLike, timeoutMs: number): Promise<string | null | 'timeout'> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve('timeout'), timeoutMs);
    try {
      office.onReady().then(
        (info) => {
          clearTimeout(timer);
          resolve(info && info.host ? String(info.host) : null);
        },
        () => {
          clearTimeout(timer);
          resolve(null);
        },
      );
    } catch {
      clearTimeout(timer);
      resolve(null);
    }
  });
}

export interface BootOptions {
  timeoutMs?: number;
  g?: Record<string, unknown>;
  /** Called when Excel turns up after startup already chose standalone mode (slow office.js). */
  onLateHost?: (r: BootResult) => void;
  createHost?: typeof createHostFor;
}

function hostFailed(e: unknown, label: string): BootResult {
  const msg = e instanceof Error ? e.message : String(e);
  // Too old a version: the supported-versions message as it is, not as an error.
  if (isJixiaoError(e) && e.code === 'unsupported') return { mode: 'standalone', reason: unsupportedReason(label), notice: msg };
  return { mode: 'standalone', reason: connectFailedReason(label), notice: connectFailedNotice(label, msg) };
}

/**
 * Whether the page runs inside Office although office.js is missing: Office adds _host_Info to the
 * add-in's URL (Excel on the web, Windows, Mac), and the Windows webviews expose their own objects.
 */
export function insideOffice(g: Record<string, unknown>): boolean {
  try {
    const loc = g.location as { search?: string; hash?: string } | undefined;
    if (loc && /_host_Info=/i.test(`${loc.search ?? ''}${loc.hash ?? ''}`)) return true;
    const ext = g.external as Record<string, unknown> | undefined;
    if (ext && typeof ext === 'object' && 'GetContext' in ext) return true;
    const chrome = g.chrome as { webview?: unknown } | undefined;
    const wk = g.webkit as { messageHandlers?: Record<string, unknown> } | undefined;
    return !!(chrome && chrome.webview) || !!(wk && wk.messageHandlers && 'Agave' in wk.messageHandlers);
  } catch {
    return false;
  }
}

export async function boot(opts: BootOptions = {}): Promise<BootResult> {
  const timeoutMs = opts.timeoutMs ?? OFFICE_TIMEOUT_MS;
  const g = opts.g ?? hostGlobals();
  const create = opts.createHost ?? createHostFor;
  const started = Date.now();

  if (detectHost(g) === 'wps') {
    try {
      const host = await create('wps');
      if (host) return { mode: 'host', host, label: hostLabel('wps') };
    } catch (e) {
      return hostFailed(e, hostLabel('wps'));
    }
  }

  const connect = async (): Promise<BootResult> => {
    try {
      const host = await create('office');
      if (host) return { mode: 'host', host, label: hostLabel('excel') };
      return { mode: 'standalone', reason: notDetectedReason(hostLabel('excel')) };
    } catch (e) {
      return hostFailed(e, hostLabel('excel'));
    }
  };

  // Keep listening after a timeout: a slow Office still gets its Excel pane, just a little later.
  const listenLate = (office: OfficeLike | null) => {
    const late = opts.onLateHost;
    if (!late) return;
    const whenReady = (o: OfficeLike) =>
      o.onReady().then(
        async (info) => {
          if (info && String(info.host) === 'Excel') late(await connect());
        },
        () => undefined,
      );
    if (office) {
      void whenReady(office);
      return;
    }
    const script = officeScript(g.document as Document | undefined);
    if (!script || script.getAttribute('data-state') === 'failed') return;
    script.addEventListener('load', () => {
      const o = officeGlobal(g);
      if (o) void whenReady(o);
    });
  };

  const office = await waitForOfficeScript(timeoutMs, g);
  if (!office) {
    const script = officeScript(g.document as Document | undefined);
    if (insideOffice(g) && (!script || script.getAttribute('data-state') === 'failed')) {
      return { mode: 'standalone', reason: OFFICE_JS_FAILED, notice: OFFICE_JS_UNAVAILABLE };
    }
    if (Date.now() - started >= timeoutMs) {
      listenLate(null);
      return { mode: 'standalone', reason: OFFICE_LOAD_TIMEOUT };
    }
    return { mode: 'standalone', reason: NO_OFFICE };
  }
  const remaining = Math.max(500, timeoutMs - (Date.now() - started));
  const hostName = await officeReady(office, remaining);

  if (hostName === 'Excel') return connect();
  if (hostName === 'timeout') {
    listenLate(office);
    return { mode: 'standalone', reason: OFFICE_READY_TIMEOUT };
  }
  return { mode: 'standalone', reason: hostName ? notExcelReason(hostName) : NOT_IN_OFFICE };
}
