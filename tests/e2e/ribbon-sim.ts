// For the Excel end-to-end test: what the ribbon's 评价 / 清除标记 commands do (src/commands/commands.ts
// runs exactly these: the session over a fresh Excel host), made callable in the task pane's page so
// that both work on the one fake workbook there. In Excel the commands run in the function file's own
// runtime; the pane learns of them only through the workbook (src/hosts/runs.ts), as here.

import { createExcelHost } from '../../src/hosts/excel';
import { clearMarks, runEvaluation } from '../../src/app/session';

export interface RibbonSim {
  evaluate(): Promise<number>;
  clear(): Promise<number>;
}

const sim: RibbonSim = {
  async evaluate() {
    return (await runEvaluation(await createExcelHost())).applied.highlighted;
  },
  async clear() {
    return (await clearMarks(await createExcelHost())).cleared;
  },
};

(window as unknown as { jixiaoRibbonSim: RibbonSim }).jixiaoRibbonSim = sim;
