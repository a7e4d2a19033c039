package dev.exporthub.console;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.nio.channels.Selector;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One complete request head, answered on a worker thread: the handler runs on a
 * {@link FrontExchange}, then the connection goes back to the front, kept alive, lingering or
 * closed. The worker never closes the connection itself, so the front alone releases its slot.
 */
final class ExchangeTask implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ExchangeTask.class);
  private static final byte[] NOTHING = new byte[0];

  private final ConsoleFront front;
  private final HttpHandler handler;
  private final Connection connection;
  private final RequestHead request;
  private final byte[] read;
  private final long bodyDeadline;
  private final Duration writeTimeout;

  /** {@code read}: what the front read past the head; {@code bodyDeadline}: a {@link System#nanoTime()}. */
  ExchangeTask(ConsoleFront front, HttpHandler handler, Connection connection, RequestHead request, byte[] read,
      long bodyDeadline, Duration writeTimeout) {
    this.front = front;
    this.handler = handler;
    this.connection = connection;
    this.request = request;
    this.read = read;
    this.bodyDeadline = bodyDeadline;
    this.writeTimeout = writeTimeout;
  }

  @Override
  public void run() {
    FrontExchange.Outcome outcome = FrontExchange.Outcome.CLOSE;
    byte[] leftover = NOTHING;
    Selector waiter = null;
    try {
      waiter = Selector.open();
      connection.waiter(waiter);
      ChannelIO io = new ChannelIO(connection.channel, waiter, read, writeTimeout);
      FrontExchange exchange = new FrontExchange(request, connection, io, bodyDeadline, front.stopping());
      try {
        handler.handle(exchange);
      } catch (IOException e) {
        LOG.debug("export console: {} {} from {} ended early", request.method(), request.uri(), connection.remote, e);
      }
      outcome = exchange.finish();
      if (outcome == FrontExchange.Outcome.KEEP_ALIVE) {
        leftover = io.leftover();
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("export console: the connection from {} failed", connection.remote, e);
      outcome = FrontExchange.Outcome.CLOSE;
    } finally {
      // Cleared before the selector closes, so that the front never wakes a closed one.
      connection.waiter(null);
      if (waiter != null) {
        try {
          waiter.close();
        } catch (IOException e) {
          LOG.debug("export console: could not close a worker's selector", e);
        }
      }
      front.handBack(connection, outcome, leftover);
    }
  }
}
