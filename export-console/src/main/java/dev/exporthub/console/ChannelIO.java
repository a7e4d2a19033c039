package dev.exporthub.console;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A connection's channel as a worker uses it. The channel stays non-blocking (the front's selector
 * keeps it registered), and every wait is a {@code select} on the worker's own selector with a
 * deadline, so no read or write can hold a worker longer than its timeout.
 */
final class ChannelIO {

  private static final int BUFFER = 8 * 1024;

  private final SocketChannel channel;
  private final Selector waiter;
  private final long writeTimeoutNanos;
  private final Duration writeTimeout;
  private final ByteBuffer in;
  private SelectionKey key;
  private long writeDeadline;

  /** {@code read} holds the bytes the front read past the request head. */
  ChannelIO(SocketChannel channel, Selector waiter, byte[] read, Duration writeTimeout) {
    this.channel = channel;
    this.waiter = waiter;
    this.writeTimeout = writeTimeout;
    this.writeTimeoutNanos = writeTimeout.toNanos();
    this.in = ByteBuffer.allocate(Math.max(BUFFER, read.length));
    in.put(read).flip();
    startResponse();
  }

  /**
   * Starts the clock of one response: all of it must be written within the write timeout. A total,
   * not a stall timer, because a client that takes a byte now and then would reset a stall timer
   * forever and keep its worker.
   */
  void startResponse() {
    writeDeadline = System.nanoTime() + writeTimeoutNanos;
  }

  /** The bytes read and not yet taken; take them with {@code get}, then {@link #fill} when it is empty. */
  ByteBuffer buffer() {
    return in;
  }

  /**
   * Reads at least one byte into the empty {@link #buffer}, waiting until {@code deadline} (a
   * {@link System#nanoTime()}): 1 when bytes came, -1 at the end of the stream, 0 when the deadline passed.
   */
  int fill(long deadline) throws IOException {
    in.clear();
    try {
      while (true) {
        int n = channel.read(in);
        if (n != 0) {
          return n > 0 ? 1 : -1;
        }
        if (!await(SelectionKey.OP_READ, deadline)) {
          return 0;
        }
      }
    } finally {
      in.flip();
    }
  }

  /** The bytes read past the request: the start of the next one, when a client pipelines. */
  byte[] leftover() {
    byte[] rest = new byte[in.remaining()];
    in.duplicate().get(rest);
    return rest;
  }

  /** Writes all of {@code src}; fails when the response's write deadline passes first. */
  void write(ByteBuffer src) throws IOException {
    while (src.hasRemaining()) {
      if (channel.write(src) == 0 && !await(SelectionKey.OP_WRITE, writeDeadline)) {
        throw new SocketTimeoutException("The client did not take the response within "
            + ConnectionLimits.describe(writeTimeout));
      }
    }
  }

  // True when the wait ended before the deadline (ready, or woken); the caller then tries again.
  private boolean await(int op, long deadline) throws IOException {
    long wait = deadline - System.nanoTime();
    if (wait <= 0) {
      return false;
    }
    if (key == null) {
      key = channel.register(waiter, op);
    } else {
      key.interestOps(op);
    }
    waiter.select(Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait)));
    waiter.selectedKeys().clear();
    if (Thread.currentThread().isInterrupted()) {
      throw new InterruptedIOException("The console is stopping");
    }
    if (!channel.isOpen()) {
      throw new ClosedChannelException();
    }
    return true;
  }
}
