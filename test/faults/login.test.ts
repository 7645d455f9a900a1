import { loginFaults } from './scenarios';
import { describeFaultRuns } from './suite';

describeFaultRuns(loginFaults);
