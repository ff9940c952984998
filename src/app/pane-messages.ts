// What the task pane tells the user, in one place: the same words in Excel, in WPS and in the browser
// (standalone). Messages only; button captions, headings and field labels stay with their components.
// The WPS build carries this file in its pane bundle, which must mention nothing of Office's JavaScript
// library: messages about that are in ./messages.ts (Excel only). Ribbon outcomes are in ./notices.ts.

import { isJixiaoError } from '../core/errors';
import type { HostKind } from '../hosts/host';
import type { Statistics } from '../review/summary';

/** The message to show for an error: ours as is; anything else in Chinese with the original kept. */
export function errorText(e: unknown): string {
  const msg = e instanceof Error ? e.message : typeof e === 'string' ? e : '';
  if (isJixiaoError(e) && msg) return msg;
  if (msg && /[\u4e00-\u9fff]/.test(msg)) return msg;
  return `发生意外错误${msg ? `（${msg}）` : ''}。请重试；如果问题仍然存在，请关闭并重新打开助手。`;
}

// ── Startup: where the pane runs, and why it runs standalone ─────────────────────────────────────────

/** How hosts are named to the user. */
export function hostLabel(kind: HostKind): string {
  return kind === 'excel' ? 'Excel' : kind === 'wps' ? 'WPS 表格' : '';
}

export function connectedStatus(label: string): string {
  return label ? `已连接 ${label}` : '已连接';
}

/** Standalone mode, with why (a reason below) when startup knows it. */
export function standaloneStatus(reason?: string): string {
  return reason ? `独立模式（${reason}）：在浏览器中评价 .xlsx 文件` : '独立模式：在浏览器中评价 .xlsx 文件';
}

const STANDALONE_FALLBACK = '现以独立模式运行：可打开 .xlsx 文件评价。';

export const NO_OFFICE = '未检测到 Office';
export const NOT_IN_OFFICE = '未在 Office 中运行';
export const OFFICE_LOAD_TIMEOUT = 'Office 未在规定时间内加载';
export const OFFICE_READY_TIMEOUT = 'Office 未在规定时间内就绪';

export function notExcelReason(app: string): string {
  return `当前 Office 应用（${app}）不是 Excel`;
}

/** `label`: 'Excel' or 'WPS 表格' (hostLabel). */
export function notDetectedReason(label: string): string {
  return `未检测到 ${label}`;
}

export function unsupportedReason(label: string): string {
  return `${label} 版本不受支持`;
}

export function connectFailedReason(label: string): string {
  return `无法连接 ${label}`;
}

export function connectFailedNotice(label: string, detail: string): string {
  return `无法连接 ${label}：${detail}。${STANDALONE_FALLBACK}`;
}

export const STARTUP_FAILED_REASON = '启动失败';

export function startupFailedNotice(detail: string): string {
  return `启动时出错（${detail}），现以独立模式运行。`;
}

// ── The pane before 评价 ──────────────────────────────────────────────────────────────────────────────

export const EMPTY_HOST =
  '切换到绩效自评表所在的工作表，点击“评价”：助手会核算得分、检查填报问题、标出有问题的单元格，并写入“评价结果”工作表和报告正文。';
export const EMPTY_STANDALONE =
  '打开文件后点击“评价”：助手会核算得分、检查填报问题，生成带标记和“评价结果”工作表的结果工作簿，以及绩效自评报告正文。';

export function fileOpenedHint(fileName: string): string {
  return `已打开“${fileName}”。点击“评价”检查其中的全部绩效自评表。`;
}

export const OPEN_FILE_HINT = '选择或拖放一个 .xlsx 格式的绩效自评表。文件只在本机浏览器中处理，不会上传。';
export const FILE_UNREADABLE = '无法读取文件';

// ── Notes after an action in the pane ────────────────────────────────────────────────────────────────

export function settingsLoadFailed(e: unknown): string {
  return `读取设置失败，将使用默认设置：${errorText(e)}`;
}

export const SETTINGS_SAVED = '设置已保存。';

export function settingsSaveFailed(e: unknown): string {
  return `保存失败：${errorText(e)}`;
}

/** Where the settings are kept, under 保存设置. */
export function settingsStorageNote(kind: HostKind | null): string {
  if (!kind) return '打开文件后可保存设置。';
  return kind === 'file'
    ? '独立模式下，设置保存在本浏览器中（不写入文件）。未保存的更改也会用于本次评价。'
    : '设置保存在当前工作簿中，随文件保存。未保存的更改也会用于本次评价。';
}

/** 清除标记 in the pane. In a file the marks go from the result copy; the 评价结果 sheet stays. */
export function marksCleared(cleared: number, fileMode: boolean): string {
  if (fileMode) return `已去除结果工作簿中的 ${cleared} 处标色（“评价结果”工作表保留）。`;
  return cleared > 0 ? `已清除 ${cleared} 处标记，单元格已恢复原样。` : '没有需要清除的标记。';
}

export function clearFailed(e: unknown): string {
  return `清除标记失败：${errorText(e)}`;
}

/** 清除标记 from the ribbon, seen by an open pane. */
export function ribbonCleared(cleared?: number): string {
  return cleared ? `已通过功能区清除 ${cleared} 处标记，单元格已恢复原样。` : '已通过功能区清除标记，单元格已恢复原样。';
}

/** 评价 from the ribbon, seen by an open pane (`initial`: the document's last one, when the pane opens). */
export function ribbonEvaluated(initial: boolean): string {
  return initial ? '已显示本工作簿上次评价的结果（按工作表当前内容核算）。' : '已显示通过功能区“评价”得到的结果。';
}

export function ribbonRunUnreadable(e: unknown): string {
  return `无法显示功能区评价的结果：${errorText(e)}。可点击“评价”重新评价。`;
}

