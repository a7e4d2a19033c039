package dev.exporthub.console;

import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.Channel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's front: one thread and one selector that accept connections, count them per client
 * address, read request heads without blocking, and hand only complete, well-formed heads to the
 * worker pool. A slow or silent client therefore costs a buffer of at most
 * {@link ConnectionLimits#MAX_HEAD_BYTES}, never a worker; every state has a deadline (head, idle,
 * linger), and the select sleeps until the nearest one, so there is no polling.
 *
 * <p>Everything it answers itself (a malformed head, a timeout, a refused connection) is the
 * handler's JSON error shape with the console's security headers.
 */
final class ConsoleFront implements Runnable {

  private static final Logger LOG = LoggerFactory.getLogger(ExportConsole.class);
  // Accepts per wake-up, so that a burst of connections cannot starve the reads of those already open.
  private static final int ACCEPTS_PER_ROUND = 64;
  // When accept itself fails (out of file descriptors), retrying at once would spin.
  private static final long ACCEPT_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private record Handback(Connection connection, FrontExchange.Outcome outcome, byte[] leftover) {}

  private final ServerSocketChannel server;
  private final Selector selector;
  private final SelectionKey acceptKey;
  private final ConnectionLimits limits;
  private final ConnectionLimiter limiter;
  private final ThreadPoolExecutor workers;
  private final HttpHandler handler;
  private final ApiJson json;
  private final Thread thread;
  private final Set<Connection> connections = new HashSet<>();
  private final Queue<Handback> handbacks = new ConcurrentLinkedQueue<>();
  private final ByteBuffer scratch = ByteBuffer.allocate(8 * 1024);
  private volatile boolean stopping;
  private boolean acceptPaused;
  private long acceptResumes;
  /** Open connections that hold no slot of the limiter: refused, and lingering until closed. */
  private int refused;

  private ConsoleFront(ServerSocketChannel server, ConnectionLimits limits, ThreadPoolExecutor workers,
      HttpHandler handler, ApiJson json, ThreadFactory threads) throws IOException {
    this.server = server;
    this.limits = limits;
    this.limiter = new ConnectionLimiter(limits.maxConnectionsPerAddress(), limits.maxConnections());
    this.workers = workers;
    this.handler = handler;
    this.json = json;
    this.selector = Selector.open();
    try {
      server.configureBlocking(false);
      this.acceptKey = server.register(selector, SelectionKey.OP_ACCEPT);
    } catch (IOException | RuntimeException e) {
      selector.close();
      throw e;
    }
    this.thread = threads.newThread(this);
  }

