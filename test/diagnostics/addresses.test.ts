import assert from 'node:assert/strict';
import { BlockList } from 'node:net';
import { describe, test } from 'node:test';
import { AddressFormatError, classifyAddress, describeRange, type AddressRange } from '../../src/main/diagnostics/net/addresses.ts';

/**
 * From the IANA IPv4 and IPv6 Special-Purpose Address Registries (plus
 * multicast, IPv6 site-local and the reserved IPv6 space outside 2000::/3):
 * [block, range, public, rfc, first, middle, last]. Each address is checked
 * to lie in its block with node:net BlockList, so a typo in this table fails.
 * Where a block contains a more specific one, "first" is the first address
 * not covered by it. IPv6 forms carrying an IPv4 address carry non-public
 * ones here; the embedded table below covers public ones.
 */
type Row = readonly [block: string, range: AddressRange, isPublic: boolean, rfc: string, first: string, middle: string, last: string];

const V4: readonly Row[] = [
  ['0.0.0.0/32', 'unspecified', false, 'RFC 1122', '0.0.0.0', '0.0.0.0', '0.0.0.0'],
  ['0.0.0.0/8', 'this-network', false, 'RFC 791', '0.0.0.1', '0.128.0.0', '0.255.255.255'],
  ['10.0.0.0/8', 'private', false, 'RFC 1918', '10.0.0.0', '10.128.0.1', '10.255.255.255'],
  ['100.64.0.0/10', 'cgnat', false, 'RFC 6598', '100.64.0.0', '100.100.100.200', '100.127.255.255'],
  ['127.0.0.0/8', 'loopback', false, 'RFC 1122', '127.0.0.0', '127.0.0.1', '127.255.255.255'],
  ['169.254.0.0/16', 'link-local', false, 'RFC 3927', '169.254.0.0', '169.254.169.254', '169.254.255.255'],
  ['172.16.0.0/12', 'private', false, 'RFC 1918', '172.16.0.0', '172.24.0.1', '172.31.255.255'],
  ['192.0.0.0/29', 'ietf-protocol', false, 'RFC 7335', '192.0.0.0', '192.0.0.4', '192.0.0.7'],
  ['192.0.0.8/32', 'ietf-protocol', false, 'RFC 7600', '192.0.0.8', '192.0.0.8', '192.0.0.8'],
  ['192.0.0.9/32', 'anycast', true, 'RFC 7723', '192.0.0.9', '192.0.0.9', '192.0.0.9'],
  ['192.0.0.10/32', 'anycast', true, 'RFC 8155', '192.0.0.10', '192.0.0.10', '192.0.0.10'],
  ['192.0.0.170/31', 'ietf-protocol', false, 'RFC 8880', '192.0.0.170', '192.0.0.170', '192.0.0.171'],
  ['192.0.0.0/24', 'ietf-protocol', false, 'RFC 6890', '192.0.0.11', '192.0.0.100', '192.0.0.255'],
  ['192.0.2.0/24', 'documentation', false, 'RFC 5737', '192.0.2.0', '192.0.2.123', '192.0.2.255'],
  ['192.31.196.0/24', 'anycast', true, 'RFC 7535', '192.31.196.0', '192.31.196.1', '192.31.196.255'],
  ['192.52.193.0/24', 'anycast', true, 'RFC 7450', '192.52.193.0', '192.52.193.1', '192.52.193.255'],
  ['192.88.99.0/24', 'reserved', false, 'RFC 7526', '192.88.99.0', '192.88.99.1', '192.88.99.255'],
  ['192.168.0.0/16', 'private', false, 'RFC 1918', '192.168.0.0', '192.168.1.1', '192.168.255.255'],
  ['192.175.48.0/24', 'anycast', true, 'RFC 7534', '192.175.48.0', '192.175.48.6', '192.175.48.255'],
  ['198.18.0.0/15', 'benchmarking', false, 'RFC 2544', '198.18.0.0', '198.18.128.0', '198.19.255.255'],
  ['198.51.100.0/24', 'documentation', false, 'RFC 5737', '198.51.100.0', '198.51.100.77', '198.51.100.255'],
  ['203.0.113.0/24', 'documentation', false, 'RFC 5737', '203.0.113.0', '203.0.113.7', '203.0.113.255'],
  ['224.0.0.0/4', 'multicast', false, 'RFC 5771', '224.0.0.0', '232.1.2.3', '239.255.255.255'],
  ['240.0.0.0/4', 'reserved', false, 'RFC 1112', '240.0.0.0', '248.0.0.1', '255.255.255.254'],
  ['255.255.255.255/32', 'broadcast', false, 'RFC 919', '255.255.255.255', '255.255.255.255', '255.255.255.255'],
];

