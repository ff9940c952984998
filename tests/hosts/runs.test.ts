import { RunStamp, clearRunId, evaluateRunId, parseRunStamp, runId, watchStamps } from '../../src/hosts/runs';
import { WritePlan } from '../../src/core/plan';

const stamp = (id: string, action: RunStamp['action'] = 'evaluate'): RunStamp => ({
  id,
  action,
  sheets: ['表1'],
  summarySheet: '评价结果',
  highlighted: 3,
});

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}

describe('run stamps', () => {
  test('parseRunStamp keeps what it knows, refuses what is not a stamp', () => {
    expect(parseRunStamp(JSON.stringify({ ...stamp('a'), cleared: 2, document: 'x.xlsx', extra: 1 }))).toEqual({
      ...stamp('a'),
      cleared: 2,
      document: 'x.xlsx',
    });
    expect(parseRunStamp({ id: 'a', action: 'evaluate' })).toEqual({
      id: 'a',
      action: 'evaluate',
      sheets: [],
      summarySheet: '',
      highlighted: 0,
    });
    for (const bad of [null, '', '{', '[]', JSON.stringify({ id: 1, action: 'evaluate' }), JSON.stringify({ id: 'a', action: 'delete' })])
      expect(parseRunStamp(bad)).toBeNull();
  });

  test('ids follow what a run did: the same 评价 twice has one id, a different one another', () => {
    const plan = (v: number): WritePlan => ({
      highlights: [],
      sheets: ['表1'],
      summary: { name: '评价结果', rows: [[{ v, style: 'number' }]], merges: [], widths: [], freezeRows: 0, bars: [] },
    });
    expect(evaluateRunId(plan(1), '评价结果')).toBe(evaluateRunId(plan(1), '评价结果'));
    expect(evaluateRunId(plan(1), '评价结果')).not.toBe(evaluateRunId(plan(2), '评价结果'));
    expect(evaluateRunId(plan(1), '评价结果')).not.toBe(evaluateRunId(plan(1), '评价结果(2)'));
    expect(clearRunId('a', 1)).not.toBe(clearRunId('b', 1));
    expect(runId('')).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe('watchStamps', () => {
  function store(first: RunStamp | null) {
    let current = first;
    let fail = false;
    const reads = { n: 0 };
    return {
      set: (s: RunStamp | null) => (current = s),
      failNext: () => (fail = true),
      reads,
      read: async () => {
        reads.n++;
        if (fail) {
          fail = false;
          throw new Error('busy');
        }
        return current;
      },
    };
  }

  test('reports the stamp found at the start as initial, then each new one once', async () => {
    const st = store(stamp('a'));
    const seen: [string, boolean][] = [];
    const w = watchStamps({ read: st.read, pollMs: 0 }, (s, initial) => seen.push([s.id, initial]));
    await settle();
    expect(seen).toEqual([['a', true]]);
    w.poke();
    await settle();
    expect(seen).toEqual([['a', true]]);
    st.set(stamp('b', 'clear'));
    w.poke();
    await settle();
    st.set(stamp('a')); // the same 评价 again after the clear is news
    w.poke();
    await settle();
    expect(seen).toEqual([
      ['a', true],
      ['b', false],
      ['a', false],
    ]);
    w.stop();
    st.set(stamp('c'));
    w.poke();
    await settle();
    expect(seen).toHaveLength(3);
  });

  test('no stamp at the start: nothing reported until one appears; a failing read is retried at the next check', async () => {
    const st = store(null);
    const seen: string[] = [];
    const w = watchStamps({ read: st.read, pollMs: 0 }, (s) => seen.push(s.id));
    await settle();
    st.set(stamp('x'));
    st.failNext();
    w.poke();
    await settle();
    expect(seen).toEqual([]);
    w.poke();
    await settle();
    expect(seen).toEqual(['x']);
    w.stop();
  });

  test("saw(id): the page's own stamp is not news, even when a read that started before returns the old one", async () => {
    let release: (s: RunStamp | null) => void = () => undefined;
    let slow = false;
    let current: RunStamp | null = stamp('old');
    const read = () => (slow ? new Promise<RunStamp | null>((r) => (release = r)) : Promise.resolve(current));
    const seen: string[] = [];
    const w = watchStamps({ read, pollMs: 0 }, (s) => seen.push(s.id));
    await settle();
    expect(seen).toEqual(['old']);
    slow = true;
    w.poke(); // a read in flight…
    current = stamp('mine');
    w.saw('mine'); // …while this page writes its own stamp
    release(stamp('older-view'));
    await settle();
    slow = false;
    w.poke();
    await settle();
    expect(seen).toEqual(['old']);
    w.stop();
  });

  test('polls while visible when asked to', async () => {
    jest.useFakeTimers();
    try {
      const st = store(null);
      const seen: string[] = [];
      const w = watchStamps({ read: st.read, pollMs: 1000 }, (s) => seen.push(s.id));
      await jest.advanceTimersByTimeAsync(10);
      st.set(stamp('p'));
      await jest.advanceTimersByTimeAsync(1000);
      expect(seen).toEqual(['p']);
      const n = st.reads.n;
      w.stop();
      await jest.advanceTimersByTimeAsync(5000);
      expect(st.reads.n).toBe(n);
    } finally {
      jest.useRealTimers();
    }
  });
});
