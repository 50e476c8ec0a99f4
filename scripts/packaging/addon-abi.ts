/**
 * What ABI a native addon (`.node` file) declares, read from its own bytes so the addon gate
 * (scripts/addon-gate.ts) runs on any OS without `nm`, `dumpbin` or `otool`.
 *
 * Node finds an addon's entry point by name when it loads it: `napi_register_module_v1` for an
 * N-API addon (ABI-stable across every Node and Electron), `node_register_module_v<N>` for an
 * addon compiled against one NODE_MODULE_VERSION `N` (Node 20 is 115, each Electron major has
 * its own). The exported symbol is therefore exactly what the loader will accept or refuse.
 *
 * ELF (Linux) is read from its dynamic symbol table, PE (Windows) from its export table, Mach-O
 * (macOS, thin or universal) from its symbol table. Anything else is `unknown`, with the reason:
 * the gate refuses what it cannot prove.
 */

export const NAPI_REGISTER_SYMBOL = 'napi_register_module_v1';
const NODE_REGISTER_SYMBOL = /^node_register_module_v(\d+)$/;
/**
 * Older N-API addons (NAPI_MODULE before Node 10.x's NAPI_MODULE_INIT) export no entry point and
 * register from a static constructor by calling this function: still N-API.
 */
const LEGACY_NAPI_IMPORT = 'napi_module_register';

export type AddonAbi =
  { kind: 'napi' } | { kind: 'node-module-version'; moduleVersion: number } | { kind: 'unknown'; reason: string };

export interface DynamicSymbols {
  /** Symbols the file defines (exports). */
  defined: string[];
  /** Symbols the file needs from the process that loads it. */
  undefinedRefs: string[];
}

const ELF_MAGIC = 0x7f454c46; // "\x7fELF"
const SHT_DYNSYM = 11;
const SHN_UNDEF = 0;

/** Reads the dynamic symbol table of an ELF shared object (32 or 64 bit, either byte order). */
export function readElfDynamicSymbols(bytes: Uint8Array): DynamicSymbols {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 52 || view.getUint32(0, false) !== ELF_MAGIC) throw new Error('not an ELF file');
  const is64 = bytes[4] === 2;
  const little = bytes[5] === 1;
  const u16 = (at: number): number => view.getUint16(at, little);
  const u32 = (at: number): number => view.getUint32(at, little);
  const word = (at: number): number => (is64 ? Number(view.getBigUint64(at, little)) : u32(at));

  const sectionTable = word(is64 ? 0x28 : 0x20);
  const sectionSize = u16(is64 ? 0x3a : 0x2e);
  const sectionCount = u16(is64 ? 0x3c : 0x30);
  if (sectionTable === 0 || sectionTable + sectionSize * sectionCount > bytes.byteLength) {
    throw new Error('ELF section table missing or truncated');
  }
  const section = (index: number): { type: number; offset: number; size: number; link: number; entrySize: number } => {
    const at = sectionTable + index * sectionSize;
    return is64
      ? {
          type: u32(at + 4),
          offset: word(at + 0x18),
          size: word(at + 0x20),
          link: u32(at + 0x28),
          entrySize: word(at + 0x38),
        }
      : {
          type: u32(at + 4),
          offset: u32(at + 0x10),
          size: u32(at + 0x14),
          link: u32(at + 0x18),
          entrySize: u32(at + 0x24),
        };
  };

  const symbols: DynamicSymbols = { defined: [], undefinedRefs: [] };
  for (let index = 0; index < sectionCount; index++) {
    const dynsym = section(index);
    if (dynsym.type !== SHT_DYNSYM) continue;
    if (dynsym.link >= sectionCount) throw new Error('ELF .dynsym links to no string table');
    const strings = section(dynsym.link);
    const entrySize = dynsym.entrySize || (is64 ? 24 : 16);
    if (dynsym.offset + dynsym.size > bytes.byteLength || strings.offset + strings.size > bytes.byteLength) {
      throw new Error('ELF symbol table truncated');
    }
    const name = (at: number): string => {
      const start = strings.offset + at;
      const end = bytes.indexOf(0, start);
      return new TextDecoder().decode(bytes.subarray(start, end < 0 ? strings.offset + strings.size : end));
    };
    // Entry 0 is the reserved null symbol.
    for (let at = dynsym.offset + entrySize; at + entrySize <= dynsym.offset + dynsym.size; at += entrySize) {
      const sectionIndex = u16(at + (is64 ? 6 : 14));
      const symbolName = name(u32(at));
      if (symbolName === '') continue;
      (sectionIndex === SHN_UNDEF ? symbols.undefinedRefs : symbols.defined).push(symbolName);
    }
  }
  return symbols;
}

