package dev.longhand.file;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Bytes in an S3 bucket, under one prefix ({@code <prefix>files/}, {@code <prefix>recordings/}): a key is the rest of
 * the object's name. {@link #put} streams the complete local file from disk (never all of it in memory), with its MD5,
 * and removes it once S3 has answered, which it does only when the object is stored whole and matches; reads ask for exactly the range they
 * serve ({@code GetObject} with a {@code Range} header) and abort what they leave unread, so a player that seeks away
 * does not make the server download the rest.
 */
public final class S3Storage implements FileStorage {
  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  /** Keys under {@code prefix} (empty, or ending in {@code /}) of {@code bucket}; the client is the caller's to close. */
  S3Storage(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  @Override
  public void put(String key, Path complete) throws IOException {
    String name = name(key);
    long size = Files.size(complete);
    String md5 = md5(complete);
    try {
      s3.putObject(b -> b.bucket(bucket).key(name).contentLength(size).contentMD5(md5), RequestBody.fromFile(complete));
    } catch (SdkException e) {
      throw failed("store", name, e);
    }
    Files.delete(complete);
  }

  /** The file's MD5 in base64, for Content-MD5: S3 stores nothing whose bytes do not match it. */
  private static String md5(Path file) throws IOException {
    MessageDigest md5;
    try {
      md5 = MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    try (FileChannel c = FileChannel.open(file, StandardOpenOption.READ)) {
      ByteBuffer b = ByteBuffer.allocateDirect(256 * 1024);
      while (c.read(b.clear()) >= 0) md5.update(b.flip());
    }
    return Base64.getEncoder().encodeToString(md5.digest());
  }

  @Override
  public long size(String key) throws IOException {
    String name = name(key);
    try {
      return s3.headObject(b -> b.bucket(bucket).key(name)).contentLength();
    } catch (SdkException e) {
      throw failed("find", name, e);
    }
  }

  @Override
  public ReadableByteChannel open(String key, long first, long length) throws IOException {
    String name = name(key);
    if (length <= 0) return Channels.newChannel(InputStream.nullInputStream()); // S3 has no empty range to ask for
    try {
      return new Ranged(s3.getObject(b -> b.bucket(bucket).key(name).range("bytes=" + first + "-" + (first + length - 1))), length);
    } catch (SdkException e) {
      throw failed("read", name, e);
    }
  }

  @Override
  public void delete(String key) throws IOException {
    String name = name(key);
    try {
      s3.deleteObject(b -> b.bucket(bucket).key(name));
    } catch (SdkException e) {
      throw failed("delete", name, e);
    }
  }

  private String name(String key) {
    return prefix + FileStorage.checked(key);
  }

  /** S3's answer as the interface's: no such object is a {@link NoSuchFileException}, anything else an I/O error. */
  private IOException failed(String doing, String name, SdkException e) {
    if (e instanceof NoSuchKeyException || (e instanceof S3Exception s && s.statusCode() == 404)) {
      NoSuchFileException gone = new NoSuchFileException("s3://" + bucket + "/" + name);
      gone.initCause(e);
      return gone;
    }
    return new IOException("cannot " + doing + " s3://" + bucket + "/" + name + ": " + e.getMessage(), e);
  }

  /** The object's bytes in the range asked for; closed early, the rest of the transfer is aborted, not read. */
  private static final class Ranged implements ReadableByteChannel {
    private final ResponseInputStream<GetObjectResponse> in;
    private final long length;
    private long read;
    private byte[] buffer;
    private boolean open = true;

    Ranged(ResponseInputStream<GetObjectResponse> in, long length) {
      this.in = in;
      this.length = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (!open) throw new ClosedChannelException();
      if (!dst.hasRemaining()) return 0;
      int n;
      if (dst.hasArray()) {
        n = in.read(dst.array(), dst.arrayOffset() + dst.position(), dst.remaining());
        if (n > 0) dst.position(dst.position() + n);
      } else {
        if (buffer == null) buffer = new byte[64 * 1024];
        n = in.read(buffer, 0, Math.min(buffer.length, dst.remaining()));
        if (n > 0) dst.put(buffer, 0, n);
      }
      if (n > 0) read += n;
      return n;
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() throws IOException {
      if (!open) return;
      open = false;
      if (read >= length) {
        in.close();
        return;
      }
      in.abort(); // the client went away or sought elsewhere: drop the connection rather than drain the range
      try {
        in.close();
      } catch (IOException | RuntimeException afterAbort) {
        // the connection is gone already
      }
    }
  }
}
