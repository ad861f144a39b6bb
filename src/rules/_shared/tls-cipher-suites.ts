/**
 * The TLS cipher suites the CIS Benchmark accepts, as kube-bench's valid_elements list them. The
 * two lists differ: the API server's (1.2.29) requires forward secrecy (ECDHE) and accepts
 * ECDHE CBC suites; the kubelet's (4.2.12) requires AEAD ciphers and accepts RSA key exchange.
 * Suites outside a list (RC4, 3DES, CBC-SHA256, and per list RSA key exchange or CBC) are weak.
 */
export type TlsServer = 'kube-apiserver' | 'kubelet';

/** TLS 1.3 suites: Go always enables them, so listing them changes nothing. */
const TLS_13 = ['TLS_AES_128_GCM_SHA256', 'TLS_AES_256_GCM_SHA384', 'TLS_CHACHA20_POLY1305_SHA256'];

/** ECDHE with AEAD ciphers; the CHACHA20 suites have two names in Go and in the components' flags. */
const ECDHE_AEAD = [
  'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256',
  'TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305',
  'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256',
  'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256',
];

const STRONG_CIPHER_SUITES: Readonly<Record<TlsServer, ReadonlySet<string>>> = {
  'kube-apiserver': new Set([
    ...TLS_13,
    ...ECDHE_AEAD,
    'TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA',
    'TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA',
    'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA',
    'TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA',
  ]),
  kubelet: new Set([...TLS_13, ...ECDHE_AEAD, 'TLS_RSA_WITH_AES_256_GCM_SHA384', 'TLS_RSA_WITH_AES_128_GCM_SHA256']),
};

export function isWeakCipherSuite(suite: string, server: TlsServer): boolean {
  return !STRONG_CIPHER_SUITES[server].has(suite);
}

export const WEAK_SUITES_CONSEQUENCE = 'a client that offers only these gets a connection without forward secrecy or with a broken cipher';

/** crypto/tls versions below 1.2, which the API server and the kubelet still accept as a minimum. */
export const OUTDATED_TLS_VERSIONS: ReadonlySet<string> = new Set(['VersionTLS10', 'VersionTLS11']);

export const OUTDATED_TLS_CONSEQUENCE = 'clients may negotiate TLS 1.0 or 1.1, which are deprecated and open to downgrade attacks';
