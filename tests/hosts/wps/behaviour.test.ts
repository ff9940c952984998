// The shared host behaviour (tests/hosts/shared/hostBehaviour.ts) against the fake WPS object model.

import { describeHostBehaviour } from '../shared/hostBehaviour';
import { buildWpsFixture } from './fixture';

describeHostBehaviour('WPS', buildWpsFixture);
