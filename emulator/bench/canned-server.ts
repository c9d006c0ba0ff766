/**
 * The floor of the protocol: a server that reads and parses each wire request like the emulator must, then
 * answers with a canned reply of the right shape. The wire benchmark divides the emulator's latency by this.
 */
import http from 'node:http';

const cannedDocument = JSON.stringify({
  _id: '0f4b8add5cdd728a003bf5c83ed99dff',
  title: '西湖龙井 明前特级 250g',
  categoryId: 'c7',
  priceFen: { $numberInt: '26800' },
  stock: { $numberInt: '120' },
  sort: { $numberInt: '30' },
  onShelf: true,
});

function reply(action: unknown, query: unknown): unknown {
  switch (action) {
    case 'database.insertDocument':
      return { insertedIds: ['0f4b8add5cdd728a003bf5c83ed99dff'] };
    case 'database.getDocument':
      return {
        list: typeof query === 'string' && query.includes('"_id"') ? [cannedDocument] : Array(10).fill(cannedDocument),
      };
    case 'database.modifyDocument':
      return { updated: 1 };
    default:
      return {};
  }
}

const port = Number(process.env.CANNED_PORT);
http
  .createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.url?.startsWith('/_emulator/health')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        return res.end('{"ok":true}');
      }
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as { action?: unknown; query?: unknown };
      const payload = JSON.stringify({ requestId: 'canned', data: reply(body.action, body.query) });
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  })
  .listen(port, '127.0.0.1');