const F = 'ffff:ffff:ffff:ffff:ffff';
const V6: readonly Row[] = [
  ['::/128', 'unspecified', false, 'RFC 4291', '::', '0:0:0:0:0:0:0:0', '::0'],
  ['::1/128', 'loopback', false, 'RFC 4291', '::1', '0:0:0:0:0:0:0:1', '0000::0001'],
  ['::ffff:0:0/96', 'ipv4-mapped', false, 'RFC 4291', '::ffff:0.0.0.0', '::ffff:10.1.2.3', '::ffff:ffff:ffff'],
  ['::/96', 'ipv4-compatible', false, 'RFC 4291', '::2', '::8.8.8.8', '::255.255.255.255'],
  ['64:ff9b::/96', 'nat64', false, 'RFC 6052', '64:ff9b::', '64:ff9b::10.0.0.1', '64:ff9b::ffff:ffff'],
  ['64:ff9b:1::/48', 'nat64', false, 'RFC 8215', '64:ff9b:1::', '64:ff9b:1::8.8.8.8', `64:ff9b:1:${F}`],
  ['100::/64', 'discard-only', false, 'RFC 6666', '100::', '100::1:2:3:4', '100::ffff:ffff:ffff:ffff'],
  ['2001::/32', 'teredo', false, 'RFC 4380', '2001::', '2001:0:4136:e378:8000:63bf:3fff:fdd2', `2001:0:ffff:ffff:${F.slice(5)}`],
  ['2001:1::1/128', 'anycast', true, 'RFC 7723', '2001:1::1', '2001:1::1', '2001:1::1'],
  ['2001:1::2/128', 'anycast', true, 'RFC 8155', '2001:1::2', '2001:1::2', '2001:1::2'],
  ['2001:1::3/128', 'anycast', true, 'RFC 9665', '2001:1::3', '2001:1::3', '2001:1::3'],
  ['2001:2::/48', 'benchmarking', false, 'RFC 5180', '2001:2::', '2001:2:0:8000::1', `2001:2:0:${F}`],
  ['2001:3::/32', 'anycast', true, 'RFC 7450', '2001:3::', '2001:3:8000::1', `2001:3:${F}:ffff`],
  ['2001:4:112::/48', 'anycast', true, 'RFC 7535', '2001:4:112::', '2001:4:112:8000::1', `2001:4:112:${F}`],
  ['2001:10::/28', 'orchid', false, 'RFC 4843', '2001:10::', '2001:18::1', `2001:1f:${F}:ffff`],
  ['2001:20::/28', 'orchid', false, 'RFC 7343', '2001:20::', '2001:28::1', `2001:2f:${F}:ffff`],
  ['2001:30::/28', 'orchid', false, 'RFC 9374', '2001:30::', '2001:38::1', `2001:3f:${F}:ffff`],
  ['2001::/23', 'ietf-protocol', false, 'RFC 2928', '2001:1::', '2001:100::1', `2001:1ff:${F}:ffff`],
  ['2001:db8::/32', 'documentation', false, 'RFC 3849', '2001:db8::', '2001:db8:8000::1', `2001:db8:${F}:ffff`],
  ['2002::/16', '6to4', false, 'RFC 3056', '2002::', '2002:c0a8:101::1', `2002:ffff:${F}:ffff`],
  ['2620:4f:8000::/48', 'anycast', true, 'RFC 7534', '2620:4f:8000::', '2620:4f:8000:8000::1', `2620:4f:8000:${F}`],
  ['3fff::/20', 'documentation', false, 'RFC 9637', '3fff::', '3fff:800::1', `3fff:fff:${F}:ffff`],
  ['5f00::/16', 'reserved', false, 'RFC 9602', '5f00::', '5f00:8000::1', `5f00:ffff:${F}:ffff`],
  ['fc00::/7', 'unique-local', false, 'RFC 4193', 'fc00::', 'fd12:3456:789a::1', `fdff:ffff:${F}:ffff`],
  ['fe80::/10', 'link-local', false, 'RFC 4291', 'fe80::', 'fe80::1', `febf:ffff:${F}:ffff`],
  ['fec0::/10', 'site-local', false, 'RFC 3879', 'fec0::', 'fec0::1', `feff:ffff:${F}:ffff`],
  ['ff00::/8', 'multicast', false, 'RFC 4291', 'ff00::', 'ff02::1', `ffff:ffff:${F}:ffff`],
  ['2000::/3', 'global', true, 'RFC 4291', '2000::', '2606:4700:4700::1111', `3fff:ffff:${F}:ffff`],
  ['::/3', 'reserved', false, 'RFC 4291', '::1:0:0:0', '100:0:0:1::', `1fff:ffff:${F}:ffff`],
  ['4000::/2', 'reserved', false, 'RFC 4291', '4000::', '4000::1', `7fff:ffff:${F}:ffff`],
  ['8000::/2', 'reserved', false, 'RFC 4291', '8000::', 'a000::1', `bfff:ffff:${F}:ffff`],
  ['fe00::/9', 'reserved', false, 'RFC 4291', 'fe00::', 'fe00::1', `fe7f:ffff:${F}:ffff`],
];

