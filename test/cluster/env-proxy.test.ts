// Which proxy a cluster is reached through when the kubeconfig names none: Go's environment rules.
import { describe, expect, it } from 'vitest';
import { proxyFromEnvironment } from '../../src/lib/proxy-env.js';

const proxyFor = (server: string, env: NodeJS.ProcessEnv): string | undefined => proxyFromEnvironment(new URL(server), env);

describe('proxyFromEnvironment', () => {
  it('uses HTTPS_PROXY for https servers and HTTP_PROXY for http ones, upper case first', () => {
    const env = { HTTPS_PROXY: 'http://secure:3128', https_proxy: 'http://lower:1', HTTP_PROXY: 'http://plain:8080' };
    expect(proxyFor('https://k8s.example.com:6443', env)).toBe('http://secure:3128');
    expect(proxyFor('http://k8s.example.com:8080', env)).toBe('http://plain:8080');
    expect(proxyFor('https://k8s.example.com', { https_proxy: 'http://lower:1' })).toBe('http://lower:1');
    expect(proxyFor('https://k8s.example.com', {})).toBeUndefined();
  });

  it('reads a proxy without a scheme as http://', () => {
    expect(proxyFor('https://k8s.example.com', { HTTPS_PROXY: 'proxy.corp:3128' })).toBe('http://proxy.corp:3128');
  });

  it('never proxies the local machine', () => {
    const env = { HTTPS_PROXY: 'http://proxy:3128' };
    for (const server of ['https://localhost:6443', 'https://127.0.0.1:6443', 'https://[::1]:6443']) expect(proxyFor(server, env)).toBeUndefined();
  });

  it('honours NO_PROXY domains, subdomains, IPs, CIDRs, ports and *', () => {
    const env = (noProxy: string): NodeJS.ProcessEnv => ({ HTTPS_PROXY: 'http://proxy:3128', NO_PROXY: noProxy });
    expect(proxyFor('https://api.corp.example:6443', env('corp.example'))).toBeUndefined();
    expect(proxyFor('https://corp.example:6443', env('corp.example'))).toBeUndefined();
    expect(proxyFor('https://corp.example:6443', env('.corp.example'))).toBe('http://proxy:3128');
    expect(proxyFor('https://api.corp.example:6443', env('.corp.example'))).toBeUndefined();
    expect(proxyFor('https://notcorp.example:6443', env('corp.example'))).toBe('http://proxy:3128');
    expect(proxyFor('https://10.1.2.3:6443', env('10.0.0.0/8'))).toBeUndefined();
    expect(proxyFor('https://11.1.2.3:6443', env('10.0.0.0/8'))).toBe('http://proxy:3128');
    expect(proxyFor('https://[fd00::5]:6443', env('fd00::/8'))).toBeUndefined();
    expect(proxyFor('https://10.1.2.3:6443', env('example.com, 10.1.2.3'))).toBeUndefined();
    expect(proxyFor('https://k8s.example:6443', env('k8s.example:443'))).toBe('http://proxy:3128');
    expect(proxyFor('https://k8s.example:6443', env('k8s.example:6443'))).toBeUndefined();
    expect(proxyFor('https://k8s.example', env('K8S.example:443'))).toBeUndefined();
    expect(proxyFor('https://k8s.example:6443', env('*'))).toBeUndefined();
  });
});
