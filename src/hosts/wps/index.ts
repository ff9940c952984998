// Placeholder until the WPS adapter lands (issue #5).
import { Host } from '../host';
export function createWpsHost(_app: unknown): Host {
  throw new Error('WPS 适配器尚未实现');
}
