export { spdx } from './spdx.js';
