import { targetFaults } from './scenarios';
import { describeFaultRuns } from './suite';

describeFaultRuns(targetFaults);
