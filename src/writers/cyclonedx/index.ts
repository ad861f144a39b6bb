export { cycloneDx, contentUuid, type SbomOptions } from './cyclonedx.js';
