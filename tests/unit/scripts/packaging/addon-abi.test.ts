import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  abiFromSymbols,
  addonAbi,
  gateVerdict,
  NAPI_REGISTER_SYMBOL,
  readElfDynamicSymbols,
  readMachOSymbols,
  readPeExports,
} from '../../../../scripts/packaging/addon-abi';
import { compileNodeAbiAddon } from '../../../support/packaging/node-abi-addon';

const modules = resolve(import.meta.dirname, '../../../../node_modules');
// Real addons: smartcard as npm built it here and SQLite's prebuilt one are N-API; the probe compiled
// for the Node running us registers for its module version only, as better-sqlite3-multiple-ciphers 12 did.
const smartcardAddon = readFileSync(resolve(modules, 'smartcard/build/Release/smartcard_napi.node'));
const sqliteAddon = readFileSync(resolve(modules, 'better-sqlite3-multiple-ciphers/prebuilds/linux-x64.node'));
const probeDir = mkdtempSync(join(tmpdir(), 'addon-abi-'));
afterAll(() => rmSync(probeDir, { recursive: true, force: true }));
const nodeAbiAddon = readFileSync(compileNodeAbiAddon(probeDir));

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

/** A minimal PE32+ DLL whose one section holds an export directory naming `exports`. */
function peWithExports(exports: string[]): Uint8Array {
  const bytes = new Uint8Array(0x400);
  const view = new DataView(bytes.buffer);
  bytes.set(Buffer.from('MZ'), 0);
  view.setUint32(0x3c, 0x40, true);
  view.setUint32(0x40, 0x00004550, true); // "PE\0\0"
  view.setUint16(0x44, 0x8664, true);
  view.setUint16(0x46, 1, true); // one section
  view.setUint16(0x54, 240, true); // PE32+ optional header with 16 data directories
  const optional = 0x58;
  view.setUint16(optional, 0x20b, true);
  view.setUint32(optional + 108, 16, true);
  view.setUint32(optional + 112, 0x1000, true); // export directory RVA
  const section = optional + 240;
  view.setUint32(section + 8, 0x200, true);
  view.setUint32(section + 12, 0x1000, true);
  view.setUint32(section + 16, 0x200, true);
  view.setUint32(section + 20, 0x200, true);
  const rva = (offset: number): number => offset - 0x200 + 0x1000;
  view.setUint32(0x200 + 24, exports.length, true);
  view.setUint32(0x200 + 32, rva(0x240), true);
  let name = 0x280;
  exports.forEach((exported, index) => {
    view.setUint32(0x240 + index * 4, rva(name), true);
    bytes.set(Buffer.from(`${exported}\0`), name);
    name += exported.length + 1;
  });
  return bytes;
}

/** A minimal 64-bit little-endian Mach-O with one LC_SYMTAB (names get macOS's leading underscore). */
function machOWithSymbols(symbols: { name: string; defined: boolean }[]): Uint8Array {
  const strings = Buffer.concat([Buffer.from([0]), ...symbols.map((s) => Buffer.from(`_${s.name}\0`))]);
  const symbolOffset = 32 + 24;
  const stringOffset = symbolOffset + 16 * symbols.length;
  const bytes = new Uint8Array(stringOffset + strings.length);
  const view = new DataView(bytes.buffer);
  view.setUint32(0, 0xfeedfacf, true);
  view.setUint32(16, 1, true); // one load command
  view.setUint32(32, 0x2, true); // LC_SYMTAB
  view.setUint32(36, 24, true);
  view.setUint32(40, symbolOffset, true);
  view.setUint32(44, symbols.length, true);
  view.setUint32(48, stringOffset, true);
  view.setUint32(52, strings.length, true);
  let nameAt = 1;
  symbols.forEach((symbol, index) => {
    const at = symbolOffset + 16 * index;
    view.setUint32(at, nameAt, true);
    bytes[at + 4] = symbol.defined ? 0x0f : 0x01; // N_SECT | N_EXT, or N_UNDF | N_EXT
    nameAt += symbol.name.length + 2;
  });
  bytes.set(strings, stringOffset);
  return bytes;
}

/** A universal binary of the given thin slices. */
function universal(slices: Uint8Array[]): Uint8Array {
  let offset = 8 + 20 * slices.length;
  const header = new Uint8Array(offset);
  const view = new DataView(header.buffer);
  view.setUint32(0, 0xcafebabe, false);
  view.setUint32(4, slices.length, false);
  slices.forEach((slice, index) => {
    view.setUint32(8 + index * 20 + 8, offset, false);
    view.setUint32(8 + index * 20 + 12, slice.length, false);
    offset += slice.length;
  });
  return Buffer.concat([header, ...slices]);
}

describe('addon ABI', () => {
  it('reads the N-API entry point smartcard exports', () => {
    expect(readElfDynamicSymbols(smartcardAddon).defined).toContain(NAPI_REGISTER_SYMBOL);
    expect(addonAbi(smartcardAddon)).toEqual({ kind: 'napi' });
  });

  it('reads the N-API entry point of the SQLite addon better-sqlite3-multiple-ciphers ships prebuilt', () => {
    expect(addonAbi(sqliteAddon)).toEqual({ kind: 'napi' });
  });

  it('reads the module version of an addon compiled for the Node running us', () => {
    expect(addonAbi(nodeAbiAddon)).toEqual({
      kind: 'node-module-version',
      moduleVersion: Number(process.versions.modules),
    });
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

  it('reads the export table of a Windows addon', () => {
    const napi = peWithExports(['napi_register_module_v1', 'node_api_module_get_api_version_v1']);
    expect(readPeExports(napi)).toEqual(['napi_register_module_v1', 'node_api_module_get_api_version_v1']);
    expect(addonAbi(napi)).toEqual({ kind: 'napi' });
    expect(addonAbi(peWithExports(['node_register_module_v145']))).toEqual({
      kind: 'node-module-version',
      moduleVersion: 145,
    });
  });

  it('reads the external symbols of a macOS addon, thin or universal', () => {
    const napi = machOWithSymbols([
      { name: 'napi_register_module_v1', defined: true },
      { name: 'napi_create_object', defined: false },
    ]);
    expect(readMachOSymbols(napi)).toEqual([
      { defined: ['napi_register_module_v1'], undefinedRefs: ['napi_create_object'] },
    ]);
    expect(addonAbi(napi)).toEqual({ kind: 'napi' });
    const v115 = machOWithSymbols([{ name: 'node_register_module_v115', defined: true }]);
    expect(addonAbi(universal([v115, v115]))).toEqual({ kind: 'node-module-version', moduleVersion: 115 });
    expect(addonAbi(universal([napi, v115]))).toEqual({
      kind: 'unknown',
      reason: 'the architectures of this universal binary declare different ABIs',
    });
  });

  it('reports truncated binaries and other files as unknown, with the reason', () => {
    expect(addonAbi(Buffer.from('MZ\x90\0rest of a PE file'))).toMatchObject({ reason: /unreadable PE file/ });
    expect(addonAbi(Buffer.from([0xcf, 0xfa, 0xed, 0xfe, 7, 0, 0, 1]))).toMatchObject({
      reason: /unreadable Mach-O file/,
    });
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
