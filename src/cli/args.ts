// The one way the command line walks its arguments: "--flag value", "--flag=value", and the values a flag
// needs. The single-file and the batch parsers each say only what their flags mean.

import { JixiaoError } from '../core/errors';

export interface ArgStep {
  /** The flag ("--out") or the plain argument itself. */
  flag: string;
  /** The argument as typed. */
  raw: string;
  /** The flag's value, from "--flag=value" or the next argument; a clear error when there is none. */
  take(): string;
}

export function walkArgs(argv: string[], from: number, each: (step: ArgStep) => void): void {
  for (let i = from; i < argv.length; i++) {
    const raw = argv[i];
    const eq = /^(--[a-z-]+)=(.*)$/.exec(raw);
    const flag = eq ? eq[1] : raw;
    each({
      flag,
      raw,
      take: () => {
        if (eq && eq[2] === '') throw new JixiaoError('bad-argument', `选项 ${flag} 需要一个值（${flag}= 后面是空的）。`);
        if (eq) return eq[2];
        const v = argv[i + 1];
        if (v === undefined || v.startsWith('--')) throw new JixiaoError('bad-argument', `选项 ${flag} 需要一个值。`);
        i++;
        return v;
      },
    });
  }
}
