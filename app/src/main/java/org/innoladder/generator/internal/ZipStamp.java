package org.innoladder.generator.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Rewrites a zip (an XLSX) with every entry stamped with one fixed time and one entry's content replaced, copying
 * all other entries' compressed bytes as they are (no recompression of the large sheet). fastexcel writes the
 * current time into docProps/core.xml; this makes the same data give the same bytes.
 *
 * <p>Reads plain and Zip64 central directories; writes a plain zip (files under 4 GB, which any generated data
 * set is).
 */
final class ZipStamp {
    private static final int LFH = 0x04034b50;
    private static final int CEN = 0x02014b50;
    private static final int END = 0x06054b50;
    private static final int ZIP64_END = 0x06064b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final long MAX32 = 0xFFFFFFFFL;

    private record Entry(String name, int method, long crc, long compressedSize, long size, long localOffset) {
    }

    private ZipStamp() {
    }

    static void rewrite(Path from, Path to, LocalDateTime stamp, String replacedEntry, UnaryOperator<String> replace)
            throws IOException {
        int dosTime = (stamp.getHour() << 11) | (stamp.getMinute() << 5) | (stamp.getSecond() / 2);
        int dosDate = ((stamp.getYear() - 1980) << 9) | (stamp.getMonthValue() << 5) | stamp.getDayOfMonth();
        try (FileChannel in = FileChannel.open(from, StandardOpenOption.READ);
             FileChannel out = FileChannel.open(to, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                     StandardOpenOption.TRUNCATE_EXISTING)) {
            List<Entry> entries = centralDirectory(in);
            List<Entry> written = new ArrayList<>();
            long offset = 0;
            for (Entry e : entries) {
                long dataStart = e.localOffset() + 30 + readShort(in, e.localOffset() + 26) + readShort(in, e.localOffset() + 28);
                Entry w;
                byte[] replacement = null;
                if (e.name().equals(replacedEntry)) {
                    byte[] raw = bytes(in, dataStart, (int) e.compressedSize());
                    byte[] content = replace.apply(new String(e.method() == 8 ? inflate(raw, e.size()) : raw,
                            StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    CRC32 crc = new CRC32();
                    crc.update(content);
                    replacement = e.method() == 8 ? deflate(content) : content;
                    w = new Entry(e.name(), e.method(), crc.getValue(), replacement.length, content.length, offset);
                } else {
                    w = new Entry(e.name(), e.method(), e.crc(), e.compressedSize(), e.size(), offset);
                }
                byte[] name = w.name().getBytes(StandardCharsets.UTF_8);
                ByteBuffer h = le(30 + name.length);
                h.putInt(LFH).putShort((short) 20).putShort((short) 0x0800).putShort((short) w.method())
                        .putShort((short) dosTime).putShort((short) dosDate).putInt((int) w.crc())
                        .putInt(u32(w.compressedSize())).putInt(u32(w.size())).putShort((short) name.length).putShort((short) 0)
                        .put(name);
                offset += writeFully(out, h.flip());
                if (replacement != null) {
                    offset += writeFully(out, ByteBuffer.wrap(replacement));
                } else {
                    long copied = 0;
                    while (copied < e.compressedSize()) {
                        copied += in.transferTo(dataStart + copied, e.compressedSize() - copied, out);
                    }
                    offset += copied;
                }
                written.add(w);
            }
            long cenStart = offset;
            for (Entry w : written) {
                byte[] name = w.name().getBytes(StandardCharsets.UTF_8);
                ByteBuffer c = le(46 + name.length);
                c.putInt(CEN).putShort((short) 20).putShort((short) 20).putShort((short) 0x0800).putShort((short) w.method())
                        .putShort((short) dosTime).putShort((short) dosDate).putInt((int) w.crc())
                        .putInt(u32(w.compressedSize())).putInt(u32(w.size())).putShort((short) name.length)
                        .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0)
                        .putInt(u32(w.localOffset())).put(name);
                offset += writeFully(out, c.flip());
            }
            ByteBuffer end = le(22);
            end.putInt(END).putShort((short) 0).putShort((short) 0).putShort((short) written.size())
                    .putShort((short) written.size()).putInt(u32(offset - cenStart)).putInt(u32(cenStart)).putShort((short) 0);
            writeFully(out, end.flip());
        }
    }

    private static List<Entry> centralDirectory(FileChannel in) throws IOException {
        long size = in.size();
        int tail = (int) Math.min(size, 65_557);
        ByteBuffer t = read(in, size - tail, tail);
        int endAt = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (t.getInt(i) == END) {
                endAt = i;
                break;
            }
        }
        if (endAt < 0) throw new IOException("not a zip file: no end of central directory");
        long count = t.getShort(endAt + 10) & 0xFFFF;
        long cenOffset = t.getInt(endAt + 16) & MAX32;
        if ((count == 0xFFFF || cenOffset == MAX32) && endAt >= 20 && t.getInt(endAt - 20) == ZIP64_LOCATOR) {
            long z64 = t.getLong(endAt - 20 + 8);
            ByteBuffer z = read(in, z64, 56);
            if (z.getInt(0) != ZIP64_END) throw new IOException("bad Zip64 end record");
            count = z.getLong(32);
            cenOffset = z.getLong(48);
        }
        List<Entry> entries = new ArrayList<>();
        long p = cenOffset;
        for (long n = 0; n < count; n++) {
            ByteBuffer c = read(in, p, 46);
            if (c.getInt(0) != CEN) throw new IOException("bad central directory entry at " + p);
            int method = c.getShort(10) & 0xFFFF;
            long crc = c.getInt(16) & MAX32;
            long csize = c.getInt(20) & MAX32;
            long usize = c.getInt(24) & MAX32;
            int nameLen = c.getShort(28) & 0xFFFF;
            int extraLen = c.getShort(30) & 0xFFFF;
            int commentLen = c.getShort(32) & 0xFFFF;
            long local = c.getInt(42) & MAX32;
            ByteBuffer rest = read(in, p + 46, nameLen + extraLen);
            byte[] nameBytes = new byte[nameLen];
            rest.get(nameBytes);
            // Zip64 extra field: the 8-byte values of whichever fields are saturated, in this order
            int e = nameLen;
            while (e + 4 <= nameLen + extraLen) {
                int id = rest.getShort(e) & 0xFFFF;
                int len = rest.getShort(e + 2) & 0xFFFF;
                if (id == 0x0001) {
                    int q = e + 4;
                    if (usize == MAX32) { usize = rest.getLong(q); q += 8; }
                    if (csize == MAX32) { csize = rest.getLong(q); q += 8; }
                    if (local == MAX32) { local = rest.getLong(q); }
                }
                e += 4 + len;
            }
            entries.add(new Entry(new String(nameBytes, StandardCharsets.UTF_8), method, crc, csize, usize, local));
            p += 46 + nameLen + extraLen + commentLen;
        }
        return entries;
    }