/** Decides the ABI an addon declares from its dynamic symbols. */
export function abiFromSymbols(symbols: DynamicSymbols): AddonAbi {
  if (symbols.defined.includes(NAPI_REGISTER_SYMBOL)) return { kind: 'napi' };
  const versions = symbols.defined.flatMap((name) => {
    const match = NODE_REGISTER_SYMBOL.exec(name);
    return match ? [Number(match[1])] : [];
  });
  if (versions.length === 1) return { kind: 'node-module-version', moduleVersion: versions[0] as number };
  if (versions.length > 1)
    return { kind: 'unknown', reason: `declares several module versions (${versions.join(', ')})` };
  if (symbols.undefinedRefs.includes(LEGACY_NAPI_IMPORT)) return { kind: 'napi' };
  return {
    kind: 'unknown',
    reason: 'exports no Node register symbol (napi_register_module_v1 or node_register_module_v<N>)',
  };
}

/** The names a Windows DLL (PE32 or PE32+) exports. Imports are not read. */
export function readPeExports(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const inFile = (at: number, length: number): number => {
    if (at < 0 || at + length > bytes.byteLength) throw new Error('truncated');
    return at;
  };
  const u16 = (at: number): number => view.getUint16(inFile(at, 2), true);
  const u32 = (at: number): number => view.getUint32(inFile(at, 4), true);
  const pe = u32(0x3c);
  if (u32(pe) !== 0x00004550) throw new Error('no PE signature');
  const sectionCount = u16(pe + 6);
  const optional = pe + 24;
  const magic = u16(optional);
  if (magic !== 0x10b && magic !== 0x20b) throw new Error('unknown optional header');
  const dataDirectories = optional + (magic === 0x20b ? 112 : 96);
  if (u32(optional + (magic === 0x20b ? 108 : 92)) === 0) return [];
  const exportRva = u32(dataDirectories);
  if (exportRva === 0) return [];
  const sections = optional + u16(pe + 20);
  const offsetOf = (rva: number): number => {
    for (let index = 0; index < sectionCount; index++) {
      const at = sections + index * 40;
      const start = u32(at + 12);
      const size = Math.max(u32(at + 8), u32(at + 16));
      if (rva >= start && rva < start + size) return u32(at + 20) + (rva - start);
    }
    throw new Error(`RVA ${rva} in no section`);
  };
  const directory = offsetOf(exportRva);
  const nameCount = u32(directory + 24);
  const names = offsetOf(u32(directory + 32));
  const decoder = new TextDecoder();
  return Array.from({ length: nameCount }, (_, index) => {
    const start = offsetOf(u32(names + index * 4));
    const end = bytes.indexOf(0, start);
    if (end < 0) throw new Error('unterminated export name');
    return decoder.decode(bytes.subarray(start, end));
  });
}

const FAT_MAGIC = 0xcafebabe;
const MACH_O_MAGICS = new Set([0xfeedface, 0xfeedfacf, 0xcefaedfe, 0xcffaedfe, FAT_MAGIC]);
const LC_SYMTAB = 0x2;
const N_STAB = 0xe0;
const N_TYPE = 0x0e;
const N_SECT = 0x0e;
const N_UNDF = 0x0;
const N_EXT = 0x01;

/**
 * The external symbols of a Mach-O binary, one entry per architecture of a universal binary.
 * C symbols carry a leading underscore on macOS, dropped here to compare with the ELF names.
 */
export function readMachOSymbols(bytes: Uint8Array): DynamicSymbols[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(0, false) === FAT_MAGIC) {
    const count = view.getUint32(4, false);
    return Array.from({ length: count }, (_, index) => {
      const at = 8 + index * 20;
      const offset = view.getUint32(at + 8, false);
      const size = view.getUint32(at + 12, false);
      if (offset + size > bytes.byteLength) throw new Error('universal binary slice truncated');
      return readThinMachOSymbols(bytes.subarray(offset, offset + size));
    });
  }
  return [readThinMachOSymbols(bytes)];
}

