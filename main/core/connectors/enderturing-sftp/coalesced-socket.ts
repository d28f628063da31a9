import { connect, type Socket } from 'node:net';

/**
 * A TCP connection to `host:port` whose writes made in one turn of the event loop leave as one
 * (the socket is corked at the first and uncorked on the next tick). ssh2 writes every SSH
 * packet in three pieces (length, body, tag) and an upload sends dozens of packets per
 * megabyte: one system call and one segment for them all, instead of three each, more than
 * doubled the rate to OpenSSH. Nothing waits longer than the current tick.
 */
export function coalescedSocket(host: string, port: number): Socket {
  const socket = connect({ host, port });
  const write = socket.write.bind(socket) as (...args: unknown[]) => boolean;
  let corked = false;
  const uncork = (): void => {
    corked = false;
    socket.uncork();
  };
  socket.write = ((...args: unknown[]): boolean => {
    if (!corked) {
      corked = true;
      socket.cork();
      process.nextTick(uncork);
    }
    return write(...args);
  }) as Socket['write'];
  return socket;
}
