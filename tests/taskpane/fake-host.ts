// A small in-memory Host for the pane's component tests: a hand-made snapshot of one 绩效自评表 and a
// record of every call. Not the Excel fake: the pane only ever sees the Host interface.

import { ApplyResult, DEFAULT_SETTINGS, Host, HostKind, Settings } from '../../src/hosts/host';
import { Cell, WorkbookSnapshot } from '../../src/core/snapshot';
import { WritePlan } from '../../src/core/plan';

const cell = (v: string | number | null): Cell | null => (v === '' || v === null ? null : { v, t: typeof v === 'number' ? String(v) : v });

/**
 * One project table: budget 95% executed, 培训人数 over-achieved, 验收合格率 unmet without a reason
 * (error I9), total row 99 against 99.5 summed (error H12). Core result: 97.5 分, 优, 3/4 met.
 */
export function sampleSnapshot(): WorkbookSnapshot {
  const rows = [
    ['项目支出绩效自评表'],
    ['（2020年度）'],
    ['项目名称', '测试项目'],
    ['主管部门', '某县教育局', '', '实施单位', '某县教育局'],
    ['项目资金（万元）', '', '年初预算数', '全年预算数', '全年执行数', '分值', '执行率', '得分'],
    ['', '年度资金总额', 100, 100, 95, 10, 0.95, 9.5],
    ['绩效指标', '一级指标', '二级指标', '三级指标', '年度指标值', '实际完成值', '分值', '得分', '偏差原因分析及改进措施'],
    ['', '产出指标', '数量指标', '培训人数', '≥100人', '120人', 30, 30, ''],
    ['', '产出指标', '质量指标', '验收合格率', '100%', '90%', 20, 20, ''],
    ['', '效益指标', '社会效益指标', '服务效果', '有效', '效果明显', 30, 30, ''],
    ['', '满意度指标', '服务对象满意度指标', '群众满意度', '≥95%', '96%', 10, 10, ''],
    ['总分', '', '', '', '', '', 100, 99, '优'],
  ].map((r) => r.map(cell));
  return { name: '测试.xlsx', sheets: [{ name: '自评表', rows, top: 1, left: 1, merges: [] }] };
}

/** A sheet with text but no indicator table. */
export function noTableSnapshot(): WorkbookSnapshot {
  return { name: '纪要.xlsx', sheets: [{ name: '会议纪要', rows: [[cell('会议纪要')], [cell('2020年')]], top: 1, left: 1, merges: [] }] };
}

export interface FakeHost extends Host {
  calls: { method: string; args: unknown[] }[];
  plans: WritePlan[];
  selected: { sheet: string; cell: string }[];
  saved: Settings[];
  settings: Settings;
}

export interface FakeOptions {
  kind?: HostKind;
  snapshot?: () => Promise<WorkbookSnapshot> | WorkbookSnapshot;
  settings?: Settings;
  apply?: (plan: WritePlan) => Promise<ApplyResult>;
}

export function fakeHost(opts: FakeOptions = {}): FakeHost {
  const host: FakeHost = {
    kind: opts.kind ?? 'excel',
    calls: [],
    plans: [],
    selected: [],
    saved: [],
    settings: opts.settings ?? { ...DEFAULT_SETTINGS },
    async documentName() {
      host.calls.push({ method: 'documentName', args: [] });
      return '测试.xlsx';
    },
    async readSnapshot(scope) {
      host.calls.push({ method: 'readSnapshot', args: [scope] });
      return opts.snapshot ? opts.snapshot() : sampleSnapshot();
    },
    async apply(plan) {
      host.calls.push({ method: 'apply', args: [plan] });
      host.plans.push(plan);
      if (opts.apply) return opts.apply(plan);
      return { summarySheet: plan.summary.name, highlighted: plan.highlights.length };
    },
    async clearMarks() {
      host.calls.push({ method: 'clearMarks', args: [] });
      const last = host.plans[host.plans.length - 1];
      return { cleared: last ? last.highlights.length : 0 };
    },
    async selectCell(sheet, c) {
      host.calls.push({ method: 'selectCell', args: [sheet, c] });
      host.selected.push({ sheet, cell: c });
    },
    async loadSettings() {
      host.calls.push({ method: 'loadSettings', args: [] });
      return { ...host.settings };
    },
    async saveSettings(s) {
      host.calls.push({ method: 'saveSettings', args: [s] });
      host.saved.push(s);
      host.settings = s;
    },
  };
  return host;
}

/** A promise with its resolve/reject outside. */
export function deferred<T>(): { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void } {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((a, b) => {
    resolve = a;
    reject = b;
  });
  return { promise, resolve, reject };
}
