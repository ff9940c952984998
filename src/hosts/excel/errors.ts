/// <reference types="office-js" />
// Errors of the Excel host: any failure Office.js reports becomes a Chinese message that says what to do.

import { JixiaoError, isJixiaoError, ErrorCode } from '../../core/errors';
import { UNSUPPORTED_EXCEL } from '../../app/messages';

/** Below MIN_API: the supported-versions message (src/app/messages.ts). */
export const UNSUPPORTED_MESSAGE = UNSUPPORTED_EXCEL;

export function errorCode(e: unknown): string | undefined {
  if (e && typeof e === 'object' && 'code' in e) return String((e as { code: unknown }).code);
  return undefined;
}

/** Any failure → a Chinese message that says what to do. */
export function toJixiaoError(e: unknown, action: string, kind: ErrorCode): JixiaoError {
  if (isJixiaoError(e)) return e;
  const code = errorCode(e);
  const detail = e instanceof Error ? e.message : String(e);
  switch (code) {
    case 'InvalidOperationInCellEditMode':
      return new JixiaoError(kind, `Excel 正在编辑单元格，暂时无法${action}：请先按 Enter 或 Esc 结束编辑，再重试。`);
    case 'AccessDenied':
      return new JixiaoError(kind, `无法${action}：工作簿或工作表受保护。请在“审阅”选项卡中撤消工作表保护（或工作簿保护）后再试。`);
    case 'ApiNotFound':
    case 'ApiNotAvailable':
      return new JixiaoError('unsupported', UNSUPPORTED_MESSAGE);
    case 'RequestPayloadSizeLimitExceeded':
    case 'ResponsePayloadSizeLimitExceeded':
      return new JixiaoError(
        kind,
        `无法${action}：表格数据量超出了 Excel 单次读写的上限（网页版约 5 MB）。请删去与绩效指标无关的行列后重试，或在桌面版 Excel 中使用。`,
      );
    case 'ItemNotFound':
      return new JixiaoError('not-found', `无法${action}：要操作的工作表或单元格已不存在（可能刚被删除或重命名）。请重新点击“评价”。`);
    default:
      return new JixiaoError(
        kind,
        `无法${action}：Excel 返回错误${code ? ` ${code}` : ''}（${detail}）。请稍后重试；如果问题持续，请保存工作簿后重新打开。`,
      );
  }
}
