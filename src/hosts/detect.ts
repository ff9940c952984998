// Host detection, in one place. WPS first: its embedded browser may also carry an Office-like global,
// but only WPS 表格 has the ET object model on `Application`. Then Office (Excel), else standalone.

export type DetectedHost = 'wps' | 'office' | 'standalone';

/**
 * The ET members a WPS 表格 `Application` has (et-jsapi-declare, Et.Application). WPS 文字/演示 add-ins get
 * an `Application` too (with PluginStorage, CreateTaskPane…) but without these: ActiveDocument, Documents.
 */
const ET_MEMBERS = ['ActiveWorkbook', 'ActiveSheet', 'Workbooks'];

/** Whether `a` has member `m`: `in` first; a native object may only answer a property read. */
function hasMember(a: Record<string, unknown>, m: string): boolean {
  try {
    if (m in a) return true;
  } catch {
    // fall through to a read
  }
  try {
    return a[m] !== undefined;
  } catch {
    return false;
  }
}

export function isWpsApplication(app: unknown): boolean {
  if (!app || (typeof app !== 'object' && typeof app !== 'function')) return false;
  const a = app as Record<string, unknown>;
  return ET_MEMBERS.every((m) => hasMember(a, m));
}

/** The page globals the add-in looks at, typed in one place (instead of a cast at every use). */
export interface HostGlobals {
  [name: string]: unknown;
  /** WPS: the ET Application (merged with the add-in root); `wps` on some builds. */
  Application?: unknown;
  wps?: unknown;
  /** Office.js. */
  Office?: {
    onReady?: unknown;
    context?: {
      platform?: unknown;
      requirements?: { isSetSupported?: (name: string, version?: string) => boolean };
      /** Office.context.diagnostics: host, version, platform (检查环境). */
      diagnostics?: { host?: unknown; version?: unknown; platform?: unknown };
    };
  } | null;
  Excel?: { run?: unknown } | null;
  /** Set by taskpane.html's webview guard where the bundle cannot run: the pane then does not start. */
  jixiaoUnsupported?: boolean;
  document?: Document;
  location?: { href?: string; search?: string; hash?: string };
  navigator?: { userAgent?: string };
  addEventListener?: (t: string, f: () => void) => void;
  removeEventListener?: (t: string, f: () => void) => void;
}

/** The page's globals (globalThis), as HostGlobals. */
export function hostGlobals(): HostGlobals {
  return globalThis as unknown as HostGlobals;
}

/**
 * The WPS 表格 application object, the one way every caller finds it (pane, ribbon bundle, host factory;
 * wps/main.js, plain ES5, looks in the same order): `Application`, else `wps.Application` or `wps` (some
 * builds expose the add-in root as `wps`). null outside WPS 表格.
 */
export function wpsApplication(g: HostGlobals = hostGlobals()): unknown {
  const candidates: unknown[] = [g.Application];
  const w = g.wps as Record<string, unknown> | undefined;
  if (w && (typeof w === 'object' || typeof w === 'function')) {
    try {
      candidates.push(w.Application, w);
    } catch {
      // a host object that refuses the lookup
    }
  }
  for (const c of candidates) if (isWpsApplication(c)) return c;
  return null;
}

export function detectHost(g: HostGlobals = hostGlobals()): DetectedHost {
  if (wpsApplication(g)) return 'wps';
  const office = g.Office as { onReady?: unknown } | undefined;
  if (office && typeof office === 'object' && typeof office.onReady === 'function') return 'office';
  return 'standalone';
}
