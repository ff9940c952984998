// The bundle of the add-in's hidden ribbon page (wps/index.html): 评价 and 清除标记 from the ribbon, the
// same session the task pane runs (src/app/session.ts). wps/main.js calls these from its synchronous
// ribbon callbacks and shows the returned message; nothing here is a ribbon callback itself.

import { runEvaluation, clearMarks } from '../../app/session';
import { BUSY, clearNotice, evaluationNotice, failureNotice } from '../../app/notices';
import { SUMMARY_SHEET } from '../../core/plan';
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

export function createRibbonApi(getApp: () => unknown): RibbonApi {
  let busy = false;
  const guarded = async (what: string, f: (host: Host) => Promise<string>): Promise<RibbonResult> => {
    if (busy) return { ok: false, message: BUSY };
    busy = true;
    try {
      return { ok: true, message: await f(createWpsHost(getApp())) };
    } catch (e) {
      return { ok: false, message: failureNotice(e, what) };
    } finally {
      busy = false;
    }
  };
  return {
    // The same words as Excel's ribbon (src/app/messages.ts).
    evaluate: () => guarded('评价', async (host) => evaluationNotice(await runEvaluation(host, { scope: 'active' }), SUMMARY_SHEET)),
    clearMarks: () => guarded('清除标记', async (host) => clearNotice((await clearMarks(host)).cleared, SUMMARY_SHEET)),
  };
}

hostGlobals().jixiaoRibbon = createRibbonApi(() => wpsApplication());
