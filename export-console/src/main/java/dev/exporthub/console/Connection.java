package dev.exporthub.console;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.Arrays;

/**
 * One client connection. Its state, deadline and head buffer belong to the front thread; while a
 * worker has it ({@link State#WORKER}) the front does not read it, and only the waiter selector is
 * shared, so that stopping the console can wake a worker waiting on this connection.
 */
final class Connection {

  enum State {
    /** Reading a request line and headers, by the head deadline. */
    HEAD,
    /** Kept alive between requests, until the idle deadline. */
    IDLE,
    /** A worker answers a request; the worker bounds its own waits. */
    WORKER,
    /** Answered and closing: output shut, input discarded until the client closes or the linger ends. */
    LINGER
  }

  private static final byte[] EMPTY = new byte[0];

  final SocketChannel channel;
  final InetSocketAddress remote;
  final InetSocketAddress local;
  /** Whether this connection holds a slot of the limiter (a refused one does not). */
  final boolean counted;
  SelectionKey key;
  State state = State.HEAD;
  /** {@link System#nanoTime()} at which the front ends the current state (not used in {@link State#WORKER}). */
  long deadline;
  byte[] head = EMPTY;
  int length;
  /** Where the search for the end of the head resumes. */
  int scanned;
  private int discarded;
  private byte[] afterHead = EMPTY;
  private Selector waiter;

  Connection(SocketChannel channel, InetSocketAddress remote, InetSocketAddress local, boolean counted) {
    this.channel = channel;
    this.remote = remote;
    this.local = local;
    this.counted = counted;
  }

  /** Reads what has arrived of a head: the bytes read, or -1 when the client closed its side. */
  int readHead() throws IOException {
    if (length == head.length) {
      head = Arrays.copyOf(head, Math.min(ConnectionLimits.MAX_HEAD_BYTES, Math.max(1024, head.length * 2)));
    }
    int n = channel.read(ByteBuffer.wrap(head, length, head.length - length));
    if (n > 0) {
      length += n;
      dropLeadingLineBreaks();
    }
    return n;
  }

  /**
   * The request head once it has all arrived, or {@code null} while it has not; what was read past
   * it is then {@link #afterHead()}.
   *
   * @throws HttpProblem for a head that is malformed or fills {@link ConnectionLimits#MAX_HEAD_BYTES}
   */
  RequestHead completeHead() {
    int end = HeadParser.headEnd(head, scanned, length);
    if (end < 0) {
      scanned = Math.max(0, length - 2);
      if (length >= ConnectionLimits.MAX_HEAD_BYTES) {
        throw HeadParser.tooLarge(head, length);
      }
      return null;
    }
    RequestHead request = HeadParser.parse(head, end);
    afterHead = Arrays.copyOfRange(head, end, length);
    clearHead();
    return request;
  }

  /** The bytes read past the last complete head: the start of its body, or of the next request. */
  byte[] afterHead() {
    return afterHead;
  }

  /** Starts the next request with bytes a worker read past the last one (pipelined). */
  void resume(byte[] leftover) {
    head = leftover.length == 0 ? EMPTY : leftover.clone();
    length = leftover.length;
    scanned = 0;
    dropLeadingLineBreaks();
  }

  void clearHead() {
    head = EMPTY;
    length = 0;
    scanned = 0;
  }

  // A client may send a line break after a body (RFC 9112 2.2); dropping it here keeps buf[0] a request line.
  private void dropLeadingLineBreaks() {
    int skip = 0;
    while (skip < length && (head[skip] == '\r' || head[skip] == '\n')) {
      skip++;
    }
    if (skip > 0) {
      System.arraycopy(head, skip, head, 0, length - skip);
      length -= skip;
    }
  }

  /**
   * Writes a small answer of the front's and shuts the output; false when the socket would not take
   * it whole at once (a client that does not read), and the connection should simply be closed.
   */
  boolean answer(byte[] response) throws IOException {
    ByteBuffer answer = ByteBuffer.wrap(response);
    channel.write(answer);
    if (answer.hasRemaining()) {
      return false;
    }
    channel.shutdownOutput();
    return true;
  }

  /** From now until {@code until}, reads and drops the client's input: the graceful end of a connection. */
  void linger(long until) {
    clearHead();
    state = State.LINGER;
    discarded = 0;
    deadline = until;
    key.interestOps(SelectionKey.OP_READ);
  }

  /** Drops what arrived while lingering; true when the connection is done (closed by the client, or too much). */
  boolean discard(ByteBuffer scratch) throws IOException {
    while (true) {
      scratch.clear();
      int n = channel.read(scratch);
      if (n == 0) {
        return false;
      }
      discarded += Math.max(n, 0);
      if (n < 0 || discarded > ConnectionLimits.MAX_LINGER_BYTES) {
        return true;
      }
    }
  }

  synchronized void waiter(Selector value) {
    waiter = value;
  }

  /** Wakes the worker waiting on this connection, if one is; the worker then finds the channel closed. */
  synchronized void wakeWaiter() {
    if (waiter != null) {
      waiter.wakeup();
    }
  }

  @Override
  public String toString() {
    return "Connection[" + remote + " " + state + "]";
  }
}
