// Free TCP ports on 127.0.0.1 for servers a test starts, found by letting the OS pick and
// releasing them. Consecutive ports are asked for because the launcher numbers processes
// basePort+i.
import { createServer } from 'node:net';

const probe = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const s = createServer();
    s.once('error', () => resolve(false));
    s.listen(port, '127.0.0.1', () => s.close(() => resolve(true)));
  });

const anyPort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      s.close(() => (addr && typeof addr === 'object' ? resolve(addr.port) : reject(new Error('no port'))));
    });
  });

/** n consecutive free ports. */
export async function freePorts(n: number): Promise<number[]> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = await anyPort();
    if (base + n > 65_000) continue;
    const ports = Array.from({ length: n }, (_, i) => base + i);
    const free = await Promise.all(ports.map(probe));
    if (free.every(Boolean)) return ports;
  }
  throw new Error(`no ${n} consecutive free ports found`);
}