/** Just outside the special blocks: ordinary public addresses. */
const V4_GLOBAL = [
  '1.1.1.1', '8.8.8.8', '1.0.0.0', '9.255.255.255', '11.0.0.0', '100.63.255.255', '100.128.0.0', '126.255.255.255',
  '128.0.0.0', '169.253.255.255', '169.255.0.0', '172.15.255.255', '172.32.0.0', '191.255.255.255', '192.0.1.0',
  '192.0.3.0', '192.88.98.255', '192.88.100.0', '192.167.255.255', '192.169.0.0', '198.17.255.255', '198.20.0.0',
  '198.51.99.255', '198.51.101.0', '203.0.112.255', '203.0.114.0', '223.255.255.255',
];
const V6_GLOBAL = [
  '2001:200::', '2001:db7:ffff:ffff:ffff:ffff:ffff:ffff', '2001:db9::', '2003::', '2620:4f:7fff:ffff:ffff:ffff:ffff:ffff',
  '2620:4f:8001::', '3fff:1000::', '2a00:1450:4001:82a::200e', '2001:4860:4860::8888', '2001:4860::4',
];

function splitBlock(block: string): [net: string, bits: number, family: 'ipv4' | 'ipv6'] {
  const slash = block.indexOf('/');
  const net = block.slice(0, slash);
  return [net, Number(block.slice(slash + 1)), net.includes(':') ? 'ipv6' : 'ipv4'];
}

function inBlock(block: string, ip: string): boolean {
  const [net, bits, family] = splitBlock(block);
  const list = new BlockList();
  list.addSubnet(net, bits, family);
  return list.check(ip, family);
}