export function selectUnavailable(sheet: string, cell: string): string {
  return `独立模式下无法直接定位单元格：请在下载的结果工作簿中查看 ${sheet}!${cell}（已按级别标色）。`;
}

export function selectFailed(sheet: string, cell: string, e: unknown): string {
  return `无法定位到 ${sheet}!${cell}：${errorText(e)}`;
}

export const COPIED = '已复制（含格式），可粘贴到 Word/WPS 文档中。';
export const COPY_FAILED = '复制失败：请在正文中选中文字后按 Ctrl+C 复制。';
/** 导出 Word where no download reaches the user (Excel for Mac / iPad): the text was copied instead. */
export const COPIED_NO_DOWNLOAD =
  '此环境（如 Mac 版 Excel）不能从加载项下载文件：已把报告正文复制到剪贴板（含格式），请新建 Word 文档后粘贴。';
export const COPY_FAILED_NO_DOWNLOAD =
  '此环境（如 Mac 版 Excel）不能从加载项下载文件，复制也未成功：请在正文中选中文字后按 Cmd+C（或 Ctrl+C）复制到 Word。';

export const DOCX_EXPORTED = '已生成 Word 文档，请在浏览器的下载中查看。';

export function docxExportFailed(e: unknown): string {
  return `导出 Word 失败：${errorText(e)}`;
}

export function resultDownloaded(fileName: string): string {
  return `已生成“${fileName}”，原文件未被修改。`;
}

export function resultDownloadFailed(e: unknown): string {
  return `下载结果工作簿失败：${errorText(e)}`;
}

/** An opened result of ours, downloaded without our marks (`cleared` rules) and sheets (`removed`). */
export function cleanDownloaded(fileName: string, cleared: number, removed: string[]): string {
  return `已生成“${fileName}”：去掉 ${cleared} 条标记规则${removed.length ? `和工作表“${removed.join('”“')}”` : ''}，原文件未被修改。`;
}

export function cleanDownloadFailed(e: unknown): string {
  return `生成清除后的工作簿失败：${errorText(e)}`;
}

// ── Results ──────────────────────────────────────────────────────────────────────────────────────────

export interface ResultsCounts {
  tables: number;
  indicators: number;
  errors: number;
  warnings: number;
  infos: number;
  summarySheet: string;
  highlighted: number;
  /** Standalone: the results are in a copy to download. */
  fileMode: boolean;
}

/** Under 评价完成: what was evaluated, what was found, where it was written. */
export function resultsSummary(c: ResultsCounts): string {
  const where = c.fileMode
    ? `结果工作簿已生成（含“${c.summarySheet}”工作表${c.highlighted ? `，${c.highlighted} 个单元格已标色` : ''}），原文件未被修改。`
    : `已写入“${c.summarySheet}”工作表${c.highlighted ? `，标记 ${c.highlighted} 个单元格` : ''}。`;
  return `共评价 ${c.tables} 张表、${c.indicators} 项指标；错误 ${c.errors}，警告 ${c.warnings}，提示 ${c.infos}。${where}`;
}

export const NO_FINDINGS = '未发现问题。';
export const FILE_MARKS_HINT = '结果工作簿中，以下单元格已按级别标色（错误红、警告黄、提示蓝）。';
export const SENTENCE_SELECT_HINT = '点击正文中的句子可定位到其数据来源单元格。';
/** After the 得分提示 (the report's score differs from the other one). */
export const SCORE_CHOICE_HINT = '可在“设置”中选择报告采用自评得分或核算得分。';

export function pendingNote(n: number): string {
  return `${n}项待核实，暂按自评得分计。`;
}

/** Findings of one severity (`label`: 错误 / 警告 / 提示) beyond those listed. */
export function moreFindings(n: number, label: string): string {
  return `另有 ${n} 条${label}，见“评价结果”工作表。`;
}

// ── 批量复核 (standalone page) ─────────────────────────────────────────────────────────────────────

export const REVIEW_INTRO =
  '选择各单位报送的自评表，生成汇总工作簿（汇总、问题清单、统计）和每个单位的复核意见。文件只在本机浏览器中处理，不会上传。' +
  ' 汇总表中的文件链接按“汇总表保存在所选文件夹旁边”填写。';

export function reviewProgress(done: number, total: number, current: string): string {
  return `已评价 ${done}/${total}${current ? `：${current}` : ''}`;
}

export type ReviewCounts = Pick<Statistics, 'files' | 'evaluated' | 'unreadable' | 'noTable' | 'skipped' | 'tables'>;

export function reviewSummary(c: ReviewCounts): string {
  const parts = [
    `已评价 ${c.evaluated}`,
    c.unreadable ? `无法读取 ${c.unreadable}` : '',
    c.noTable ? `未找到绩效指标表 ${c.noTable}` : '',
    c.skipped ? `跳过 ${c.skipped}` : '',
  ].filter(Boolean);
  return `共 ${c.files} 个文件：${parts.join('，')}；项目表 ${c.tables} 张。`;
}

export function reviewFailed(e: unknown): string {
  if (isJixiaoError(e)) return e.message;
  const detail = e && typeof e === 'object' && 'message' in e ? (e as { message: unknown }).message : e;
  return `复核时出错：${String(detail)}`;
}

// ── File names the pane gives downloads ──────────────────────────────────────────────────────────────

/** When neither the result nor the pane knows the workbook's name. */
export const UNNAMED_WORKBOOK = '工作簿';
/** A name that is nothing but characters Windows does not allow. */
export const UNNAMED_DOWNLOAD = '下载';

export function reportFileName(base: string): string {
  return `${base}-绩效自评报告.docx`;
}
