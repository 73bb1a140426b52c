package io.lstmq.io;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

import io.lstmq.AtomicFiles;
import io.lstmq.LstmqException;

/**
 * Reads and writes numpy {@code .npy} files (format versions 1.0, 2.0 and 3.0; the dtypes of {@link DType};
 * little-endian, C order).
 *
 * <p>Damaged or unsupported files raise {@link LstmqException} with one line naming the file and the problem.
 * Nothing is allocated in proportion to a size the header claims before that size is checked against the bytes
 * actually present.
 */
public final class Npy {
    /** numpy itself refuses headers over 10000 bytes by default; anything near this bound is not a real header. */
    private static final long MAX_HEADER_BYTES = 1 << 20;

    private Npy() {}

    public static NdArray read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(new ChannelSource(ch), file.toString());
        } catch (NoSuchFileException e) {
            throw new LstmqException(file + ": no such file");
        } catch (IOException e) {
            throw new LstmqException(file + ": cannot read: " + (e.getMessage() != null ? e.getMessage() : e), e);
        }
    }

    /** Reads a {@code .npy} image held in memory; {@code name} stands for it in messages. */
    public static NdArray read(byte[] bytes, String name) {
        return read(ByteBuffer.wrap(bytes), name);
    }

    /** Reads the remaining bytes of {@code bytes} (its position is not moved); {@code name} stands for it in messages. */
    public static NdArray read(ByteBuffer bytes, String name) {
        try {
            return read(new BufferSource(bytes.slice()), name);
        } catch (IOException e) {
            throw new AssertionError("in-memory reads do not fail", e);
        }
    }

    /** Writes {@code array} to {@code file} atomically (temporary file in the same directory, then rename). */
    public static void write(Path file, NdArray array) {
        ByteBuffer header = ByteBuffer.wrap(NpyHeader.format(array.dtype(), array.shape()));
        ByteBuffer data = array.data();
        AtomicFiles.write(file, ch -> {
            while (header.hasRemaining() || data.hasRemaining()) {
                ch.write(new ByteBuffer[] {header, data});
            }
        });
    }

    /** The complete {@code .npy} image of {@code array}. */
    public static byte[] toBytes(NdArray array) {
        byte[] header = NpyHeader.format(array.dtype(), array.shape());
        byte[] out = Arrays.copyOf(header, header.length + array.byteSize());
        array.data().get(out, header.length, array.byteSize());
        return out;
    }

    private static NdArray read(Source src, String name) throws IOException {
        long length = src.length();
        byte[] prelude = new byte[(int) Math.min(length, 12)];
        src.read(0, prelude);
        int magicLength = Math.min(prelude.length, NpyHeader.MAGIC.length);
        if (prelude.length == 0 || !Arrays.equals(prelude, 0, magicLength, NpyHeader.MAGIC, 0, magicLength)) {
            throw new LstmqException(name + ": not a .npy file (it does not start with \\x93NUMPY)");
        }
        if (prelude.length < 8) {
            throw new LstmqException(name + ": truncated header (" + length + " bytes in all)");
        }
        try {
            int fieldSize = NpyHeader.lengthFieldSize(prelude[6] & 0xFF, prelude[7] & 0xFF);
            int dictStart = 8 + fieldSize;
            if (length < dictStart) {
                throw new NpyHeader.BadHeader("truncated header (" + length + " bytes in all)");
            }
            ByteBuffer field = ByteBuffer.wrap(prelude, 8, fieldSize).order(ByteOrder.LITTLE_ENDIAN);
            long dictLength = fieldSize == 2 ? field.getShort() & 0xFFFFL : field.getInt() & 0xFFFFFFFFL;
            long dataStart = dictStart + dictLength;
            if (dataStart > length) {
                throw new NpyHeader.BadHeader("truncated header (it claims " + dictLength + " bytes but only "
                        + (length - dictStart) + " follow)");
            }
            if (dictLength > MAX_HEADER_BYTES) {
                throw new NpyHeader.BadHeader("header of " + dictLength + " bytes is implausibly large");
            }
            byte[] dictText = new byte[(int) dictLength];
            src.read(dictStart, dictText);
            NpyHeader.Dict dict = NpyHeader.parseDict(dictText, prelude[6]);
            byte[] data = new byte[dataSize(dict, length - dataStart)];
            src.read(dataStart, data);
            return NdArray.wrap(dict.dtype(), dict.shape(), data);
        } catch (NpyHeader.BadHeader e) {
            throw new LstmqException(name + ": " + e.getMessage());
        } catch (EOFException e) {
            throw new LstmqException(name + ": the file ended early while it was being read");
        }
    }

    /** The data size the header implies, checked against the {@code available} bytes after the header. */
    private static int dataSize(NpyHeader.Dict dict, long available) throws NpyHeader.BadHeader {
        String what = "shape " + Arrays.toString(dict.shape()) + " of " + dict.dtype();
        long bytes = dict.dtype().size();
        for (long d : dict.shape()) {
            if (d != 0 && bytes > Long.MAX_VALUE / d) {
                throw new NpyHeader.BadHeader(what + " is absurd: its byte size overflows 64 bits");
            }
            bytes *= d;
        }
        if (bytes > available) {
            throw new NpyHeader.BadHeader("truncated data: " + what + " needs " + bytes + " bytes but only "
                    + available + " follow the header");
        }
        if (bytes < available) {
            throw new NpyHeader.BadHeader((available - bytes) + " unexpected bytes after the data of " + what);
        }
        if (bytes > NdArray.MAX_BYTES) {
            throw new NpyHeader.BadHeader(what + " is over 2 GiB, which lstmq does not support");
        }
        return (int) bytes;
    }

    /** Positional reads from a file or a buffer. */
    private interface Source {
        long length() throws IOException;

        /** Fills {@code dst} from {@code position}, or throws {@link EOFException} if the bytes run out. */
        void read(long position, byte[] dst) throws IOException;
    }

    private record ChannelSource(FileChannel ch) implements Source {
        @Override
        public long length() throws IOException {
            return ch.size();
        }

        @Override
        public void read(long position, byte[] dst) throws IOException {
            ByteBuffer b = ByteBuffer.wrap(dst);
            while (b.hasRemaining()) {
                if (ch.read(b, position + b.position()) < 0) {
                    throw new EOFException();
                }
            }
        }
    }

    private record BufferSource(ByteBuffer buf) implements Source {
        @Override
        public long length() {
            return buf.remaining();
        }

        @Override
        public void read(long position, byte[] dst) {
            buf.get((int) position, dst);
        }
    }
}
