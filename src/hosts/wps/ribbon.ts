// The bundle of the add-in's hidden ribbon page (wps/index.html): 评价 and 清除标记 from the ribbon, the
// same session the task pane runs (src/app/session.ts). wps/main.js calls these from its synchronous
// ribbon callbacks and shows the returned message; nothing here is a ribbon callback itself.

import { runEvaluation, clearMarks } from '../../app/session';
import { isJixiaoError } from '../../core/errors';
import { fmtTotal } from '../../core/text';
import { createWpsHost } from './index';
import { Host } from '../host';
import { hostGlobals, wpsApplication } from '../detect';

export interface RibbonResult {
  ok: boolean;
  message: string;
}

export interface RibbonApi {
  evaluate(): Promise<RibbonResult>;
  clearMarks(): Promise<RibbonResult>;
}

function errorMessage(e: unknown, what: string): string {
  if (isJixiaoError(e)) return e.message;
  const msg = e instanceof Error ? e.message : String(e);
  return `${what}失败：${msg}`;
}

export function createRibbonApi(getApp: () => unknown): RibbonApi {
  let busy = false;
  const guarded = async (what: string, f: (host: Host) => Promise<string>): Promise<RibbonResult> => {
    if (busy) return { ok: false, message: '绩效评价助手正在处理上一个操作，请稍候。' };
    busy = true;
    try {
      return { ok: true, message: await f(createWpsHost(getApp())) };
    } catch (e) {
      return { ok: false, message: errorMessage(e, what) };
    } finally {
      busy = false;
    }
  };
  return {
    evaluate: () =>
      guarded('评价', async (host) => {
        const out = await runEvaluation(host, { scope: 'active' });
        const tables = out.result.sheets.reduce((n, s) => n + s.tables.length, 0);
        const findings = out.result.sheets.reduce((n, s) => n + s.tables.reduce((m, t) => m + t.findings.length, 0), 0);
        const scores = out.result.sheets
          .map((s) => s.tables.map((t) => `${t.project || t.title || s.sheet}：${fmtTotal(t.total)}`).join('；'))
          .join('；');
        return (
          `评价完成：${tables} 张绩效自评表，${scores}。` +
          (findings ? `发现 ${findings} 个问题，已在表中标出 ${out.applied.highlighted} 个单元格。` : '未发现问题。') +
          `详情见“${out.applied.summarySheet}”工作表；报告正文可在“打开助手”任务窗格中查看和复制。`
        );
      }),
    clearMarks: () =>
      guarded('清除标记', async (host) => {
        const r = await clearMarks(host);
        return r.cleared ? `已清除 ${r.cleared} 处标记，单元格已恢复原来的填充。` : '没有需要清除的标记。';
      }),
  };
}

hostGlobals().jixiaoRibbon = createRibbonApi(() => wpsApplication());
