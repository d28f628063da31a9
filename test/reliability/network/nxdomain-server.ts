// A DNS server for one test: answers every query "no such name" (NXDOMAIN). Run inside the
// test's own network namespace, on 127.0.0.1:53, so that a name lookup fails for real without
// any packet leaving the machine.
import { createSocket } from 'node:dgram';

const socket = createSocket('udp4');
socket.on('message', (query, from) => {
  const end = questionEnd(query);
  if (end === undefined) return;
  const answer = Buffer.from(query.subarray(0, end));
  // QR (answer), the query's opcode and RD kept, RA set; RCODE 3: the name does not exist.
  answer[2] = 0x80 | ((query[2] ?? 0) & 0x79);
  answer[3] = 0x80 | 0x03;
  // The question is echoed; no answer, authority or additional records.
  answer.writeUInt16BE(1, 4);
  answer.writeUInt16BE(0, 6);
  answer.writeUInt16BE(0, 8);
  answer.writeUInt16BE(0, 10);
  socket.send(answer, from.port, from.address);
});
socket.bind(53, '127.0.0.1', () => process.stdout.write('listening\n'));

/** Where the first question of a query ends (its name's labels, then type and class). */
function questionEnd(query: Buffer): number | undefined {
  let at = 12;
  while (at < query.length) {
    const length = query[at] ?? 0;
    if (length === 0) return at + 5 <= query.length ? at + 5 : undefined;
    if (length > 63) return undefined;
    at += 1 + length;
  }
  return undefined;
}
