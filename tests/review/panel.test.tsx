/** @jest-environment jsdom */
// 批量复核 on the standalone page: choose files → progress → download 汇总.xlsx and the letters' .zip.

import { act, fireEvent, render, screen } from '@testing-library/react';
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { ReviewPanel, chooseFiles } from '../../src/taskpane/review/ReviewPanel';
import type { BrowserReviewOptions, PickedFile, BrowserReview } from '../../src/review/browser';

test('files chosen → progress with the current file → both downloads', async () => {
  let finish: (r: BrowserReview) => void = () => undefined;
  let seen: { files: PickedFile[]; o: BrowserReviewOptions } | null = null;
  const review = jest.fn((files: PickedFile[], o: BrowserReviewOptions) => {
    seen = { files, o };
    return new Promise<BrowserReview>((resolve) => (finish = resolve));
  });
  const names: string[] = [];
  (URL as unknown as { createObjectURL: () => string }).createObjectURL = () => 'blob:test';
  (URL as unknown as { revokeObjectURL: () => void }).revokeObjectURL = () => undefined;
  jest.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    names.push(this.download);
  });
  const files = [new File([new Uint8Array([0x50, 0x4b])], '甲.xlsx'), new File([new Uint8Array([0x50, 0x4b])], '乙.xlsx')];
  const choose = jest.fn(async () => files);
  render(
    <FluentProvider theme={webLightTheme}>
      <ReviewPanel review={review} choose={choose} />
    </FluentProvider>,
  );
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '选择文件…' }));
  });
  expect(choose).toHaveBeenCalledWith(false);
  expect(review).toHaveBeenCalledTimes(1);
  expect(seen!.files.map((f) => f.path)).toEqual(['甲.xlsx', '乙.xlsx']);
  expect(seen!.o.letters).toBe(true);
  expect((screen.getByRole('button', { name: '选择文件…' }) as HTMLButtonElement).disabled).toBe(true);
  act(() => seen!.o.onProgress?.(1, 2, '甲.xlsx'));
  expect(screen.getByTestId('review-status').textContent).toContain('已评价 1/2：甲.xlsx');
  await act(async () => {
    finish({
      summary: new Uint8Array([1]),
      letters: new Uint8Array([2]),
      letterCount: 2,
      counts: { files: 2, evaluated: 1, unreadable: 1, noTable: 0, skipped: 0, tables: 1 },
    });
  });
  expect(screen.getByTestId('review-status').textContent).toContain('共 2 个文件：已评价 1，无法读取 1；项目表 1 张。');
  fireEvent.click(screen.getByRole('button', { name: '下载汇总.xlsx' }));
  fireEvent.click(screen.getByRole('button', { name: '下载复核意见（2 份）.zip' }));
  expect(names).toEqual(['汇总.xlsx', '复核意见.zip']);
});

test('the chooser: an input made on demand (files: .xlsx; folder: webkitdirectory), its files returned', async () => {
  const made: HTMLInputElement[] = [];
  const click = jest.spyOn(HTMLInputElement.prototype, 'click').mockImplementation(function (this: HTMLInputElement) {
    made.push(this);
    Object.defineProperty(this, 'files', { value: [new File(['x'], 'a.xlsx')] });
    this.dispatchEvent(new Event('change'));
  });
  expect((await chooseFiles(true)).map((f) => f.name)).toEqual(['a.xlsx']);
  expect(made[0].hasAttribute('webkitdirectory')).toBe(true);
  await chooseFiles(false);
  expect(made[1].accept).toBe('.xlsx');
  expect(made.every((i) => i.multiple && !i.isConnected)).toBe(true);
  click.mockRestore();
});

test('an error is shown in Chinese', async () => {
  const review = jest.fn(async () => {
    throw Object.assign(new Error('所选文件中没有 .xlsx 工作簿。'), { name: 'JixiaoError' });
  });
  render(
    <FluentProvider theme={webLightTheme}>
      <ReviewPanel review={review} choose={async () => [new File(['x'], '说明.txt')]} />
    </FluentProvider>,
  );
  await act(async () => {
    fireEvent.click(screen.getByRole('button', { name: '选择文件夹…' }));
  });
  expect(screen.getByRole('alert').textContent).toBe('所选文件中没有 .xlsx 工作簿。');
});
