/**
 * Turns what a user types (`pods`, `pods/exec`, `deployments.apps`, `deploy`, `/metrics`) into an
 * authorizer request. Without a live discovery document, the API group of a built-in resource comes
 * from this table; any other resource must be written `resource.group` (as `kubectl auth can-i`
 * accepts), else it is taken to be in the core group.
 */
import type { Request } from './match.js';

const GROUPS: Readonly<Record<string, string>> = {
  pods: '', services: '', secrets: '', configmaps: '', serviceaccounts: '', namespaces: '', nodes: '', endpoints: '',
  persistentvolumes: '', persistentvolumeclaims: '', events: '', replicationcontrollers: '', limitranges: '', resourcequotas: '', podtemplates: '', componentstatuses: '',
  users: '', groups: '', bindings: '',
  deployments: 'apps', daemonsets: 'apps', statefulsets: 'apps', replicasets: 'apps', controllerrevisions: 'apps',
  jobs: 'batch', cronjobs: 'batch',
  roles: 'rbac.authorization.k8s.io', rolebindings: 'rbac.authorization.k8s.io', clusterroles: 'rbac.authorization.k8s.io', clusterrolebindings: 'rbac.authorization.k8s.io',
  ingresses: 'networking.k8s.io', networkpolicies: 'networking.k8s.io', ingressclasses: 'networking.k8s.io',
  certificatesigningrequests: 'certificates.k8s.io', signers: 'certificates.k8s.io',
  mutatingwebhookconfigurations: 'admissionregistration.k8s.io', validatingwebhookconfigurations: 'admissionregistration.k8s.io',
  validatingadmissionpolicies: 'admissionregistration.k8s.io', validatingadmissionpolicybindings: 'admissionregistration.k8s.io',
  customresourcedefinitions: 'apiextensions.k8s.io', apiservices: 'apiregistration.k8s.io',
  storageclasses: 'storage.k8s.io', csidrivers: 'storage.k8s.io', csinodes: 'storage.k8s.io', volumeattachments: 'storage.k8s.io',
  horizontalpodautoscalers: 'autoscaling', poddisruptionbudgets: 'policy', podsecuritypolicies: 'policy',
  leases: 'coordination.k8s.io', priorityclasses: 'scheduling.k8s.io', runtimeclasses: 'node.k8s.io',
  tokenreviews: 'authentication.k8s.io', tokenrequests: 'authentication.k8s.io', userextras: 'authentication.k8s.io', uids: 'authentication.k8s.io',
  subjectaccessreviews: 'authorization.k8s.io', selfsubjectaccessreviews: 'authorization.k8s.io', localsubjectaccessreviews: 'authorization.k8s.io',
  endpointslices: 'discovery.k8s.io', flowschemas: 'flowcontrol.apiserver.k8s.io', prioritylevelconfigurations: 'flowcontrol.apiserver.k8s.io',
};

/** kubectl short names and singulars users commonly type. */
const ALIASES: Readonly<Record<string, string>> = {
  po: 'pods', pod: 'pods', svc: 'services', service: 'services', secret: 'secrets', cm: 'configmaps', configmap: 'configmaps',
  sa: 'serviceaccounts', serviceaccount: 'serviceaccounts', ns: 'namespaces', namespace: 'namespaces', no: 'nodes', node: 'nodes',
  pv: 'persistentvolumes', pvc: 'persistentvolumeclaims', rc: 'replicationcontrollers', ep: 'endpoints',
  deploy: 'deployments', deployment: 'deployments', ds: 'daemonsets', daemonset: 'daemonsets', sts: 'statefulsets', statefulset: 'statefulsets',
  rs: 'replicasets', replicaset: 'replicasets', job: 'jobs', cj: 'cronjobs', cronjob: 'cronjobs',
  role: 'roles', rolebinding: 'rolebindings', clusterrole: 'clusterroles', clusterrolebinding: 'clusterrolebindings',
  ing: 'ingresses', ingress: 'ingresses', netpol: 'networkpolicies', networkpolicy: 'networkpolicies', csr: 'certificatesigningrequests',
  crd: 'customresourcedefinitions', crds: 'customresourcedefinitions', hpa: 'horizontalpodautoscalers', pdb: 'poddisruptionbudgets', sc: 'storageclasses',
};

export interface RequestSpec {
  readonly verb: string;
  /** `pods`, `pods/exec`, `deployments.apps`, `*`, or a non-resource URL starting with `/`. */
  readonly resource: string;
  readonly namespace?: string;
  readonly name?: string;
}

export type RequestParse = { readonly ok: true; readonly request: Request; readonly guessedGroup: boolean } | { readonly ok: false; readonly message: string };

export function parseRequest(spec: RequestSpec): RequestParse {
  const verb = spec.verb.trim();
  if (verb === '') return { ok: false, message: 'empty verb' };
  const text = spec.resource.trim();
  if (text.startsWith('/')) {
    if (spec.namespace !== undefined && spec.namespace !== '') return { ok: false, message: 'non-resource URLs have no namespace; drop -n' };
    return { ok: true, request: { type: 'nonResource', verb, path: text }, guessedGroup: false };
  }
  const slash = text.indexOf('/');
  const head = slash < 0 ? text : text.slice(0, slash);
  const subresource = slash < 0 ? undefined : text.slice(slash + 1);
  if (head === '' || subresource === '' || subresource?.includes('/') === true) return { ok: false, message: `"${text}" is not RESOURCE[.GROUP][/SUBRESOURCE]` };
  const dot = head.indexOf('.');
  const typed = (dot < 0 ? head : head.slice(0, dot)).toLowerCase();
  const resource = ALIASES[typed] ?? typed;
  const known = GROUPS[resource];
  const apiGroup = dot >= 0 ? head.slice(dot + 1) : (known ?? '');
  // The API server files a request for one namespace (/api/v1/namespaces/NAME, and its status and
  // finalize subresources) under that namespace, so a RoleBinding there may grant it.
  const ownNamespace = resource === 'namespaces' && apiGroup === '' && spec.namespace === undefined ? spec.name : undefined;
  return {
    ok: true,
    request: {
      type: 'resource',
      verb,
      apiGroup,
      resource,
      ...(subresource === undefined ? {} : { subresource }),
      namespace: spec.namespace ?? ownNamespace ?? '',
      name: spec.name ?? '',
    },
    guessedGroup: dot < 0 && known === undefined && resource !== '*',
  };
}
