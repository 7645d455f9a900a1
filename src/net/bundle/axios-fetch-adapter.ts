/**
 * Stands in for axios's fetch adapter in the deployment bundle: the gate
 * uses the http adapter, and the fetch adapter's probes at load would
 * make Node load its fetch implementation. `false` is axios's answer for
 * an adapter this platform lacks.
 */
export const getFetch = (): false => false;

export default false;