describe('classifyAddress: IANA special-purpose registries', () => {
  for (const [family, rows] of [[4, V4], [6, V6]] as const) {
    for (const [block, range, isPublic, rfc, ...addresses] of rows) {
      test(`IPv${String(family)} ${block} → ${range}`, () => {
        for (const ip of addresses) {
          assert.ok(inBlock(block, ip), `table typo: ${ip} is not in ${block}`);
          const got = classifyAddress(ip);
          assert.equal(got.family, family, ip);
          assert.equal(got.range, range, ip);
          assert.equal(got.public, isPublic, ip);
          assert.equal(got.rfc, rfc, ip);
        }
      });
    }
  }

  test('ordinary addresses next to the special blocks are public', () => {
    for (const ip of V4_GLOBAL) assert.deepEqual(classifyAddress(ip), { family: 4, range: 'global', public: true, rfc: 'RFC 791' }, ip);
    for (const ip of V6_GLOBAL) assert.deepEqual(classifyAddress(ip), { family: 6, range: 'global', public: true, rfc: 'RFC 4291' }, ip);
  });

  test('a sweep of IPv4 addresses agrees with a BlockList of the non-public blocks', () => {
    const notPublic = new BlockList();
    for (const [block, , isPublic] of V4) {
      if (!isPublic) notPublic.addSubnet(...splitBlock(block));
    }
    const anycast = new BlockList();
    for (const [block, range] of V4) if (range === 'anycast') anycast.addSubnet(...splitBlock(block));
    let x = 0x9e3779b9;
    for (let i = 0; i < 20_000; i += 1) {
      x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
      // Bias towards the low first octets and the 192/198/203 blocks so the small ones get hit too.
      const a = i % 4 === 0 ? [0, 10, 100, 127, 169, 172, 192, 198, 203, 224, 240, 255][x % 12] : x >>> 24;
      const ip = [a, (x >>> 16) & 0xff, (x >>> 8) & 0xff, x & 0xff].join('.');
      const expected = anycast.check(ip, 'ipv4') || !notPublic.check(ip, 'ipv4');
      assert.equal(classifyAddress(ip).public, expected, ip);
    }
  });

  test('every range has plain words for messages', () => {
    for (const [, range] of [...V4, ...V6]) assert.match(describeRange(range), /^(a|an|the) /);
  });
});

/** [address, range, public, embedded IPv4, its range]. */
const EMBEDDED: readonly (readonly [string, AddressRange, boolean, string, AddressRange])[] = [
  ['::ffff:127.0.0.1', 'ipv4-mapped', false, '127.0.0.1', 'loopback'],
  ['::ffff:7f00:1', 'ipv4-mapped', false, '127.0.0.1', 'loopback'],
  ['::FFFF:10.0.0.1', 'ipv4-mapped', false, '10.0.0.1', 'private'],
  ['0:0:0:0:0:ffff:169.254.169.254', 'ipv4-mapped', false, '169.254.169.254', 'link-local'],
  ['::ffff:0.0.0.0', 'ipv4-mapped', false, '0.0.0.0', 'unspecified'],
  ['::ffff:8.8.8.8', 'ipv4-mapped', true, '8.8.8.8', 'global'],
  ['::127.0.0.1', 'ipv4-compatible', false, '127.0.0.1', 'loopback'],
  ['::8.8.8.8', 'ipv4-compatible', false, '8.8.8.8', 'global'],
  ['64:ff9b::10.0.0.1', 'nat64', false, '10.0.0.1', 'private'],
  ['64:ff9b::7f00:1', 'nat64', false, '127.0.0.1', 'loopback'],
  ['64:ff9b::192.168.1.1', 'nat64', false, '192.168.1.1', 'private'],
  ['64:ff9b::8.8.8.8', 'nat64', true, '8.8.8.8', 'global'],
  ['2002:7f00:1::1', '6to4', false, '127.0.0.1', 'loopback'],
  ['2002:a9fe:a9fe::', '6to4', false, '169.254.169.254', 'link-local'],
  ['2002:c0a8:101:1::1', '6to4', false, '192.168.1.1', 'private'],
  ['2002:808:808::1', '6to4', true, '8.8.8.8', 'global'],
  // Teredo (RFC 4380): server 65.54.227.120 = 4136:e378; the client's IPv4 is stored bit-inverted.
  ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'teredo', false, '192.0.2.45', 'documentation'],
  ['2001:0:4136:e378:8000:63bf:f7f7:f7f7', 'teredo', true, '8.8.8.8', 'global'],
  ['2001:0:4136:e378::80ff:fffe', 'teredo', false, '127.0.0.1', 'loopback'],
  ['2001:0:4136:e378::f5ff:fffe', 'teredo', false, '10.0.0.1', 'private'],
  // A private Teredo server refuses too, and is the address reported.
  ['2001:0:a00:1::f7f7:f7f7', 'teredo', false, '10.0.0.1', 'private'],
];

