package dev.longhand.backup;

import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 and size of the bytes going through a stream, which is never closed by its wrapper. */
final class Digests {
  private Digests() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Counts and digests what is written, then leaves the underlying stream open. */
  static final class Out extends FilterOutputStream {
    private final MessageDigest digest = sha256();
    private long size;

    Out(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      digest.update((byte) b);
      size++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      digest.update(b, off, len);
      size += len;
    }

    @Override
    public void close() throws IOException {
      out.flush();
    }

    Manifest.Entry entry(String name) {
      return new Manifest.Entry(name, size, HexFormat.of().formatHex(digest.digest()));
    }
  }

  /** Counts and digests what is read. */
  static final class In extends FilterInputStream {
    private final MessageDigest digest = sha256();
    private long size;

    In(InputStream in) {
      super(in);
    }

    @Override
    public int read() throws IOException {
      int b = in.read();
      if (b >= 0) {
        digest.update((byte) b);
        size++;
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = in.read(b, off, len);
      if (n > 0) {
        digest.update(b, off, n);
        size += n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      return Math.max(read(new byte[(int) Math.max(1, Math.min(n, 8192))]), 0); // digest everything: never skip unread bytes
    }

    @Override
    public boolean markSupported() {
      return false;
    }

    @Override
    public void close() {
      // the archive's stream stays open for the next entry
    }

    /** Reads what is left, then the size and digest of everything read. */
    Manifest.Entry drain(String name) throws IOException {
      byte[] buffer = new byte[64 * 1024];
      while (read(buffer, 0, buffer.length) >= 0) {
        // digesting
      }
      return new Manifest.Entry(name, size, HexFormat.of().formatHex(digest.digest()));
    }
  }
}
