import assert from 'node:assert/strict';
import { connect, createServer, type Socket } from 'node:net';
import { once } from 'node:events';
import { describe, test } from 'node:test';
import {
  checkDestination,
  DestinationRefusedError,
  guardedConnect,
  type DestinationPolicy,
  type ProxyConfig,
  type RefusalCode,
} from '../../src/main/diagnostics/net/destination-policy.ts';

// No DNS and no network here: addresses are passed in; the one real socket goes to a 127.0.0.1 server of this test.

const PROXY: ProxyConfig = { protocol: 'socks5', host: '127.0.0.1', port: 1080 };
const STRICT: DestinationPolicy = { allowPrivate: false, allowDirect: false, proxy: PROXY };
const DIRECT: DestinationPolicy = { allowPrivate: false, allowDirect: true, proxy: null };
const NO_ROUTE: DestinationPolicy = { allowPrivate: false, allowDirect: false, proxy: null };
const LAB_PROXY: DestinationPolicy = { allowPrivate: true, allowDirect: false, proxy: PROXY };
const LAB_NO_ROUTE: DestinationPolicy = { allowPrivate: true, allowDirect: false, proxy: null };
const LAB_DIRECT: DestinationPolicy = { allowPrivate: true, allowDirect: true, proxy: null };

const LAB = 'refused unless a supervisor allows private destinations for a test lab';

function refused(host: string, addresses: string[], policy: DestinationPolicy, code: RefusalCode): string {
  const verdict = checkDestination(host, addresses, policy);
  assert.equal(verdict.ok, false, `${host} [${addresses.join(', ')}] should be refused`);
  if (verdict.ok) throw new Error('unreachable');
  assert.equal(verdict.code, code, `${host}: ${verdict.message}`);
  assert.ok(verdict.message.length > 0);
  return verdict.message;
}

describe('checkDestination: names and their DNS answers', () => {
  test('a public name goes through the proxy, or direct when allowed, and nowhere without either', () => {
    assert.deepEqual(checkDestination('example.com', ['93.184.215.14', '2606:2800:21f:cb07:6820:80da:af6b:8b2c'], STRICT), { ok: true, route: 'proxy' });
    assert.deepEqual(checkDestination('example.com', ['93.184.215.14'], DIRECT), { ok: true, route: 'direct' });
    assert.deepEqual(checkDestination('example.com', ['93.184.215.14'], { ...DIRECT, proxy: PROXY }), { ok: true, route: 'proxy' });
    const message = refused('example.com', ['93.184.215.14'], NO_ROUTE, 'DIRECT_NOT_ALLOWED');
    assert.match(message, /proxy/);
  });

  test('a name resolving to 127.0.0.1 is refused, naming the address and the range', () => {
    assert.equal(
      refused('rebind.test', ['127.0.0.1'], STRICT, 'PRIVATE_DESTINATION'),
      `rebind.test resolves to 127.0.0.1, a loopback address (RFC 1122): ${LAB}.`,
    );
    assert.match(refused('rebind.test', ['127.0.0.1'], DIRECT, 'PRIVATE_DESTINATION'), /loopback/);
  });

  test('DNS rebinding: one private answer among public ones refuses the whole destination', () => {
    const mixes: readonly (readonly [string[], RegExp])[] = [
      [['93.184.215.14', '127.0.0.1'], /127\.0\.0\.1.*loopback/],
      [['127.0.0.1', '93.184.215.14'], /127\.0\.0\.1.*loopback/],
      [['8.8.8.8', '1.1.1.1', '10.20.30.40'], /10\.20\.30\.40.*private-use.*RFC 1918/],
      [['8.8.8.8', '169.254.169.254'], /169\.254\.169\.254.*link-local/],
      [['2606:4700::1', '::ffff:10.0.0.1'], /::ffff:10\.0\.0\.1.*IPv4-mapped.*carrying 10\.0\.0\.1, a private-use/],
      [['8.8.8.8', 'fd00::1'], /fd00::1.*unique-local/],
      [['8.8.8.8', '64:ff9b::7f00:1'], /NAT64.*carrying 127\.0\.0\.1/],
      [['8.8.8.8', '0.0.0.0'], /0\.0\.0\.0.*unspecified/],
    ];
    for (const [addresses, reason] of mixes) {
      const message = refused('rebind.example', addresses, STRICT, 'PRIVATE_DESTINATION');
      assert.match(message, reason);
      assert.match(message, /every one must be public/);
      assert.ok(message.endsWith(`${LAB}.`));
    }
  });

  test('a name with no address, or with an answer that is not a plain IP address, is refused', () => {
    refused('example.com', [], STRICT, 'NO_ADDRESS');
    assert.match(refused('example.com', ['0177.0.0.1'], STRICT, 'BAD_HOST'), /octal/);
    assert.match(refused('example.com', ['8.8.8.8', '2130706433'], STRICT, 'BAD_HOST'), /integer/);
    assert.match(refused('example.com', ['fe80::1%eth0'], LAB_DIRECT, 'BAD_HOST'), /zone identifier/);
    refused('example.com', ['example.org'], STRICT, 'BAD_HOST');
    refused('example.com', ['[::1]'], LAB_DIRECT, 'BAD_HOST');
  });

  test('internationalised and upper-case names are normalised and judged by their addresses', () => {
    assert.deepEqual(checkDestination('bücher.example', ['93.184.215.14'], STRICT), { ok: true, route: 'proxy' });
    assert.deepEqual(checkDestination('EXAMPLE.COM.', ['93.184.215.14'], STRICT), { ok: true, route: 'proxy' });
    assert.match(refused('ExAmPlE.CoM', ['10.0.0.1'], STRICT, 'PRIVATE_DESTINATION'), /^example\.com resolves to 10\.0\.0\.1/);
  });
});

