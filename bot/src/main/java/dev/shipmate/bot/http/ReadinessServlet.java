package dev.shipmate.bot.http;

import dev.shipmate.engine.Readiness;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /readyz}: 200 when this replica can take and advance runs (its database answers and
 * Quartz runs), else 503 {@code not ready}. The reason (a database error's text, say) goes to the
 * log when it changes, not to the caller: the body tells nothing of the internals. The check has a
 * time budget shorter than a probe's timeout: a database that hangs makes the replica not ready
 * instead of making the probe time out. Checks never pile up: a probe that comes while one is under
 * way waits for that one.
 */
public final class ReadinessServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;
  private static final Logger log = LoggerFactory.getLogger(ReadinessServlet.class);

  private final transient Supplier<Readiness> readiness;
  private final Duration budget;
  private final transient ExecutorService checks;
  private transient CompletableFuture<Readiness> underWay;
  private transient String lastReason;

  /**
   * @param checks where checks run, one at a time, apart from the request threads; its owner stops
   *     it
   */
  public ReadinessServlet(Supplier<Readiness> readiness, Duration budget, ExecutorService checks) {
    this.readiness = readiness;
    this.budget = budget;
    this.checks = checks;
  }

  @Override
  protected void doGet(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Readiness answer = check();
    response.setContentType("text/plain; charset=utf-8");
    if (answer instanceof Readiness.NotReady notReady) {
      logChange(notReady.reason());
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.getWriter().write("not ready");
    } else {
      logChange(null);
      response.setStatus(HttpServletResponse.SC_OK);
      response.getWriter().write("ready");
    }
  }

  /** One log line per change, not per probe: a replica not ready for an hour logs it once. */
  private synchronized void logChange(String reason) {
    if (java.util.Objects.equals(reason, lastReason)) {
      return;
    }
    if (reason == null) {
      log.info("ready again");
    } else {
      log.warn("not ready: {}", reason);
    }
    lastReason = reason;
  }

  private Readiness check() {
    CompletableFuture<Readiness> check;
    synchronized (this) {
      if (underWay == null || underWay.isDone()) {
        underWay = CompletableFuture.supplyAsync(readiness, checks);
      }
      check = underWay;
    }
    try {
      return check.get(budget.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException slow) {
      return new Readiness.NotReady(
          "the database did not answer within " + budget.toMillis() + " ms");
    } catch (ExecutionException failed) {
      return new Readiness.NotReady("the readiness check failed: " + failed.getCause());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Readiness.NotReady("Shipmate is stopping");
    }
  }
}
