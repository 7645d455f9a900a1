import { genesysApiFaults } from './scenarios';
import { describeFaultRuns } from './suite';

describeFaultRuns(genesysApiFaults);
