// Host detection, in one place. WPS first: its embedded browser may also carry an Office-like global,
// but only WPS 表格 has the ET object model on `Application`. Then Office (Excel), else standalone.

export type DetectedHost = 'wps' | 'office' | 'standalone';

/** The ET members a WPS 表格 `Application` has (et-jsapi-declare); Word/PPT Applications lack them. */
const ET_MEMBERS = ['ActiveWorkbook', 'ActiveSheet', 'Workbooks'];

export function isWpsApplication(app: unknown): boolean {
  if (!app || (typeof app !== 'object' && typeof app !== 'function')) return false;
  const a = app as Record<string, unknown>;
  try {
    return ET_MEMBERS.every((m) => m in a);
  } catch {
    return false;
  }
}

export function detectHost(g: Record<string, unknown> = globalThis as unknown as Record<string, unknown>): DetectedHost {
  if (isWpsApplication(g.Application)) return 'wps';
  const office = g.Office as { onReady?: unknown } | undefined;
  if (office && typeof office === 'object' && typeof office.onReady === 'function') return 'office';
  return 'standalone';
}
