import { createServer } from 'node:net';

/** Ask the OS for a free loopback TCP port. */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => {
        if (address !== null && typeof address === 'object') resolve(address.port);
        else reject(new Error('could not read the port the OS assigned'));
      });
    });
  });
}

export function isPortFree(port: number, host = '127.0.0.1'): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.unref();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/**
 * Ports for a named set of listeners: the ones remembered from last time when
 * they are still free (so addresses stay stable across restarts), fresh ones otherwise.
 */
export async function choosePorts<K extends string>(
  names: readonly K[],
  remembered: Partial<Record<K, number>>,
  host = '127.0.0.1',
): Promise<Record<K, number>> {
  const chosen = {} as Record<K, number>;
  const taken = new Set<number>();
  for (const name of names) {
    const previous = remembered[name];
    if (previous !== undefined && !taken.has(previous) && (await isPortFree(previous, host))) {
      chosen[name] = previous;
    } else {
      let port = await freePort(host);
      while (taken.has(port)) port = await freePort(host);
      chosen[name] = port;
    }
    taken.add(chosen[name]);
  }
  return chosen;
}
