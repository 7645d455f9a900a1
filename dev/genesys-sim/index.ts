export { GenesysSimControl, GenesysSimControlError } from './control';
export { demoClient, demoUserIds } from './demo-org';
export {
  type OrgFile,
  OrgFileError,
  parseOrgFile,
  readDemoOrg,
  readOrgFile,
} from './org-file';
export {
  type GenesysSim,
  type GenesysSimOptions,
  startGenesysSim,
} from './server';
export * from './types';
