import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  abiFromSymbols,
  addonAbi,
  gateVerdict,
  NAPI_REGISTER_SYMBOL,
  readElfDynamicSymbols,
} from '../../../../scripts/packaging/addon-abi';

const modules = resolve(import.meta.dirname, '../../../../node_modules');
// The addons as npm built them on this machine (Node 20): smartcard is N-API, the SQLite one is not.
const smartcardAddon = readFileSync(resolve(modules, 'smartcard/build/Release/smartcard_napi.node'));
const sqliteAddon = readFileSync(resolve(modules, 'better-sqlite3-multiple-ciphers/build/Release/better_sqlite3.node'));

/** A minimal ELF shared object holding only a .dynsym and its string table, in any class and byte order. */
function elfWithSymbols(symbols: { name: string; defined: boolean }[], is64: boolean, little: boolean): Uint8Array {
  const strings = Buffer.concat([Buffer.from([0]), ...symbols.map((s) => Buffer.from(`${s.name}\0`))]);
  const entrySize = is64 ? 24 : 16;
  const headerSize = is64 ? 64 : 52;
  const sectionSize = is64 ? 64 : 40;
  const dynsymOffset = headerSize;
  const dynsymSize = entrySize * (symbols.length + 1);
  const stringsOffset = dynsymOffset + dynsymSize;
  const sectionTable = stringsOffset + strings.length;
  const bytes = new Uint8Array(sectionTable + 3 * sectionSize);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0x7f454c46, false);
  bytes[4] = is64 ? 2 : 1;
  bytes[5] = little ? 1 : 2;
  const u16 = (at: number, v: number): void => view.setUint16(at, v, little);
  const u32 = (at: number, v: number): void => view.setUint32(at, v, little);
  const word = (at: number, v: number): void => (is64 ? view.setBigUint64(at, BigInt(v), little) : u32(at, v));
  word(is64 ? 0x28 : 0x20, sectionTable);
  u16(is64 ? 0x3a : 0x2e, sectionSize);
  u16(is64 ? 0x3c : 0x30, 3);
  let nameAt = 1;
  symbols.forEach((symbol, index) => {
    const at = dynsymOffset + entrySize * (index + 1);
    u32(at, nameAt);
    u16(at + (is64 ? 6 : 14), symbol.defined ? 9 : 0);
    nameAt += Buffer.byteLength(symbol.name) + 1;
  });
  bytes.set(strings, stringsOffset);
  // Section 0 is null; 1 is .dynsym linked to 2, the string table (type 3).
  const section = (index: number, type: number, offset: number, size: number, link: number, entry: number): void => {
    const at = sectionTable + index * sectionSize;
    u32(at + 4, type);
    if (is64) {
      word(at + 0x18, offset);
      word(at + 0x20, size);
      u32(at + 0x28, link);
      word(at + 0x38, entry);
    } else {
      u32(at + 0x10, offset);
      u32(at + 0x14, size);
      u32(at + 0x18, link);
      u32(at + 0x24, entry);
    }
  };
  section(1, 11, dynsymOffset, dynsymSize, 2, entrySize);
  section(2, 3, stringsOffset, strings.length, 0, 0);
  return bytes;
}

describe('addon ABI', () => {
  it('reads the N-API entry point smartcard exports', () => {
    expect(readElfDynamicSymbols(smartcardAddon).defined).toContain(NAPI_REGISTER_SYMBOL);
    expect(addonAbi(smartcardAddon)).toEqual({ kind: 'napi' });
  });

  it('reads the Node 20 module version better-sqlite3-multiple-ciphers was built for here', () => {
    expect(addonAbi(sqliteAddon)).toEqual({ kind: 'node-module-version', moduleVersion: 115 });
  });

  it.each([
    [true, true],
    [false, true],
    [true, false],
    [false, false],
  ])('reads the dynamic symbols of a synthetic ELF (64-bit %s, little-endian %s)', (is64, little) => {
    const elf = elfWithSymbols(
      [
        { name: 'node_register_module_v145', defined: true },
        { name: 'napi_create_object', defined: false },
      ],
      is64,
      little,
    );
    expect(readElfDynamicSymbols(elf)).toEqual({
      defined: ['node_register_module_v145'],
      undefinedRefs: ['napi_create_object'],
    });
    expect(addonAbi(elf)).toEqual({ kind: 'node-module-version', moduleVersion: 145 });
  });

  it('counts a legacy N-API addon, which registers by calling napi_module_register, as N-API', () => {
    expect(abiFromSymbols({ defined: ['init'], undefinedRefs: ['napi_module_register'] })).toEqual({ kind: 'napi' });
  });

  it('does not count an imported register symbol as declared', () => {
    const elf = elfWithSymbols([{ name: NAPI_REGISTER_SYMBOL, defined: false }], true, true);
    expect(addonAbi(elf).kind).toBe('unknown');
  });

  it('refuses to guess between several declared module versions', () => {
    const abi = abiFromSymbols({
      defined: ['node_register_module_v115', 'node_register_module_v145'],
      undefinedRefs: [],
    });
    expect(abi).toEqual({ kind: 'unknown', reason: 'declares several module versions (115, 145)' });
  });

  it('reports PE, Mach-O, truncated ELF and other files as unknown, with the reason', () => {
    expect(addonAbi(Buffer.from('MZ\x90\0rest of a PE file'))).toMatchObject({ kind: 'unknown', reason: /Windows PE/ });
    expect(addonAbi(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toMatchObject({ reason: /Mach-O/ });
    expect(addonAbi(sqliteAddon.subarray(0, 4096))).toMatchObject({ kind: 'unknown', reason: /unreadable ELF/ });
    expect(addonAbi(Buffer.from('#!/bin/sh\n'))).toMatchObject({ reason: /not an ELF, PE or Mach-O/ });
  });
});

describe('gate verdict', () => {
  it('accepts N-API and the pinned module version only', () => {
    expect(gateVerdict({ kind: 'napi' }, 145).accepted).toBe(true);
    expect(gateVerdict({ kind: 'node-module-version', moduleVersion: 145 }, 145).accepted).toBe(true);
    expect(gateVerdict({ kind: 'node-module-version', moduleVersion: 115 }, 145)).toMatchObject({
      accepted: false,
      reason: /built for NODE_MODULE_VERSION 115, the pinned Electron needs 145/,
    });
    expect(gateVerdict({ kind: 'unknown', reason: 'why' }, 145)).toMatchObject({ accepted: false, reason: 'why' });
  });
});
