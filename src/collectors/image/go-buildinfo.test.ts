import { describe, expect, it } from 'vitest';
import { readGoBuildInfo } from './go-buildinfo.js';

/** Go string header (ptr, len) and the bytes it points to, placed in a little-endian ELF64 image. */
function elf64WithPointerBuildInfo(version: string, modinfo: string): Buffer {
  const vaddr = 0x400000;
  const buf = Buffer.alloc(0x1000);
  // ELF header: magic, 64-bit, little-endian; program headers at 64, one PT_LOAD covering the file.
  buf.writeUInt32BE(0x7f454c46, 0);
  buf[4] = 2;
  buf[5] = 1;
  buf.writeBigUInt64LE(64n, 32); // e_phoff
  buf.writeUInt16LE(56, 54); // e_phentsize
  buf.writeUInt16LE(1, 56); // e_phnum
  buf.writeUInt32LE(1, 64); // PT_LOAD
  buf.writeBigUInt64LE(0n, 64 + 8); // p_offset
  buf.writeBigUInt64LE(BigInt(vaddr), 64 + 16); // p_vaddr
  buf.writeBigUInt64LE(0x1000n, 64 + 32); // p_filesz
  // Build info header at 0x200 (16-aligned): magic, pointer size 8, flags 0 (pointers, little-endian).
  const at = 0x200;
  buf.write('\xff Go buildinf:', at, 'latin1');
  buf[at + 14] = 8;
  buf[at + 15] = 0;
  const strHdr = (hdrOff: number, dataOff: number, text: string) => {
    buf.write(text, dataOff, 'utf8');
    buf.writeBigUInt64LE(BigInt(vaddr + dataOff), hdrOff);
    buf.writeBigUInt64LE(BigInt(Buffer.byteLength(text)), hdrOff + 8);
  };
  strHdr(0x300, 0x400, version);
  strHdr(0x310, 0x500, modinfo);
  buf.writeBigUInt64LE(BigInt(vaddr + 0x300), at + 16);
  buf.writeBigUInt64LE(BigInt(vaddr + 0x310), at + 24);
  return buf;
}

describe('Go build info', () => {
  it('reads the pointer format of binaries built before Go 1.18', () => {
    const mod = `${'0'.repeat(16)}path\tgithub.com/x/tool\nmod\tgithub.com/x/tool\tv1.0.0\th1:a=\ndep\tgolang.org/x/sys\tv0.0.0-20210630005230-0f9fa26af87c\th1:b=\n${'1'.repeat(16)}`;
    const info = readGoBuildInfo(elf64WithPointerBuildInfo('go1.16.15', mod))!;
    expect(info.goVersion).toBe('go1.16.15');
    expect(info.main).toMatchObject({ path: 'github.com/x/tool', version: 'v1.0.0' });
    expect(info.deps.map((d) => `${d.path}@${d.version}`)).toEqual(['golang.org/x/sys@v0.0.0-20210630005230-0f9fa26af87c']);
  });
  it('returns nothing for ELF files without build info', () => {
    const buf = Buffer.alloc(256);
    buf.writeUInt32BE(0x7f454c46, 0);
    expect(readGoBuildInfo(buf)).toBeUndefined();
  });
});
