// Writes a folder of generated department workbooks: node lib/bench/make-folder.js DIR [COUNT] [--extras]
// (for trying `jixiao review` by hand; the bench and the tests write their own).

import { writeDepartmentFolder } from './departments';

if (require.main === module) {
  const [dir, count] = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  if (!dir) {
    process.stderr.write('用法：node lib/bench/make-folder.js 目录 [个数] [--extras] [--nested]\n');
    process.exit(2);
  }
  writeDepartmentFolder(dir, {
    count: Number(count ?? 300),
    extras: process.argv.includes('--extras'),
    nested: process.argv.includes('--nested'),
  }).then(
    (f) => process.stdout.write(`已写出 ${f.tables.length} 个工作簿到 ${dir}\n`),
    (e) => {
      process.stderr.write(`${(e as Error).stack ?? e}\n`);
      process.exit(1);
    },
  );
}