describe('checkDestination: IP literals in URLs', () => {
  /** [host as in the URL, the address it means, a word of the message]. */
  const PRIVATE_LITERALS: readonly (readonly [string, string, string])[] = [
    ['127.0.0.1', '127.0.0.1', 'loopback'],
    ['2130706433', '127.0.0.1', 'loopback'], // integer
    ['0x7f000001', '127.0.0.1', 'loopback'], // hexadecimal integer
    ['0177.0.0.1', '127.0.0.1', 'loopback'], // octal part
    ['017700000001', '127.0.0.1', 'loopback'], // octal integer
    ['0x7f.1', '127.0.0.1', 'loopback'],
    ['127.1', '127.0.0.1', 'loopback'],
    ['127.0.0.1.', '127.0.0.1', 'loopback'],
    ['%31%32%37.0.0.1', '127.0.0.1', 'loopback'], // percent-encoded
    ['１２７.０.０.１', '127.0.0.1', 'loopback'], // fullwidth digits
    ['0', '0.0.0.0', 'unspecified'],
    ['0.0.0.0', '0.0.0.0', 'unspecified'],
    ['10.1', '10.0.0.1', 'private-use'],
    ['192.168.1.1', '192.168.1.1', 'private-use'],
    ['169.254.169.254', '169.254.169.254', 'link-local'], // cloud metadata
    ['0xa9fea9fe', '169.254.169.254', 'link-local'],
    ['100.100.100.200', '100.100.100.200', 'carrier-grade NAT'],
    ['255.255.255.255', '255.255.255.255', 'broadcast'],
    ['224.0.0.1', '224.0.0.1', 'multicast'],
    ['[::1]', '::1', 'loopback'],
    ['::1', '::1', 'loopback'], // bare IPv6, as a resolver would give it
    ['[0:0:0:0:0:0:0:1]', '::1', 'loopback'],
    ['[::]', '::', 'unspecified'],
    ['[::ffff:127.0.0.1]', '::ffff:7f00:1', 'carrying 127.0.0.1, a loopback'],
    ['[::ffff:7f00:1]', '::ffff:7f00:1', 'carrying 127.0.0.1, a loopback'],
    ['[::127.0.0.1]', '::7f00:1', 'IPv4-compatible'],
    ['[64:ff9b::10.0.0.1]', '64:ff9b::a00:1', 'carrying 10.0.0.1, a private-use'],
    ['[2002:a9fe:a9fe::]', '2002:a9fe:a9fe::', 'carrying 169.254.169.254, a link-local'],
    ['[fe80::1]', 'fe80::1', 'link-local'],
    ['[fd00:ec2::254]', 'fd00:ec2::254', 'unique-local'], // cloud metadata over IPv6
    ['[FEC0::1]', 'fec0::1', 'site-local'],
    ['[ff02::1]', 'ff02::1', 'multicast'],
    ['[2001:db8::1]', '2001:db8::1', 'documentation'],
  ];

  for (const [host, address, word] of PRIVATE_LITERALS) {
    test(`${host} → ${address} is refused`, () => {
      const message = refused(host, [], STRICT, 'PRIVATE_DESTINATION');
      assert.ok(message.includes(address), message);
      assert.ok(message.includes(word), message);
      assert.ok(message.endsWith(`${LAB}.`), message);
      // The same host is allowed in lab mode, through the proxy.
      assert.deepEqual(checkDestination(host, [], LAB_PROXY), { ok: true, route: 'proxy' });
    });
  }

  test('the message for a plain loopback literal', () => {
    assert.equal(refused('127.0.0.1', [], STRICT, 'PRIVATE_DESTINATION'), `127.0.0.1 is a loopback address (RFC 1122): ${LAB}.`);
    assert.equal(refused('2130706433', [], STRICT, 'PRIVATE_DESTINATION'), `Host 2130706433 means 127.0.0.1, a loopback address (RFC 1122): ${LAB}.`);
  });

  test('public literals pass, in any notation the URL parser accepts', () => {
    for (const host of ['8.8.8.8', '134744072', '0x8080808', '8.8.2056', '[2606:4700:4700::1111]', '2606:4700:4700::1111', '[::ffff:8.8.8.8]', '[64:ff9b::8.8.8.8]']) {
      assert.deepEqual(checkDestination(host, [], STRICT), { ok: true, route: 'proxy' }, host);
    }
  });

  test('addresses given with a literal are judged too', () => {
    assert.deepEqual(checkDestination('8.8.8.8', ['8.8.8.8'], STRICT), { ok: true, route: 'proxy' });
    assert.match(refused('8.8.8.8', ['10.0.0.1'], STRICT, 'PRIVATE_DESTINATION'), /10\.0\.0\.1/);
  });
});

