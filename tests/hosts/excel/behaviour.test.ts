// The shared host behaviour (tests/hosts/shared/hostBehaviour.ts) against the fake Excel API. Each fixture
// installs its workbook as the Office.js globals (reopen() installs the reopened copy); they go after
// each test.

import { describeHostBehaviour } from '../shared/hostBehaviour';
import { buildExcelFixture } from './fixture';
import { uninstall } from './helpers';

afterEach(() => uninstall());

describeHostBehaviour('Excel', buildExcelFixture);
