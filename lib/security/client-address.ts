import { BlockList, isIP } from "node:net";

/** Addresses of the proxies in front of the console (TRUSTED_PROXIES): single addresses or CIDR ranges. */
export type TrustedProxies = { check: (address: string) => boolean };

/** Parses `10.0.0.0/8,192.0.2.7,::1`; throws naming the first entry that is neither an address nor a range. */
export function parseTrustedProxies(text: string): TrustedProxies {
  const list = new BlockList();
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address = "", prefix] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? null : Number(prefix);
    if (!family || (bits !== null && !(Number.isInteger(bits) && bits >= 0 && bits <= (family === 4 ? 32 : 128)))) {
      throw new Error(`"${entry}" is not an IP address or CIDR range`);
    }
    const type = family === 4 ? "ipv4" : "ipv6";
    if (bits === null) list.addAddress(address, type);
    else list.addSubnet(address, bits, type);
  }
  return {
    check: (raw) => {
      const address = unmapped(raw);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 4 ? "ipv4" : "ipv6");
    },
  };
}

/** `::ffff:10.0.0.1` (an IPv4 client on a dual-stack socket) is `10.0.0.1`. */
function unmapped(address: string): string {
  return address.replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/i, "");
}

type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string | undefined {
  const raw = headers instanceof Headers ? headers.get(name) ?? undefined : headers[name];
  return Array.isArray(raw) ? raw.join(",") : raw;
}

/**
 * The client's address: the socket's peer, unless that peer is one of our proxies; then the
 * X-Forwarded-For entries are read right to left and the first one that is not a proxy of ours is
 * the client (everything left of it was written by the client and proves nothing). The peer comes
 * from scripts/peer-address.cjs; a server started without it falls back to the last entry.
 */
export function clientAddress(headers: HeaderSource, trusted: TrustedProxies): string {
  const peerHeader = (globalThis as { __consolePeerAddressHeader?: string }).__consolePeerAddressHeader;
  const peer = peerHeader ? header(headers, peerHeader) : undefined;
  const forwarded = (header(headers, "x-forwarded-for") ?? "").split(",").map((part) => part.trim()).filter(Boolean);
  let address: string | undefined;
  if (peer && !trusted.check(peer)) address = peer;
  else {
    address = [...forwarded].reverse().find((entry) => !trusted.check(entry)) ?? forwarded[0] ?? peer;
  }
  return unmapped(address ?? "unknown").slice(0, 64).toLowerCase();
}
