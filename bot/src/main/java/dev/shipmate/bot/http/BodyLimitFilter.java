package dev.shipmate.bot.http;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * Answers 413 to a request whose body is larger than the cap, before anything parses it or computes
 * its signature. A declared {@code Content-Length} over the cap is refused without reading a byte;
 * a body of unknown length (chunked) is read up to one byte past the cap and refused there. A body
 * within the cap is handed on already read, so the servlets behind read it from memory.
 *
 * <p>Without this, Bolt's servlet reads any body whole into a String before it verifies the
 * signature (and answers a body it cannot classify 400 "Invalid Request" only after that), and the
 * webhook servlet reads up to its own cap before its HMAC check.
 */
final class BodyLimitFilter implements Filter {

  private final long maxBytes;

  BodyLimitFilter(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  @Override
  public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) request;
    if (!"POST".equals(http.getMethod()) && !"PUT".equals(http.getMethod())) {
      chain.doFilter(request, response);
      return;
    }
    if (http.getContentLengthLong() > maxBytes) {
      refuse((HttpServletResponse) response);
      return;
    }
    // readNBytes stops at the cap + 1 even when the sender keeps sending.
    byte[] body = http.getInputStream().readNBytes((int) Math.min(Integer.MAX_VALUE, maxBytes + 1));
    if (body.length > maxBytes) {
      refuse((HttpServletResponse) response);
      return;
    }
    chain.doFilter(new ReadBody(http, body), response);
  }

  private void refuse(HttpServletResponse response) throws IOException {
    response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
    response.setContentType("text/plain; charset=utf-8");
    // Jetty would otherwise try to drain an unread body to keep the connection; closing is cheaper.
    response.setHeader("Connection", "close");
    response
        .getOutputStream()
        .write(
            ("request body larger than " + maxBytes + " bytes\n").getBytes(StandardCharsets.UTF_8));
  }

  /** The request with its body already in memory. */
  private static final class ReadBody extends HttpServletRequestWrapper {
    private final byte[] body;

    ReadBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = body;
    }

    @Override
    public int getContentLength() {
      return body.length;
    }

    @Override
    public long getContentLengthLong() {
      return body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      ByteArrayInputStream in = new ByteArrayInputStream(body);
      return new ServletInputStream() {
        @Override
        public int read() {
          return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return in.read(b, off, len);
        }

        @Override
        public boolean isFinished() {
          return in.available() == 0;
        }

        @Override
        public boolean isReady() {
          return true;
        }

        /** The whole body is already here: it is available at once, then all read. */
        @Override
        public void setReadListener(ReadListener listener) {
          try {
            if (in.available() > 0) {
              listener.onDataAvailable();
            }
            listener.onAllDataRead();
          } catch (IOException e) {
            listener.onError(e);
          }
        }
      };
    }

    @Override
    public BufferedReader getReader() {
      String encoding = getCharacterEncoding();
      Charset charset;
      try {
        charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
      } catch (IllegalArgumentException unknown) {
        charset = StandardCharsets.UTF_8;
      }
      return new BufferedReader(new InputStreamReader(new ByteArrayInputStream(body), charset));
    }
  }
}