describe('classifyAddress: IPv6 forms carrying an IPv4 address are judged by it', () => {
  for (const [ip, range, isPublic, carried, carriedRange] of EMBEDDED) {
    test(`${ip} carries ${carried} (${carriedRange})`, () => {
      const got = classifyAddress(ip);
      assert.equal(got.family, 6);
      assert.equal(got.range, range);
      assert.equal(got.public, isPublic);
      assert.equal(got.embedded?.ip, carried);
      assert.equal(got.embedded?.class.range, carriedRange);
      assert.equal(got.embedded?.class.family, 4);
    });
  }

  test('the local-use NAT64 prefix is never public, whatever it carries', () => {
    for (const ip of ['64:ff9b:1::8.8.8.8', '64:ff9b:1:808:8:800::', '64:ff9b:1::a00:1']) {
      assert.equal(classifyAddress(ip).public, false, ip);
      assert.equal(classifyAddress(ip).embedded, undefined, ip);
    }
  });
});

/** [input, what the error message must say]. */
const ODD: readonly (readonly [string, RegExp])[] = [
  ['0177.0.0.1', /octal/],
  ['127.000.000.001', /octal/],
  ['1.2.3.04', /octal/],
  ['0x7f.1', /hexadecimal/],
  ['0x7f000001', /hexadecimal/],
  ['0x7f.0x0.0x0.0x1', /hexadecimal/],
  ['2130706433', /integer/],
  ['0', /integer/],
  ['127.1', /shortened/],
  ['127.0.1', /shortened/],
  ['10.1', /shortened/],
  ['fe80::1%eth0', /zone identifier/],
  ['fe80::1%25eth0', /zone identifier/],
  ['fe80::1%1', /zone identifier/],
  ['::ffff:127.0.0.1%lo', /zone identifier/],
  ['fe80::1%', /zone identifier/],
  [' 127.0.0.1', /spaces/],
  ['127.0.0.1\n', /spaces/],
  ['[::1]', /brackets/],
  ['127.0.0.1.', /standard notation/],
  ['256.1.1.1', /standard notation/],
  ['1.2.3.4.5', /standard notation/],
  ['1.2.3.4/24', /standard notation/],
  ['::ffff:0177.0.0.1', /standard notation/],
  ['::ffff:127.1', /standard notation/],
  ['1::2::3', /standard notation/],
  ['1:2:3:4:5:6:7:8:9', /standard notation/],
  ['00000::1', /standard notation/],
  ['localhost', /standard notation/],
  ['example.com', /standard notation/],
  ['', /standard notation/],
  ['１２７.０.０.１', /standard notation/], // fullwidth digits: the URL parser maps them, the classifier does not
  ['١٢٧.٠.٠.١', /standard notation/], // Arabic-Indic digits
  ['x'.repeat(100), /too long/],
];

describe('classifyAddress: odd notations are refused with a clear error', () => {
  for (const [input, reason] of ODD) {
    test(JSON.stringify(input.length > 40 ? `${input.slice(0, 40)}…` : input), () => {
      assert.throws(
        () => classifyAddress(input),
        (error: unknown) => error instanceof AddressFormatError && error.input === input && reason.test(error.message),
      );
    });
  }

  test('a value that is not a string is refused', () => {
    assert.throws(() => classifyAddress(2130706433 as unknown as string), AddressFormatError);
    assert.throws(() => classifyAddress(undefined as unknown as string), AddressFormatError);
  });
});
