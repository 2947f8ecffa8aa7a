import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eip55, extractObservables, normaliseObservable, ObservableError } from '../../src/main/observables/index.ts';

function wallets(description: string): Array<[string, string | undefined]> {
  return extractObservables({ urls: [], description })
    .filter((o) => o.type === 'crypto_address')
    .map((o) => [o.value, o.detail?.chain]);
}

/** [address as written, expected value, chain, kind]. Published vectors: BIP-173/BIP-350 (segwit), EIP-55, well-known mainnet addresses. */
const VALID: ReadonlyArray<readonly [string, string, string, string]> = [
  // BIP-350 "valid segwit addresses" (also BIP-173's v0 ones).
  ['BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4', 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bitcoin', 'p2wpkh'],
  ['tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7', 'bitcoin-testnet', 'p2wsh'],
  ['bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', 'bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y', 'bitcoin', 'witness_v1'],
  ['BC1SW50QGDZ25J', 'bc1sw50qgdz25j', 'bitcoin', 'witness_v16'],
  ['bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', 'bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs', 'bitcoin', 'witness_v2'],
  ['tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy', 'tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy', 'bitcoin-testnet', 'p2wsh'],
  ['tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', 'tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c', 'bitcoin-testnet', 'p2tr'],
  ['bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0', 'bitcoin', 'p2tr'],
  // Legacy base58check: the genesis block's P2PKH address, a P2SH address.
  ['1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa', 'bitcoin', 'p2pkh'],
  ['3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy', 'bitcoin', 'p2sh'],
  // EIP-55 test vectors (mixed case), and the all-caps / all-lower ones of the EIP.
  ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'ethereum', 'account'],
  ['0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359', 'ethereum', 'account'],
  ['0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', '0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB', 'ethereum', 'account'],
  ['0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb', '0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb', 'ethereum', 'account'],
  ['0x52908400098527886E0F7030069857D2E4169EE7', '0x52908400098527886E0F7030069857D2E4169EE7', 'ethereum', 'account'],
  ['0x8617E340B3D01FA5F11F306F4090FD50E238070D', '0x8617E340B3D01FA5F11F306F4090FD50E238070D', 'ethereum', 'account'],
  ['0xde709f2102306220921060314715629080e2fb77', '0xde709f2102306220921060314715629080e2fb77', 'ethereum', 'account'],
  ['0x27b1fdb04752bbc536007a920d24acb045561c26', '0x27b1fdb04752bbc536007a920d24acb045561c26', 'ethereum', 'account'],
  ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'ethereum', 'account'],
  // Tron: the USDT (TRC-20) contract address.
  ['TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t', 'tron', 'account'],
];

/** Invalid: BIP-350 "invalid segwit addresses", and valid addresses with one character changed. */
const INVALID: readonly string[] = [
  'tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut', // invalid hrp
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd', // bech32 instead of bech32m
  'tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf', // bech32 instead of bech32m
  'BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL', // bech32 instead of bech32m
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh', // bech32m instead of bech32
  'tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47', // bech32m instead of bech32
  'bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4', // invalid character in checksum
  'BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R', // invalid witness version
  'bc1pw5dgrnzv', // program of 1 byte
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav', // program of 41 bytes
  'BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P', // v0 program of 16 bytes
  'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq', // mixed case
  'bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf', // more than 4 bits of padding
  'tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j', // non-zero padding
  'bc1gmk9yu', // empty data
  'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5', // last character changed
  '1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb', // base58check checksum broken
  '3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz',
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAEd', // EIP-55: one letter in the wrong case
  '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
  'TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6u', // Tron checksum broken
  '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAe', // 39 hex digits
];

describe('crypto addresses', () => {
  describe('valid (extracted, normalised)', () => {
    for (const [written, value, chain, kind] of VALID) {
      test(written, () => {
        const found = extractObservables({ urls: [], description: `Sift l flouss l ${written}, merci.` }).filter((o) => o.type === 'crypto_address');
        assert.equal(found.length, 1);
        assert.equal(found[0]?.value, value);
        assert.equal(found[0]?.detail?.chain, chain);
        assert.equal(found[0]?.detail?.kind, kind);
        assert.equal(normaliseObservable('crypto_address', written), value);
      });
    }
  });

  describe('invalid checksum or shape (not extracted, refused by hand)', () => {
    for (const written of INVALID) {
      test(written, () => {
        assert.deepEqual(wallets(`adresse: ${written} !`), []);
        assert.throws(
          () => normaliseObservable('crypto_address', written),
          (e: unknown) => e instanceof ObservableError && e.code === 'observable.invalid_crypto_address',
        );
      });
    }
  });

  test('the EIP-55 form is the same whatever the case written', () => {
    for (const v of ['0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359']) {
      assert.equal(eip55(v.slice(2).toLowerCase()), v);
      assert.equal(eip55(v.slice(2).toUpperCase()), v);
    }
  });

  test('addresses inside longer tokens are not taken', () => {
    assert.deepEqual(wallets('x1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa'), []);
    // A 64-hex transaction hash is not an address.
    assert.deepEqual(wallets('0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed5aaeb6053f3e94c9b9a09f33'), []);
  });

  test('one address written twice in two cases is one observable', () => {
    assert.deepEqual(wallets('BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4 et bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4'), [
      ['bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4', 'bitcoin'],
    ]);
  });

  test('an address in an explorer URL is extracted too', () => {
    const found = extractObservables({ urls: ['https://etherscan.io/address/0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'], description: '' });
    assert.ok(found.some((o) => o.type === 'crypto_address' && o.value === '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed'));
    assert.ok(found.some((o) => o.type === 'domain' && o.value === 'etherscan.io'));
  });
});