describe('checkDestination: local names are refused without resolving', () => {
  const LOCAL = ['localhost', 'LOCALHOST', 'localhost.', 'foo.localhost', 'printer.local', 'a.b.local', 'db.internal', 'router.home.arpa', 'nas.lan', 'Foo.LAN.', 'intranet', 'wpad'];

  for (const host of LOCAL) {
    test(`${host} is refused even with public addresses`, () => {
      const message = refused(host, ['93.184.215.14'], STRICT, 'PRIVATE_DESTINATION');
      assert.match(message, /not even resolved/);
      assert.ok(message.endsWith(`${LAB}.`));
      refused(host, [], DIRECT, 'PRIVATE_DESTINATION');
    });
  }

  test('in lab mode a local name is judged by its addresses and still needs a route', () => {
    assert.deepEqual(checkDestination('printer.local', ['192.168.1.20'], LAB_PROXY), { ok: true, route: 'proxy' });
    assert.deepEqual(checkDestination('localhost', ['127.0.0.1', '::1'], LAB_DIRECT), { ok: true, route: 'direct' });
    refused('localhost', ['127.0.0.1'], LAB_NO_ROUTE, 'DIRECT_NOT_ALLOWED');
    refused('printer.local', [], LAB_PROXY, 'NO_ADDRESS');
  });

  test('names that only contain a local word are ordinary names', () => {
    for (const host of ['local.example.com', 'lan.example.com', 'example.local.com', 'examplelocal.com', 'internal.example', 'localhost.example.org', 'home.arpa.example']) {
      assert.deepEqual(checkDestination(host, ['93.184.215.14'], STRICT), { ok: true, route: 'proxy' }, host);
    }
  });
});