function readThinMachOSymbols(bytes: Uint8Array): DynamicSymbols {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const bigMagic = view.getUint32(0, false);
  const little = bigMagic === 0xcefaedfe || bigMagic === 0xcffaedfe;
  const is64 = bigMagic === 0xfeedfacf || bigMagic === 0xcffaedfe;
  const u32 = (at: number): number => view.getUint32(at, little);
  const commandCount = u32(16);
  const symbols: DynamicSymbols = { defined: [], undefinedRefs: [] };
  let command = is64 ? 32 : 28;
  for (let index = 0; index < commandCount; index++) {
    if (command + 8 > bytes.byteLength) throw new Error('load commands truncated');
    const size = u32(command + 4);
    if (u32(command) === LC_SYMTAB) {
      const symbolOffset = u32(command + 8);
      const symbolCount = u32(command + 12);
      const stringOffset = u32(command + 16);
      const entrySize = is64 ? 16 : 12;
      if (symbolOffset + symbolCount * entrySize > bytes.byteLength) throw new Error('symbol table truncated');
      for (let at = symbolOffset; at < symbolOffset + symbolCount * entrySize; at += entrySize) {
        const type = bytes[at + 4] as number;
        if ((type & N_STAB) !== 0 || (type & N_EXT) === 0) continue;
        const start = stringOffset + u32(at);
        const end = bytes.indexOf(0, start);
        if (start >= bytes.byteLength || end < 0) throw new Error('string table truncated');
        const name = new TextDecoder().decode(bytes.subarray(start, end)).replace(/^_/, '');
        if ((type & N_TYPE) === N_SECT) symbols.defined.push(name);
        else if ((type & N_TYPE) === N_UNDF) symbols.undefinedRefs.push(name);
      }
    }
    if (size < 8) throw new Error('malformed load command');
    command += size;
  }
  return symbols;
}

/** The ABI a `.node` file's bytes declare; never throws (a file it cannot read is `unknown`). */
export function addonAbi(bytes: Uint8Array): AddonAbi {
  if (bytes.byteLength >= 4) {
    const magic = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(0, false);
    if (magic === ELF_MAGIC) {
      try {
        return abiFromSymbols(readElfDynamicSymbols(bytes));
      } catch (error) {
        return { kind: 'unknown', reason: `unreadable ELF file: ${(error as Error).message}` };
      }
    }
    if (bytes[0] === 0x4d && bytes[1] === 0x5a) {
      try {
        return abiFromSymbols({ defined: readPeExports(bytes), undefinedRefs: [] });
      } catch (error) {
        return { kind: 'unknown', reason: `unreadable PE file: ${(error as Error).message}` };
      }
    }
    if (MACH_O_MAGICS.has(magic)) {
      try {
        const slices = readMachOSymbols(bytes).map(abiFromSymbols);
        const first = JSON.stringify(slices[0]);
        return slices.every((slice) => JSON.stringify(slice) === first)
          ? (slices[0] as AddonAbi)
          : { kind: 'unknown', reason: 'the architectures of this universal binary declare different ABIs' };
      } catch (error) {
        return { kind: 'unknown', reason: `unreadable Mach-O file: ${(error as Error).message}` };
      }
    }
  }
  return { kind: 'unknown', reason: 'not an ELF, PE or Mach-O binary' };
}

export type GateVerdict = { accepted: true; abi: AddonAbi } | { accepted: false; abi: AddonAbi; reason: string };

/** Whether Electron, whose NODE_MODULE_VERSION is `electronModuleVersion`, will load the addon. */
export function gateVerdict(abi: AddonAbi, electronModuleVersion: number): GateVerdict {
  switch (abi.kind) {
    case 'napi':
      return { accepted: true, abi };
    case 'node-module-version':
      return abi.moduleVersion === electronModuleVersion
        ? { accepted: true, abi }
        : {
            accepted: false,
            abi,
            reason: `built for NODE_MODULE_VERSION ${abi.moduleVersion}, the pinned Electron needs ${electronModuleVersion} (rebuild it with @electron/rebuild)`,
          };
    case 'unknown':
      return { accepted: false, abi, reason: abi.reason };
  }
}
