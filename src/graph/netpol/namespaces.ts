/** The label the API server puts on every namespace, naming it; selectors often use it. */
export const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';
