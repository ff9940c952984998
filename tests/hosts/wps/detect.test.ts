// Host detection with stubbed globals: WPS 表格 first (only an Application carrying the ET members),
// then Office, else standalone. And the WPS build's startup (src/hosts/wps/boot.ts) on top of it.

import { detectHost, isWpsApplication } from '../../../src/hosts/detect';
import { boot } from '../../../src/hosts/wps/boot';
import { FakeApplication, newBook } from '../../fakes/wps';

const office = { onReady: () => Promise.resolve({ host: 'Excel', platform: 'PC' }) };

/** What WPS 文字 (Writer) puts on window: the add-in root, a Word-like object model, no workbooks. */
function writerApplication() {
  return {
    ActiveDocument: { Name: '文档1.docx' },
    Documents: { Count: 1 },
    PluginStorage: { getItem: () => '', setItem: () => undefined, removeItem: () => undefined },
    CreateTaskPane: () => ({ ID: 1, Visible: false }),
    GetTaskPane: () => ({ ID: 1, Visible: false }),
  };
}

describe('detectHost', () => {
  test('WPS 表格: an Application with the ET members', () => {
    expect(detectHost({ Application: new FakeApplication(newBook()) })).toBe('wps');
    // No workbook open yet: the members are there, their values null.
    expect(detectHost({ Application: new FakeApplication(null) })).toBe('wps');
    expect(detectHost({ Application: { ActiveWorkbook: null, ActiveSheet: null, Workbooks: { Count: 0 } } })).toBe('wps');
  });

  test('WPS first, even when an Office-like global is present too', () => {
    expect(detectHost({ Application: new FakeApplication(newBook()), Office: office })).toBe('wps');
  });

  test('WPS 文字 / 演示: an Application without the ET members is not WPS 表格', () => {
    expect(isWpsApplication(writerApplication())).toBe(false);
    expect(detectHost({ Application: writerApplication() })).toBe('standalone');
    expect(detectHost({ Application: writerApplication(), Office: office })).toBe('office');
    expect(detectHost({ Application: { ActivePresentation: {}, Presentations: {} } })).toBe('standalone');
  });

  test('members only readable (native objects that do not answer `in`) still count', () => {
    const native = new Proxy(
      {},
      {
        has: () => false,
        get: (_t, k) => (k === 'ActiveWorkbook' || k === 'ActiveSheet' ? null : k === 'Workbooks' ? { Count: 0 } : undefined),
      },
    );
    expect(isWpsApplication(native)).toBe(true);
  });

  test('an Application that throws on every access is not WPS, and detection does not throw', () => {
    const hostile = new Proxy(
      {},
      {
        has: () => {
          throw new Error('denied');
        },
        get: () => {
          throw new Error('denied');
        },
      },
    );
    expect(detectHost({ Application: hostile })).toBe('standalone');
  });

  test('Office: Office.onReady present; nothing: standalone', () => {
    expect(detectHost({ Office: office })).toBe('office');
    expect(detectHost({ Office: {} })).toBe('standalone');
    expect(detectHost({})).toBe('standalone');
    expect(detectHost({ Application: 42, Office: null })).toBe('standalone');
  });
});

describe('the WPS build startup (src/hosts/wps/boot.ts)', () => {
  test('WPS 表格: the WPS host', async () => {
    const r = await boot({ g: { Application: new FakeApplication(newBook()) }, timeoutMs: 10 });
    expect(r.mode).toBe('host');
    if (r.mode === 'host') {
      expect(r.host.kind).toBe('wps');
      expect(r.label).toBe('WPS 表格');
    }
  });

  test('an Application injected a little later is still found', async () => {
    const g: Record<string, unknown> = {};
    setTimeout(() => (g.Application = new FakeApplication(newBook())), 60);
    const r = await boot({ g, timeoutMs: 2000 });
    expect(r.mode).toBe('host');
  });

  test('no WPS (a plain browser, or WPS 文字): standalone, never Office', async () => {
    expect(await boot({ g: {}, timeoutMs: 20 })).toEqual({ mode: 'standalone', reason: '未检测到 WPS 表格' });
    expect((await boot({ g: { Office: office, Application: writerApplication() }, timeoutMs: 20 })).mode).toBe('standalone');
  });

  test('a host that cannot be created: standalone with a notice', async () => {
    const r = await boot({
      g: { Application: new FakeApplication(newBook()) },
      timeoutMs: 10,
      createHost: () => Promise.reject(new Error('坏了')),
    });
    expect(r).toMatchObject({ mode: 'standalone', reason: '无法连接 WPS 表格' });
    expect(r.mode === 'standalone' && r.notice).toMatch(/坏了/);
  });
});

describe('installed as globalThis.Application', () => {
  test('detectHost() and createHostFor() find the fake on the real global object', async () => {
    const { installApplication } = await import('../../fakes/wps');
    const { createHostFor } = await import('../../../src/hosts/create');
    const fake = new FakeApplication(newBook('全局.xlsx'));
    const uninstall = installApplication(fake);
    try {
      expect(detectHost()).toBe('wps');
      const host = await createHostFor('wps');
      expect(host!.kind).toBe('wps');
      expect(await host!.documentName()).toBe('全局.xlsx');
    } finally {
      uninstall();
    }
    expect('Application' in globalThis).toBe(false);
    expect(detectHost()).toBe('standalone');
  });
});

describe('wpsApplication: the one lookup of the WPS 表格 application object', () => {
  test('Application first, then wps.Application, then wps itself; never a WPS 文字 Application', async () => {
    const { wpsApplication } = await import('../../../src/hosts/detect');
    const et = new FakeApplication(newBook());
    expect(wpsApplication({ Application: et })).toBe(et);
    expect(wpsApplication({ wps: { Application: et } })).toBe(et);
    expect(wpsApplication({ wps: et })).toBe(et);
    expect(wpsApplication({ Application: writerApplication() })).toBeNull();
    expect(wpsApplication({})).toBeNull();
    expect(detectHost({ wps: { Application: et } })).toBe('wps');
  });
});
