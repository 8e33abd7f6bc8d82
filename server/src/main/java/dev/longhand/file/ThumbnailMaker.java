package dev.longhand.file;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import net.coobird.thumbnailator.Thumbnails;
import net.coobird.thumbnailator.util.exif.ExifFilterUtils;
import net.coobird.thumbnailator.util.exif.Orientation;

/**
 * Thumbnails of images, {@value #WIDTH} px wide at most, made with Thumbnailator from what ImageIO (with the
 * TwelveMonkeys readers for JPEG and WebP) decodes. Only the picture is written: a thumbnail has no metadata.
 * The image is read subsampled to about twice the thumbnail's width, so a 48-megapixel photo costs a few
 * megabytes of heap rather than two hundred; pictures over {@value #MAX_PIXELS} pixels (decompression bombs among
 * them) get no thumbnail at all. At most two images are decoded at once, whatever the number of uploads.
 */
final class ThumbnailMaker {
  static final int WIDTH = 480;
  static final long MAX_PIXELS = 100_000_000L;
  private static final Semaphore DECODING = new Semaphore(2);

  /** A thumbnail written: its type and its size as shown. */
  record Thumbnail(String type, int width, int height) {}

  /** The picture's size as shown (after its orientation), and the thumbnail made of it when it was small enough to read. */
  record Result(int width, int height, Optional<Thumbnail> thumbnail) {}

  /** A file that claims to be an image but that no reader can read. */
  static final class Unreadable extends IOException {
    Unreadable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private ThumbnailMaker() {}

  static Result make(Path image, int orientation, Path out) throws IOException {
    try {
      DECODING.acquire();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while waiting to decode an image", e);
    }
    try (ImageInputStream in = ImageIO.createImageInputStream(image.toFile())) {
      Iterator<ImageReader> readers = in == null ? java.util.Collections.emptyIterator() : ImageIO.getImageReaders(in);
      if (!readers.hasNext()) throw new Unreadable("no reader for this image", null);
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        int w = reader.getWidth(0);
        int h = reader.getHeight(0);
        boolean turned = orientation >= 5;
        int shownW = turned ? h : w;
        int shownH = turned ? w : h;
        if (w <= 0 || h <= 0 || (long) w * h > MAX_PIXELS) return new Result(shownW, shownH, Optional.empty());
        ImageReadParam param = reader.getDefaultReadParam();
        int step = Math.max(1, shownW / (2 * WIDTH));
        param.setSourceSubsampling(step, step, 0, 0);
        BufferedImage picture = reader.read(0, param);
        if (orientation > 1 && orientation <= 8) {
          picture = ExifFilterUtils.getFilterForOrientation(Orientation.typeOf(orientation)).apply(picture);
        }
        boolean alpha = picture.getColorModel().hasAlpha();
        String format = alpha ? "png" : "jpg";
        int width = Math.min(WIDTH, shownW);
        BufferedImage thumb = Thumbnails.of(picture).width(width)
            .imageType(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB).asBufferedImage();
        try (OutputStream o = Files.newOutputStream(out)) {
          Thumbnails.of(thumb).scale(1).outputFormat(format).outputQuality(alpha ? 1.0 : 0.85).toOutputStream(o);
        }
        return new Result(shownW, shownH, Optional.of(new Thumbnail(alpha ? ContentSniffer.PNG : ContentSniffer.JPEG,
            thumb.getWidth(), thumb.getHeight())));
      } catch (IOException | RuntimeException e) {
        if (e instanceof Unreadable u) throw u;
        throw new Unreadable("the image could not be read: " + e.getMessage(), e);
      } finally {
        reader.dispose();
      }
    } finally {
      DECODING.release();
    }
  }
}