describe('checkDestination: lab mode', () => {
  test('private destinations are allowed, but still through the proxy unless direct is allowed', () => {
    assert.deepEqual(checkDestination('rebind.test', ['127.0.0.1'], LAB_PROXY), { ok: true, route: 'proxy' });
    assert.deepEqual(checkDestination('rebind.test', ['127.0.0.1'], LAB_DIRECT), { ok: true, route: 'direct' });
    assert.match(refused('rebind.test', ['127.0.0.1'], LAB_NO_ROUTE, 'DIRECT_NOT_ALLOWED'), /direct connections are refused/);
    assert.deepEqual(checkDestination('rebind.test', ['127.0.0.1', '8.8.8.8'], LAB_PROXY), { ok: true, route: 'proxy' });
  });

  test('lab mode does not accept malformed hosts or answers', () => {
    refused('evil.com@127.0.0.1', [], LAB_DIRECT, 'BAD_HOST');
    refused('rebind.test', ['0x7f.1'], LAB_DIRECT, 'BAD_HOST');
  });
});

describe('checkDestination: malformed hosts', () => {
  const BAD = [
    '',
    'evil.com@127.0.0.1',
    'user:pass@example.com',
    'example.com/path',
    'example.com\\path',
    'example.com?q',
    'example.com#f',
    'exa mple.com',
    'example.com\n',
    '\u0000',
    'example.com:80',
    '[::1]:80',
    '127.0.0.1:80',
    'fe80::1%eth0',
    '[fe80::1%25eth0]',
    '[::1',
    '999.1.1.1',
    '1.2.3.4.5',
    'foo.0x7f',
    'a..b',
    '.',
    '..',
    'x'.repeat(2000),
  ];
  for (const host of BAD) {
    test(JSON.stringify(host.length > 40 ? `${host.slice(0, 40)}…` : host), () => {
      refused(host, ['93.184.215.14'], STRICT, 'BAD_HOST');
      refused(host, ['127.0.0.1'], LAB_DIRECT, 'BAD_HOST');
    });
  }

  test('a zone identifier is named as such', () => {
    assert.match(refused('fe80::1%eth0', [], LAB_DIRECT, 'BAD_HOST'), /zone identifier/);
  });
});