  /** A listening channel on this address. */
  static ServerSocketChannel bind(InetSocketAddress address) throws IOException {
    ServerSocketChannel channel = ServerSocketChannel.open();
    try {
      channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      channel.bind(address);
      return channel;
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  /**
   * Starts serving on a channel from {@link #bind}; on failure closes it and stops the workers.
   *
   * @throws UncheckedIOException when no selector can be opened
   */
  static ConsoleFront start(ServerSocketChannel server, ConnectionLimits limits, ThreadPoolExecutor workers,
      HttpHandler handler, ApiJson json, ThreadFactory threads) {
    try {
      ConsoleFront front = new ConsoleFront(server, limits, workers, handler, json, threads);
      front.thread.start();
      return front;
    } catch (IOException e) {
      closeQuietly(server);
      workers.shutdown();
      throw new UncheckedIOException("Cannot start the export console: " + e.getMessage(), e);
    }
  }

  /** Connections open that hold a slot (refused ones lingering do not): for tests and diagnostics. */
  int openConnections() {
    return limiter.open();
  }

  /** Whether the console is stopping: every answer then ends its connection. */
  boolean stopping() {
    return stopping;
  }

  /** Stops accepting, closes every connection (waking workers waiting on one) and ends the front thread. */
  void stop() {
    stopping = true;
    selector.wakeup();
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Called by a worker when its exchange is over; the front takes the connection back. */
  void handBack(Connection connection, FrontExchange.Outcome outcome, byte[] leftover) {
    handbacks.add(new Handback(connection, outcome, leftover));
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (!stopping) {
        selector.select(sweep(System.nanoTime()));
        if (stopping) {
          break;
        }
        takeHandbacks();
        for (var keys = selector.selectedKeys().iterator(); keys.hasNext(); ) {
          SelectionKey key = keys.next();
          keys.remove();
          if (key == acceptKey) {
            accept();
          } else if (key.isValid()) {
            readable((Connection) key.attachment());
          }
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("export console: the connection front failed and accepts no more connections", e);
    } finally {
      shutDown();
    }
  }

  // Ends what is due and returns the select timeout until the next deadline (0: none, wait for events).
  private long sweep(long now) {
    List<Connection> due = new ArrayList<>();
    for (Connection c : connections) {
      if (c.state != Connection.State.WORKER && c.deadline - now <= 0) {
        due.add(c);
      }
    }
    due.forEach(this::expire);
    if (acceptPaused && acceptResumes - now <= 0) {
      acceptPaused = false;
      acceptKey.interestOps(SelectionKey.OP_ACCEPT);
    }
    long wait = acceptPaused ? acceptResumes - now : Long.MAX_VALUE;
    for (Connection c : connections) {
      if (c.state != Connection.State.WORKER) {
        wait = Math.min(wait, c.deadline - now);
      }
    }
    return wait == Long.MAX_VALUE ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait) + 1);
  }

  private void expire(Connection c) {
    if (c.state == Connection.State.HEAD && c.length > 0) {
      respond(c, new HttpProblem(408, "request-timeout", "The request line and headers did not arrive within "
          + ConnectionLimits.describe(limits.headTimeout())));
    } else {
      close(c); // silent: nothing was asked (idle, or a connection that never spoke), or the linger is over
    }
  }

  private void accept() {
    for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
      SocketChannel channel;
      try {
        channel = server.accept();
      } catch (IOException e) {
        LOG.warn("export console: cannot accept a connection ({}); pausing accepts for 100 ms", e.toString());
        acceptKey.interestOps(0);
        acceptPaused = true;
        acceptResumes = System.nanoTime() + ACCEPT_PAUSE_NANOS;
        return;
      }
      if (channel == null) {
        return;
      }
      admit(channel);
    }
  }

  private void admit(SocketChannel channel) {
    Connection c = null;
    try {
      channel.configureBlocking(false);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      InetSocketAddress remote = (InetSocketAddress) channel.getRemoteAddress();
      InetSocketAddress local = (InetSocketAddress) channel.getLocalAddress();
      ConnectionLimiter.Admission admission = stopping ? ConnectionLimiter.Admission.SERVER_FULL
          : limiter.acquire(remote.getAddress());
      if (admission != ConnectionLimiter.Admission.ADMITTED && refused >= ConnectionLimits.MAX_LINGERING) {
        channel.close(); // a flood: refusing politely would cost more than the flood itself
        return;
      }
      c = new Connection(channel, remote, local, admission == ConnectionLimiter.Admission.ADMITTED);
      connections.add(c);
      if (!c.counted) {
        refused++;
      }
      c.key = channel.register(selector, SelectionKey.OP_READ, c);
      c.deadline = System.nanoTime() + limits.headTimeout().toNanos();
      switch (admission) {
        case ADMITTED -> c.state = Connection.State.HEAD;
        case ADDRESS_FULL -> respond(c, new HttpProblem(429, "too-many-connections", "This address already has "
            + limits.maxConnectionsPerAddress() + " connections open to the console; close one and try again"));
        case SERVER_FULL -> respond(c, new HttpProblem(503, "unavailable",
            "The console has all the connections it takes; try again shortly"));
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("export console: could not take a connection", e);
      if (c != null) {
        close(c);
      } else {
        closeQuietly(channel);
      }
    }
  }

  private void readable(Connection c) {
    try {
      switch (c.state) {
        case HEAD, IDLE -> readHead(c);
        case LINGER -> {
          if (c.discard(scratch)) {
            close(c);
          }
        }
        case WORKER -> c.key.interestOps(0);
      }
    } catch (IOException | RuntimeException e) {
      LOG.debug("export console: {} failed", c, e);
      close(c);
    }
  }

  private void readHead(Connection c) throws IOException {
    if (c.readHead() < 0) {
      close(c); // the client closed its side before a whole request arrived
      return;
    }
    if (c.state == Connection.State.IDLE && c.length > 0) {
      c.state = Connection.State.HEAD;
      c.deadline = System.nanoTime() + limits.headTimeout().toNanos();
    }
    if (c.length > 0) {
      dispatch(c);
    }
  }

  // A complete head goes to a worker; a malformed or oversized one is answered here.
  private void dispatch(Connection c) {
    RequestHead request;
    try {
      request = c.completeHead();
    } catch (HttpProblem problem) {
      respond(c, problem);
      return;
    }
    if (request == null) {
      return; // not all there yet
    }
    // Only this thread submits, so a queue with room now still has room at execute().
    if (stopping || workers.getQueue().remainingCapacity() == 0) {
      respond(c, busy());
      return;
    }
    c.state = Connection.State.WORKER;
    c.key.interestOps(0);
    try {
      workers.execute(new ExchangeTask(this, handler, c, request, c.afterHead(),
          System.nanoTime() + limits.bodyTimeout().toNanos(), limits.writeTimeout()));
    } catch (RejectedExecutionException e) {
      respond(c, busy());
    }
  }

  private static HttpProblem busy() {
    return new HttpProblem(503, "unavailable", "The console is busy or stopping; try again shortly");
  }

  private void takeHandbacks() {
    for (Handback h = handbacks.poll(); h != null; h = handbacks.poll()) {
      Connection c = h.connection();
      if (!connections.contains(c)) {
        continue; // closed while the worker had it (the console is stopping)
      }
      try {
        switch (h.outcome()) {
          case CLOSE -> close(c);
          case LINGER -> {
            c.channel.shutdownOutput(); // the worker's answer is out; now the graceful close
            linger(c);
          }
          case KEEP_ALIVE -> keepAlive(c, h.leftover());
        }
      } catch (IOException | RuntimeException e) {
        close(c);
      }
    }
  }

  private void keepAlive(Connection c, byte[] leftover) {
    c.resume(leftover);
    boolean pipelined = c.length > 0;
    c.state = pipelined ? Connection.State.HEAD : Connection.State.IDLE;
    c.deadline = System.nanoTime() + (pipelined ? limits.headTimeout() : limits.idleTimeout()).toNanos();
    c.key.interestOps(SelectionKey.OP_READ);
    if (pipelined) {
      dispatch(c);
    }
  }

  // Answers from the front, then lingers: closing with unread input would reset the connection and
  // could destroy the answer before the client reads it.
  private void respond(Connection c, HttpProblem problem) {
    try {
      if (c.answer(ResponseHead.problem(problem, json))) {
        linger(c);
      } else {
        close(c);
      }
    } catch (IOException | RuntimeException e) {
      close(c);
    }
  }

  private static void linger(Connection c) {
    c.linger(System.nanoTime() + ConnectionLimits.LINGER.toNanos());
  }

  // The slot is released before the socket closes: a client that sees the close may connect again at once.
  private void close(Connection c) {
    if (connections.remove(c)) {
      if (c.counted) {
        limiter.release(c.remote.getAddress());
      } else {
        refused--;
      }
    }
    closeQuietly(c.channel);
    c.wakeWaiter();
  }

  private void shutDown() {
    closeQuietly(server);
    new ArrayList<>(connections).forEach(this::close);
    handbacks.clear();
    try {
      selector.close();
    } catch (IOException e) {
      LOG.debug("export console: could not close the front's selector", e);
    }
  }

  private static void closeQuietly(Channel channel) {
    try {
      channel.close();
    } catch (IOException e) {
      LOG.debug("export console: could not close {}", channel, e);
    }
  }
}
