import { isIP } from 'node:net';

/**
 * Whether a Host (or Origin) names this service: localhost and its subdomains, an IP address, or one of
 * the configured public host names. A DNS-rebinding page reaches 127.0.0.1 under the attacker's own name,
 * so refusing other names (403) keeps such pages out; an IP literal cannot be rebound, so any is accepted
 * (a LAN address, a container's address for health probes).
 */
export function createHostCheck(publicHosts: readonly string[]): (host: string | undefined) => boolean {
  const allowed = new Set(publicHosts.map((host) => host.toLowerCase()));
  return (value) => {
    if (value === undefined || value === '') return false;
    let hostname: string;
    try {
      hostname = new URL(`http://${value}`).hostname.toLowerCase();
    } catch {
      return false;
    }
    const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
    const name = bare.endsWith('.') ? bare.slice(0, -1) : bare;
    if (isIP(name) !== 0) return true;
    if (name === 'localhost' || name.endsWith('.localhost')) return true;
    return allowed.has(name);
  };
}

/** The host part of an Origin header value (`https://x:1` → `x:1`); undefined for `null` or a malformed one. */
export function originHost(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.host : undefined;
  } catch {
    return undefined;
  }
}
