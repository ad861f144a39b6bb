/**
 * MITRE ATT&CK for Containers: each technique of the matrix, with the rules whose metadata names it
 * (or one of its sub-techniques). Techniques that rules name but the Containers matrix does not
 * (Enterprise techniques such as T1040 Network Sniffing) are listed after the matrix, so every
 * rule's MITRE ids lead somewhere. Derived from rule metadata: a new rule joins by naming its
 * techniques, never by editing this file.
 */
import type { RuleMeta } from '../core/rule.js';
import type { Control, Framework } from './types.js';
import { rules } from './types.js';

/**
 * The techniques of the ATT&CK Containers matrix, in id order, titled as ATT&CK titles them. A
 * sub-technique's parent is a cell of the matrix too, and counts the rules of all its sub-techniques.
 * Since v15: T1036.005 renamed, T1543.005 Container Service and T1496.001/.002 (v16), T1059.013
 * Container CLI/API (v18).
 */
export const CONTAINER_TECHNIQUES: Readonly<Record<string, string>> = {
  T1036: 'Masquerading',
  'T1036.005': 'Masquerading: Match Legitimate Resource Name or Location',
  T1046: 'Network Service Discovery',
  T1053: 'Scheduled Task/Job',
  'T1053.007': 'Scheduled Task/Job: Container Orchestration Job',
  T1059: 'Command and Scripting Interpreter',
  'T1059.013': 'Command and Scripting Interpreter: Container CLI/API',
  T1068: 'Exploitation for Privilege Escalation',
  T1069: 'Permission Groups Discovery',
  T1070: 'Indicator Removal',
  T1078: 'Valid Accounts',
  'T1078.001': 'Valid Accounts: Default Accounts',
  'T1078.003': 'Valid Accounts: Local Accounts',
  T1098: 'Account Manipulation',
  'T1098.006': 'Account Manipulation: Additional Container Cluster Roles',
  T1110: 'Brute Force',
  'T1110.001': 'Brute Force: Password Guessing',
  'T1110.003': 'Brute Force: Password Spraying',
  'T1110.004': 'Brute Force: Credential Stuffing',
  T1133: 'External Remote Services',
  T1136: 'Create Account',
  'T1136.001': 'Create Account: Local Account',
  T1190: 'Exploit Public-Facing Application',
  T1204: 'User Execution',
  'T1204.003': 'User Execution: Malicious Image',
  T1485: 'Data Destruction',
  T1490: 'Inhibit System Recovery',
  T1496: 'Resource Hijacking',
  'T1496.001': 'Resource Hijacking: Compute Hijacking',
  'T1496.002': 'Resource Hijacking: Bandwidth Hijacking',
  T1498: 'Network Denial of Service',
  T1499: 'Endpoint Denial of Service',
  T1525: 'Implant Internal Image',
  T1528: 'Steal Application Access Token',
  T1543: 'Create or Modify System Process',
  'T1543.005': 'Create or Modify System Process: Container Service',
  T1550: 'Use Alternate Authentication Material',
  'T1550.001': 'Use Alternate Authentication Material: Application Access Token',
  T1552: 'Unsecured Credentials',
  'T1552.001': 'Unsecured Credentials: Credentials In Files',
  'T1552.007': 'Unsecured Credentials: Container API',
  T1562: 'Impair Defenses',
  'T1562.001': 'Impair Defenses: Disable or Modify Tools',
  T1609: 'Container Administration Command',
  T1610: 'Deploy Container',
  T1611: 'Escape to Host',
  T1612: 'Build Image on Host',
  T1613: 'Container and Resource Discovery',
};

/** Enterprise techniques outside the Containers matrix that rules name. */
export const ENTERPRISE_TECHNIQUES: Readonly<Record<string, string>> = {
  T1005: 'Data from Local System',
  T1006: 'Direct Volume Access',
  T1021: 'Remote Services',
  T1040: 'Network Sniffing',
  T1041: 'Exfiltration Over C2 Channel',
  'T1078.004': 'Valid Accounts: Cloud Accounts',
  T1055: 'Process Injection',
  T1105: 'Ingress Tool Transfer',
  T1210: 'Exploitation of Remote Services',
  'T1195.001': 'Supply Chain Compromise: Compromise Software Dependencies and Development Tools',
  'T1195.002': 'Supply Chain Compromise: Compromise Software Supply Chain',
  'T1548.001': 'Abuse Elevation Control Mechanism: Setuid and Setgid',
  'T1548.003': 'Abuse Elevation Control Mechanism: Sudo and Sudo Caching',
  'T1552.005': 'Unsecured Credentials: Cloud Instance Metadata API',
  T1557: 'Adversary-in-the-Middle',
  T1565: 'Data Manipulation',
  'T1562.008': 'Impair Defenses: Disable or Modify Cloud Logs',
};

/** Why techniques no rule answers stay manual: they happen at run time, not in configuration. */
const RUNTIME = 'an action at run time, visible in audit logs and runtime events rather than in object configuration';

function techniqueOrder(a: string, b: string): number {
  return a.localeCompare(b, 'en', { numeric: true });
}

/** The framework for the given rules (the registry in production, a fixture list in tests). */
export function mitreFramework(all: readonly RuleMeta[]): Framework {
  const addressing = (technique: string): string[] =>
    all.filter((rule) => rule.mitre.some((m) => m === technique || m.startsWith(`${technique}.`))).map((rule) => rule.id).sort();
  const control = (id: string, title: string): Control => {
    const ids = addressing(id);
    return ids.length > 0 ? { id, title, checks: rules(...ids) } : { id, title, manual: RUNTIME };
  };
  const matrix = Object.keys(CONTAINER_TECHNIQUES).sort(techniqueOrder);
  const enterprise = Object.keys(ENTERPRISE_TECHNIQUES).sort(techniqueOrder);
  // A technique a rule names but no table titles still gets its control (a test asks for the title).
  const untitled = [...new Set(all.flatMap((rule) => rule.mitre))].filter((id) => !(id in CONTAINER_TECHNIQUES) && !(id in ENTERPRISE_TECHNIQUES)).sort(techniqueOrder);
  return {
    id: 'mitre-attack-containers',
    title: 'MITRE ATT&CK for Containers',
    version: 'v18',
    url: 'https://attack.mitre.org/matrices/enterprise/containers/',
    controls: [
      ...matrix.map((id) => control(id, CONTAINER_TECHNIQUES[id] ?? id)),
      ...enterprise.map((id) => ({ ...control(id, ENTERPRISE_TECHNIQUES[id] ?? id), note: 'Enterprise technique outside the Containers matrix' })),
      ...untitled.map((id) => ({ ...control(id, id), note: 'technique not yet titled in src/frameworks/mitre-attack-containers.ts' })),
    ],
  };
}
