// What every part of the generator shares while writing one report.

import { Phrasebook } from './templates';
import { Table } from './read';
import { Writer } from './writer';
import { Frag } from './trace';

export interface Ctx {
  w: Writer;
  book: Phrasebook;
  tables: Table[];
  department: Frag | undefined;
  departmentText: string | null;
  year: Frag | undefined;
  yearText: string | null;
  extra: boolean;
  metListLimit: number;
  /** The opening paragraph(s) from the settings; empty when not filled. */
  opening: string[];
}
