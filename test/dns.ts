import { createSocket } from 'node:dgram';

/** A DNS server on this machine (UDP) answering TXT questions for the names it is given. */
export type TestDns = {
  /** `127.0.0.1:port`, as DNS_SERVERS takes it. */
  server: string;
  port: number;
  /** The TXT records of each name (lower case), one string per record. */
  txt: Map<string, string[]>;
  /** Names whose questions are answered SERVFAIL, as a broken DNS server would. */
  failing: Set<string>;
  /** Every name asked about, in order. */
  asked: string[];
  close(): Promise<void>;
};

const TXT = 16;
const IN = 1;
const NOERROR = 0;
const SERVFAIL = 2;
const NXDOMAIN = 3;

/**
 * Starts the server on a free port (or the one given). A name it has no records for does not
 * exist (NXDOMAIN); a name it has answers TXT questions with its records and others with none.
 */
export async function startTestDns(port = 0): Promise<TestDns> {
  const txt = new Map<string, string[]>();
  const failing = new Set<string>();
  const asked: string[] = [];
  const socket = createSocket('udp4');
  socket.on('message', (query, peer) => {
    const answer = answerTo(query, txt, failing, asked);
    if (answer) socket.send(answer, peer.port, peer.address);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, '127.0.0.1', () => {
      socket.off('error', reject);
      resolve();
    });
  });
  const bound = socket.address().port;
  return {
    server: `127.0.0.1:${bound}`,
    port: bound,
    txt,
    failing,
    asked,
    close: () => new Promise<void>((resolve) => socket.close(() => resolve())),
  };
}

function answerTo(
  query: Buffer,
  txt: Map<string, string[]>,
  failing: Set<string>,
  asked: string[],
): Buffer | null {
  if (query.length < 12 || query.readUInt16BE(4) !== 1) return null;
  // The question: its name as length-prefixed labels, then its type and class.
  const labels: string[] = [];
  let offset = 12;
  for (;;) {
    const length = query[offset];
    if (length === undefined || length > 63) return null;
    offset += 1;
    if (length === 0) break;
    labels.push(query.toString('latin1', offset, offset + length));
    offset += length;
  }
  if (offset + 4 > query.length) return null;
  const type = query.readUInt16BE(offset);
  const klass = query.readUInt16BE(offset + 2);
  const question = query.subarray(12, offset + 4);
  const name = labels.join('.').toLowerCase();
  asked.push(name);

  const records = txt.get(name);
  const rcode = failing.has(name) ? SERVFAIL : records ? NOERROR : NXDOMAIN;
  const answers =
    rcode === NOERROR && type === TXT && klass === IN ? (records ?? []).map(txtAnswer) : [];
  const header = Buffer.alloc(12);
  header.writeUInt16BE(query.readUInt16BE(0), 0);
  const asking = query.readUInt16BE(2);
  // A response (QR), authoritative (AA), recursion desired as asked and available (RA).
  header.writeUInt16BE(0x8000 | (asking & 0x7900) | 0x0400 | 0x0080 | rcode, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(answers.length, 6);
  return Buffer.concat([header, question, ...answers]);
}

/** One TXT record for the question's name, its text in strings of at most 255 bytes. */
function txtAnswer(text: string): Buffer {
  const bytes = Buffer.from(text, 'utf8');
  const strings: Buffer[] = [];
  for (let at = 0; at < bytes.length || strings.length === 0; at += 255) {
    const part = bytes.subarray(at, at + 255);
    strings.push(Buffer.from([part.length]), part);
  }
  const data = Buffer.concat(strings);
  const record = Buffer.alloc(12);
  record.writeUInt16BE(0xc00c, 0); // the name: a pointer to the question's
  record.writeUInt16BE(TXT, 2);
  record.writeUInt16BE(IN, 4);
  record.writeUInt32BE(60, 6);
  record.writeUInt16BE(data.length, 10);
  return Buffer.concat([record, data]);
}