    private static byte[] inflate(byte[] raw, long size) throws IOException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.max(size, 64));
            byte[] buf = new byte[8192];
            while (!inflater.finished()) {
                int n = inflater.inflate(buf);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) break;
                out.write(buf, 0, n);
            }
            if (out.size() != size) throw new IOException("corrupt entry: inflated " + out.size() + " bytes, expected " + size);
            return out.toByteArray();
        } catch (DataFormatException ex) {
            throw new IOException("corrupt entry: " + ex.getMessage(), ex);
        } finally {
            inflater.end();
        }
    }

    private static byte[] deflate(byte[] content) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        try {
            deflater.setInput(content);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buf = new byte[8192];
            while (!deflater.finished()) out.write(buf, 0, deflater.deflate(buf));
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    private static int u32(long v) {
        if (v > MAX32) throw new IllegalStateException("zip entry or offset over 4 GB");
        return (int) v;
    }

    private static ByteBuffer le(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static int readShort(FileChannel in, long at) throws IOException {
        return read(in, at, 2).getShort(0) & 0xFFFF;
    }

    private static byte[] bytes(FileChannel in, long at, int n) throws IOException {
        ByteBuffer b = read(in, at, n);
        byte[] bytes = new byte[n];
        b.get(0, bytes);
        return bytes;
    }

    private static ByteBuffer read(FileChannel in, long at, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (in.read(b, at + b.position()) < 0) throw new IOException("unexpected end of zip file");
        }
        return b.flip();
    }

    private static long writeFully(FileChannel out, ByteBuffer b) throws IOException {
        long n = b.remaining();
        while (b.hasRemaining()) out.write(b);
        return n;
    }
}