describe('guardedConnect', () => {
  interface FakeSocket {
    address: string;
    port: number;
    tag: string;
  }

  function recorder(): { calls: [string, number, string][]; factory: (address: string, port: number, tag: string) => FakeSocket } {
    const calls: [string, number, string][] = [];
    return {
      calls,
      factory: (address, port, tag) => {
        calls.push([address, port, tag]);
        return { address, port, tag };
      },
    };
  }

  const mustNotConnect = (address: string, port: number): never => assert.fail(`the factory was called for ${address}:${String(port)}`);

  /** [address, port, policy, code]. */
  const REFUSED: readonly (readonly [string, number, DestinationPolicy, RefusalCode])[] = [
    ['127.0.0.1', 80, STRICT, 'PRIVATE_DESTINATION'],
    ['127.0.0.1', 80, DIRECT, 'PRIVATE_DESTINATION'],
    ['10.0.0.1', 443, DIRECT, 'PRIVATE_DESTINATION'],
    ['169.254.169.254', 80, DIRECT, 'PRIVATE_DESTINATION'],
    ['0.0.0.0', 80, DIRECT, 'PRIVATE_DESTINATION'],
    ['::1', 80, DIRECT, 'PRIVATE_DESTINATION'],
    ['::ffff:127.0.0.1', 80, DIRECT, 'PRIVATE_DESTINATION'],
    ['::ffff:7f00:1', 80, DIRECT, 'PRIVATE_DESTINATION'],
    ['64:ff9b::a00:1', 80, DIRECT, 'PRIVATE_DESTINATION'],
    ['fe80::1', 80, DIRECT, 'PRIVATE_DESTINATION'],
    // Notations the factory's resolver might read its own way, and names it would resolve again.
    ['fe80::1%eth0', 80, LAB_DIRECT, 'BAD_HOST'],
    ['0177.0.0.1', 80, LAB_DIRECT, 'BAD_HOST'],
    ['2130706433', 80, LAB_DIRECT, 'BAD_HOST'],
    ['0x7f.1', 80, LAB_DIRECT, 'BAD_HOST'],
    ['[::1]', 80, LAB_DIRECT, 'BAD_HOST'],
    ['localhost', 80, LAB_DIRECT, 'BAD_HOST'],
    ['example.com', 443, DIRECT, 'BAD_HOST'],
    ['', 443, DIRECT, 'BAD_HOST'],
    // Ports.
    ['8.8.8.8', 0, DIRECT, 'BAD_HOST'],
    ['8.8.8.8', 65536, DIRECT, 'BAD_HOST'],
    ['8.8.8.8', 1.5, DIRECT, 'BAD_HOST'],
    ['8.8.8.8', Number.NaN, DIRECT, 'BAD_HOST'],
    // No route out.
    ['8.8.8.8', 443, NO_ROUTE, 'DIRECT_NOT_ALLOWED'],
    ['127.0.0.1', 8080, LAB_NO_ROUTE, 'DIRECT_NOT_ALLOWED'],
  ];

  for (const [address, port, policy, code] of REFUSED) {
    test(`refuses ${JSON.stringify(address)}:${String(port)} (${code}) before calling the factory`, () => {
      const connectTo = guardedConnect(mustNotConnect, policy);
      assert.throws(
        () => connectTo(address, port),
        (error: unknown) => error instanceof DestinationRefusedError && error.code === code && error.message.length > 0,
      );
    });
  }

  test('records the call for a loopback address in lab mode, with the extra arguments', () => {
    const { calls, factory } = recorder();
    const connectTo = guardedConnect(factory, LAB_DIRECT);
    assert.deepEqual(connectTo('127.0.0.1', 8080, 'first'), { address: '127.0.0.1', port: 8080, tag: 'first' });
    assert.deepEqual(connectTo('::1', 8443, 'second'), { address: '::1', port: 8443, tag: 'second' });
    assert.deepEqual(calls, [['127.0.0.1', 8080, 'first'], ['::1', 8443, 'second']]);
  });

  test('a public address is passed through unchanged', () => {
    const { calls, factory } = recorder();
    guardedConnect(factory, STRICT)('2606:4700:4700:0:0:0:0:1111', 443, 'x');
    assert.deepEqual(calls, [['2606:4700:4700:0:0:0:0:1111', 443, 'x']]);
  });

  test('a second DNS answer between check and connect is caught at connect time', () => {
    assert.deepEqual(checkDestination('rebind.example', ['93.184.215.14'], DIRECT), { ok: true, route: 'direct' });
    const connectTo = guardedConnect(mustNotConnect, DIRECT);
    assert.throws(() => connectTo('127.0.0.1', 80), (error: unknown) => error instanceof DestinationRefusedError && error.code === 'PRIVATE_DESTINATION' && /127\.0\.0\.1 is a loopback address/.test(error.message));
  });

  test('wraps a real node:net connection to a loopback server in lab mode', async () => {
    const server = createServer((socket) => socket.end('hello'));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const address = server.address();
      assert.ok(address !== null && typeof address === 'object');
      const connectTo = guardedConnect((host: string, port: number): Socket => connect({ host, port }), LAB_DIRECT);
      const socket = connectTo('127.0.0.1', address.port);
      const chunks: Buffer[] = [];
      socket.on('data', (chunk: Buffer) => chunks.push(chunk));
      await once(socket, 'close');
      assert.equal(Buffer.concat(chunks).toString(), 'hello');
      assert.throws(() => guardedConnect((host: string, port: number): Socket => connect({ host, port }), STRICT)('127.0.0.1', address.port), DestinationRefusedError);
    } finally {
      server.close();
    }
  });
});
