package dev.longhand.file;

import java.awt.Color;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;

/**
 * Images made in the test, with the metadata a phone or an editor would leave in them: a JPEG whose EXIF names the
 * camera, its owner and a GPS position and says "turned 90°", a PNG with text and EXIF chunks.
 */
final class TestImages {
  static final String SECRET_MAKE = "SecretCam 3000";
  static final String SECRET_OWNER = "Ana's phone, serial 8812-XK";
  static final String SECRET_TEXT = "GPS 38.7223 N 9.1393 W";

  private TestImages() {}

  static BufferedImage picture(int w, int h, boolean alpha) {
    BufferedImage img = new BufferedImage(w, h, alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
    Graphics2D g = img.createGraphics();
    g.setPaint(new GradientPaint(0, 0, new Color(30, 90, 200, alpha ? 128 : 255), w, h, new Color(240, 180, 40, 255)));
    g.fillRect(0, 0, w, h);
    g.setColor(Color.WHITE);
    g.fillRect(w / 10, h / 10, w / 5, h / 5); // a mark in the top-left corner, to tell orientation
    g.dispose();
    return img;
  }

  static byte[] encode(BufferedImage img, String format) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      if (!ImageIO.write(img, format, out)) throw new IllegalStateException("no writer for " + format);
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code w}×{@code h} JPEG with an EXIF segment (Make, Artist, Orientation, a GPS note) and a comment, right after SOI. */
  static byte[] jpegWithExif(int w, int h, int orientation) {
    byte[] plain = encode(picture(w, h, false), "jpg");
    byte[] exif = exif(orientation);
    byte[] comment = ("Taken at " + SECRET_TEXT).getBytes(StandardCharsets.US_ASCII);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(0xFF);
    out.write(0xD8);
    segment(out, 0xE1, exif);
    segment(out, 0xFE, comment);
    out.write(plain, 2, plain.length - 2);
    return out.toByteArray();
  }

  /** EXIF's TIFF structure, little-endian: Make (ASCII), Artist (ASCII), Orientation (SHORT), ImageDescription with the GPS note. */
  static byte[] exif(int orientation) {
    byte[] make = (SECRET_MAKE + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] artist = (SECRET_OWNER + "\0").getBytes(StandardCharsets.US_ASCII);
    byte[] description = (SECRET_TEXT + "\0").getBytes(StandardCharsets.US_ASCII);
    int entries = 4;
    int ifd = 8;
    int data = ifd + 2 + entries * 12 + 4;
    ByteBuffer b = ByteBuffer.allocate(6 + data + make.length + artist.length + description.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
    b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(ifd);
    b.putShort((short) entries);
    int at = data;
    b.putShort((short) 0x010E).putShort((short) 2).putInt(description.length).putInt(at); // ImageDescription
    at += description.length;
    b.putShort((short) 0x010F).putShort((short) 2).putInt(make.length).putInt(at); // Make
    at += make.length;
    b.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0); // Orientation
    b.putShort((short) 0x013B).putShort((short) 2).putInt(artist.length).putInt(at); // Artist
    b.putInt(0);
    b.put(description).put(make).put(artist);
    return b.array();
  }

  /** A PNG with tEXt and eXIf chunks after its header. */
  static byte[] pngWithText(int w, int h) {
    byte[] plain = encode(picture(w, h, true), "png");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int ihdrEnd = 8 + 12 + 13; // signature, then IHDR (length, type, 13 bytes of data, CRC)
    out.write(plain, 0, ihdrEnd);
    chunk(out, "tEXt", ("Comment\0" + SECRET_TEXT).getBytes(StandardCharsets.ISO_8859_1));
    chunk(out, "eXIf", java.util.Arrays.copyOfRange(exif(1), 6, exif(1).length));
    out.write(plain, ihdrEnd, plain.length - ihdrEnd);
    return out.toByteArray();
  }

  /** A 1×1 lossless WebP in the extended format, with EXIF (camera, owner) and XMP chunks and their flags set. */
  static byte[] webpWithExif() {
    byte[] vp8l = java.util.HexFormat.of().parseHex("2f00000010071011118888fe07");
    byte[] exif = java.util.Arrays.copyOfRange(exif(1), 6, exif(1).length); // the TIFF structure, without "Exif\0\0"
    byte[] xmp = ("<x:xmpmeta><dc:creator>" + SECRET_OWNER + "</dc:creator></x:xmpmeta>").getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream chunks = new ByteArrayOutputStream();
    riffChunk(chunks, "VP8X", new byte[] {0x0C, 0, 0, 0, 0, 0, 0, 0, 0, 0}); // EXIF and XMP flags, canvas 1×1
    riffChunk(chunks, "VP8L", vp8l);
    riffChunk(chunks, "EXIF", exif);
    riffChunk(chunks, "XMP ", xmp);
    ByteBuffer head = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    head.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + chunks.size()).put("WEBP".getBytes(StandardCharsets.US_ASCII));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(head.array());
    out.writeBytes(chunks.toByteArray());
    return out.toByteArray();
  }

  private static void riffChunk(ByteArrayOutputStream out, String fourcc, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
    b.put(fourcc.getBytes(StandardCharsets.US_ASCII)).putInt(data.length);
    out.writeBytes(b.array());
    out.writeBytes(data);
    if ((data.length & 1) == 1) out.write(0);
  }

  private static void segment(ByteArrayOutputStream out, int marker, byte[] data) {
    out.write(0xFF);
    out.write(marker);
    out.write((data.length + 2) >> 8);
    out.write((data.length + 2) & 0xFF);
    out.writeBytes(data);
  }

  private static void chunk(ByteArrayOutputStream out, String type, byte[] data) {
    ByteBuffer b = ByteBuffer.allocate(12 + data.length);
    b.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
    CRC32 crc = new CRC32();
    crc.update(b.array(), 4, 4 + data.length);
    b.putInt((int) crc.getValue());
    out.writeBytes(b.array());
  }

  static boolean contains(byte[] haystack, String needle) {
    return new String(haystack, StandardCharsets.ISO_8859_1).contains(needle);
  }
}
