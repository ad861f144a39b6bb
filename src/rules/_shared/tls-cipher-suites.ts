/**
 * The TLS cipher suites CIS accepts for the API server (1.2.29) and the kubelet (4.2.12), as
 * kube-bench's valid_elements list them: AEAD ciphers only. The others Go still accepts (CBC,
 * 3DES, RC4) have known attacks or no forward secrecy.
 */
const STRONG_CIPHER_SUITES: ReadonlySet<string> = new Set([
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_RSA_WITH_AES_128_GCM_SHA256',
  // TLS 1.3 suites: Go always enables them, so listing them changes nothing.
  'TLS_AES_128_GCM_SHA256',
  'TLS_AES_256_GCM_SHA384',
  'TLS_CHACHA20_POLY1305_SHA256',
]);

export function isWeakCipherSuite(suite: string): boolean {
  return !STRONG_CIPHER_SUITES.has(suite);
}

export const WEAK_SUITES_CONSEQUENCE = 'a client that offers only these gets a connection without forward secrecy or with a broken cipher';
