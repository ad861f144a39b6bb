/**
 * The threats and considerations of ../shared/docs/THREATS.md. Every rule names the ones it
 * mitigates; the meta-test checks the ids against this list.
 */
export const THREATS = {
  'container-compromise': 'Container compromise',
  'lateral-movement': 'Lateral movement',
  'data-exfiltration': 'Data exfiltration',
  'host-compromise': 'Host compromise',
  'api-server-kubelet': 'Attacks on the API server and kubelets',
  'supply-chain': 'Supply chain',
} as const;

export const CONSIDERATIONS = {
  'image-security': 'Image security',
  'network-security': 'Network security',
  'identity-access': 'Identity and access',
  'monitoring-logging': 'Monitoring and logging',
  'incident-response': 'Incident response',
  'compliance-auditing': 'Compliance and auditing',
} as const;

export type ThreatId = keyof typeof THREATS | keyof typeof CONSIDERATIONS;

export const THREAT_IDS: readonly ThreatId[] = [
  ...(Object.keys(THREATS) as ThreatId[]),
  ...(Object.keys(CONSIDERATIONS) as ThreatId[]),
];

export function threatTitle(id: ThreatId): string {
  return id in THREATS ? THREATS[id as keyof typeof THREATS] : CONSIDERATIONS[id as keyof typeof CONSIDERATIONS];
}
