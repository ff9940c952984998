// Placeholder until the Excel adapter lands (issue #4).
import { Host } from '../host';
export async function createExcelHost(): Promise<Host> {
  throw new Error('Excel 适配器尚未实现');
}
