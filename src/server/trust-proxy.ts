// Which reverse proxies the server believes about the client's address (X-Forwarded-For) and protocol
// (X-Forwarded-Proto): TRUST_PROXY, passed to Fastify's trustProxy. The sign-in lockout counts failures per client
// address (login-limit.ts), so behind nginx without it every client would share nginx's address; with it set too
// widely, a client could forge X-Forwarded-For and pick the address it is counted under.
//   unset, "", 0, false, off → off (the connection's peer is the client; X-Forwarded-For is ignored)
//   true                      → every peer is trusted (only when nothing but the proxy can reach the server)
//   127.0.0.1 | loopback | 10.0.0.0/8,192.168.1.2 … → the proxies' addresses, CIDR ranges or proxy-addr names
//     (loopback, linklocal, uniquelocal); an invalid one stops the start with Fastify's message naming it.
export type TrustProxy = boolean | string;

export function trustProxyFromEnv(raw: string | undefined): TrustProxy {
  const v = (raw ?? '').trim();
  if (v === '' || /^(0|false|off|no)$/i.test(v)) return false;
  if (/^(true|on|yes)$/i.test(v)) return true;
  if (/^\d+$/.test(v)) throw new Error(`TRUST_PROXY=${v}: give the proxy's address (e.g. 127.0.0.1 or loopback), not a hop count`);
  return v;
}
