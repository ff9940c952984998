/// <reference types="office-js" />
// The Excel host (Office.js). createExcelHost() checks the API set at run time and returns the adapter;
// see host.ts for the design (one read batch, inspect + write batches, reversible conditional-format
// highlights, ownership of the 评价结果 sheet).

import { JixiaoError } from '../../core/errors';
import { Host } from '../host';
import { HostGlobals, hostGlobals } from '../detect';
import { ExcelEnv, ExcelHost, MIN_API, UNSUPPORTED_MESSAGE } from './host';

export { ExcelHost, MIN_API, UNSUPPORTED_MESSAGE, markFormula, isMarkFormula, SETTINGS_KEY, OWNER_KEY } from './host';

type OfficeGlobals = Pick<HostGlobals, 'Excel' | 'Office'>;

/** The environment from the Office.js globals (looked up at call time, so tests can swap them). */
export function officeEnv(g: OfficeGlobals = hostGlobals()): ExcelEnv {
  return {
    run: (options, batch) => (g.Excel as typeof Excel).run(options, batch),
    supports: (version) => {
      const req = g.Office?.context?.requirements;
      try {
        return !!req && typeof req.isSetSupported === 'function' && req.isSetSupported('ExcelApi', version) === true;
      } catch {
        return false;
      }
    },
    diagnostics: () => g.Office?.context?.diagnostics,
  };
}

export async function createExcelHost(): Promise<Host> {
  const g = hostGlobals();
  if (!g.Excel || typeof g.Excel.run !== 'function') {
    throw new JixiaoError('unsupported', '没有检测到 Excel：请在 Excel 中通过“绩效评价”选项卡打开绩效评价助手。');
  }
  const env = officeEnv(g);
  if (!env.supports(MIN_API)) throw new JixiaoError('unsupported', UNSUPPORTED_MESSAGE);
  return new ExcelHost(env);
}
