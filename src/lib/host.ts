/** Hosts as they appear in addresses (`host:port`, `[v6]:port`, a bare host). */

/** The host part of host:port, [v6]:port, a bare host (an IPv6 address unbracketed), or empty for ":port". */
export function hostOf(address: string): string {
  const trimmed = address.trim();
  if (trimmed.startsWith('[')) return trimmed.slice(1, trimmed.indexOf(']') === -1 ? undefined : trimmed.indexOf(']'));
  const colons = trimmed.split(':').length - 1;
  if (colons === 1) return trimmed.slice(0, trimmed.indexOf(':'));
  return trimmed;
}

/** localhost, 127.0.0.0/8 or ::1 (a host as hostOf gives it). */
export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}
