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

/**
 * {@code GET /readyz}: 200 when this replica can take and advance runs (its database answers and
 * Quartz runs), else 503 with the reason. The check has a time budget shorter than a probe's
 * timeout: a database that hangs makes the replica not ready instead of making the probe time out.
 * Checks never pile up: a probe that comes while one is under way waits for that one.
 */
public final class ReadinessServlet extends HttpServlet {
  private static final long serialVersionUID = 1L;

  private final transient Supplier<Readiness> readiness;
  private final Duration budget;
  private final transient ExecutorService checks;
  private transient CompletableFuture<Readiness> underWay;

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
      response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      response.getWriter().write("not ready: " + notReady.reason());
    } else {
      response.setStatus(HttpServletResponse.SC_OK);
      response.getWriter().write("ready");
    }
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
