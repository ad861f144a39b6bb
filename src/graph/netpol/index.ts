/** Exact NetworkPolicy reachability: the public surface of the netpol graph analysis. */
export { Analysis, type Connection, type Endpoint } from './analysis.js';
export { buildCluster } from './cluster.js';
export { ConnectionSet, PROTOCOLS, isProtocol, type Protocol } from './connections.js';
export { connectivityList, type ConnectivityList, type ListOptions } from './connlist.js';
export { NetpolError } from './errors.js';
export { formatList, LIST_FORMATS, type ConnLine, type ListFormat } from './format.js';
export { diffConnectivity, formatDiff, DIFF_FORMATS, type DiffFormat, type DiffLine } from './diff.js';
export { INGRESS_CONTROLLER } from './ingress-controller.js';
export { evaluateConnection, formatEvaluation, type EvalQuery, type EvalResult, type SideVerdict } from './eval-connection.js';
export { parseFocusConn } from './focus-conn.js';
export { exposureAnalysis, type Exposure, type ExposureLine } from './exposure.js';
export { formatWithExposure } from './exposure-format.js';
export { formatConnectivity } from './format-connectivity.js';
