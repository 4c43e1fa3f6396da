package dev.shipmate.sandbox.slack;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** The content of the first part of a {@code multipart/form-data} upload. */
final class MultipartBody {

  private MultipartBody() {}

  static byte[] firstPart(byte[] body, String contentType) {
    int at = contentType.indexOf("boundary=");
    if (at < 0) {
      return body;
    }
    String boundary =
        contentType.substring(at + "boundary=".length()).replace("\"", "").split(";")[0];
    byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
    int first = indexOf(body, delimiter, 0);
    if (first < 0) {
      return body;
    }
    int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), first);
    if (headersEnd < 0) {
      return body;
    }
    int start = headersEnd + 4;
    int end = indexOf(body, ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1), start);
    return Arrays.copyOfRange(body, start, end < 0 ? body.length : end);
  }

  private static int indexOf(byte[] haystack, byte[] needle, int from) {
    outer:
    for (int i = from; i <= haystack.length - needle.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (haystack[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    return -1;
  }
}
