import { lookup as dnsLookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";
import { AppError } from "@/lib/errors";

/**
 * Addresses a merchant's endpoint may not reach, so the console cannot be made to call into its
 * own network: loopback, private, shared, link-local (cloud metadata 169.254.169.254, fd00:ec2::254),
 * multicast and reserved ranges (https://www.iana.org/assignments/iana-ipv4-special-registry/,
 * https://www.iana.org/assignments/iana-ipv6-special-registry/).
 */
const blocked = new BlockList();
for (const [net, prefix] of [["0.0.0.0", 8], ["10.0.0.0", 8], ["100.64.0.0", 10], ["127.0.0.0", 8], ["169.254.0.0", 16], ["172.16.0.0", 12], ["192.0.0.0", 24], ["192.0.2.0", 24], ["192.168.0.0", 16], ["198.18.0.0", 15], ["198.51.100.0", 24], ["203.0.113.0", 24], ["224.0.0.0", 4], ["240.0.0.0", 4]] as const) {
  blocked.addSubnet(net, prefix, "ipv4");
}
for (const [net, prefix] of [["::", 128], ["::1", 128], ["fc00::", 7], ["fe80::", 10], ["ff00::", 8], ["64:ff9b::", 96], ["2001:db8::", 32]] as const) {
  blocked.addSubnet(net, prefix, "ipv6");
}

export function isBlockedAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return blocked.check(address, "ipv4");
  if (family === 6) {
    // An IPv4-mapped address is judged as the IPv4 address it carries (BlockList would match every IPv4 rule against ::ffff:0:0/96 otherwise).
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
    return mapped ? blocked.check(mapped[1]!, "ipv4") : blocked.check(address, "ipv6");
  }
  return true;
}

const localHosts = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** `http://localhost…` allowed explicitly in development (WEBHOOKS_ALLOW_HTTP_LOCALHOST). */
export function isDevLocalhost(url: URL, allowHttpLocalhost: boolean): boolean {
  return allowHttpLocalhost && localHosts.has(url.hostname);
}

/** The URL's own checks (before any DNS): https, no credentials, a host name or public literal address. */
export function parseEndpointUrl(text: string, allowHttpLocalhost: boolean): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new AppError("validation_failed", "Enter a full URL starting with https://.", { url: "invalid_url" });
  }
  if (url.username || url.password) throw new AppError("validation_failed", "The URL must not contain a user name or password.", { url: "credentials" });
  if (isDevLocalhost(url, allowHttpLocalhost)) return url;
  if (url.protocol !== "https:") throw new AppError("validation_failed", "The URL must start with https://.", { url: "not_https" });
  return url;
}

/**
 * A DNS lookup for the delivery's own connection that refuses blocked addresses: the address
 * checked is the address connected to, so a name that re-resolves elsewhere (DNS rebinding)
 * cannot slip past a check made earlier.
 */
export function guardedLookup(allowLoopback: boolean): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, "", 0);
      const list = addresses as unknown as { address: string; family: number }[];
      const refused = list.find((a) => isBlockedAddress(a.address) && !(allowLoopback && (a.address === "127.0.0.1" || a.address === "::1")));
      if (refused || list.length === 0) {
        return callback(Object.assign(new Error(`Refused address for ${hostname}`), { code: "EADDRBLOCKED" }), "", 0);
      }
      if ((options as { all?: boolean }).all) return (callback as unknown as (e: null, a: typeof list) => void)(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

/** Registration check: every address the host resolves to now must be public. */
export async function assertPublicEndpoint(text: string, allowHttpLocalhost: boolean): Promise<URL> {
  const url = parseEndpointUrl(text, allowHttpLocalhost);
  if (isDevLocalhost(url, allowHttpLocalhost)) return url;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const addresses = isIP(host)
    ? [host]
    : await new Promise<string[]>((resolve) => dnsLookup(host, { all: true }, (error, list) => resolve(error ? [] : list.map((a) => a.address))));
  if (addresses.length === 0) throw new AppError("validation_failed", "This host name does not resolve.", { url: "unresolvable" });
  if (addresses.some(isBlockedAddress)) throw new AppError("validation_failed", "This URL points at a private, loopback or link-local address, which the console does not call.", { url: "private_address" });
  return url;
}
