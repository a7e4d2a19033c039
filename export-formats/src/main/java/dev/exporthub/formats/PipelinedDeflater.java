package dev.exporthub.formats;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;

/**
 * Deflates on a helper thread while the calling thread renders the next block: deflating is the
 * largest single cost of a big archive, as large as rendering its entries.
 *
 * <p>The helper owns a {@link ZipStream}; entries and blocks of their content reach it through a
 * short queue of {@link Command}s, in {@link #BLOCK}-byte buffers that circulate between the two
 * threads. The deflated bytes come back through another queue, and the calling thread alone writes
 * them to the target, whenever it waits or hands over work; so the caller's stream, and whatever
 * the entries' bodies read, are only ever touched by the calling thread. Deflate output does not
 * depend on how its input is split into blocks, so the bytes are those of a {@link ZipStream} on
 * the calling thread.
 *
 * <p>The helper is a daemon thread that lives for one archive; {@link #release()} stops it when
 * the archive fails half-way.
 */
final class PipelinedDeflater implements Deflation {

  private static final int BLOCK = 1 << 16;
  private static final int BUFFERS = 6;

  /** What the helper is asked to do, in the order the calling thread asks. */
  private record Command(Kind kind, ZipEntry entry, byte[] block, int length) {
    enum Kind { PUT, DATA, CLOSE, FINISH }

    static final Command CLOSE = new Command(Kind.CLOSE, null, null, 0);
    static final Command FINISH = new Command(Kind.FINISH, null, null, 0);

    static Command put(ZipEntry entry) {
      return new Command(Kind.PUT, entry, null, 0);
    }

    static Command data(byte[] block, int length) {
      return new Command(Kind.DATA, null, block, length);
    }
  }

  private final OutputStream target;
  private final BlockingQueue<Command> commands = new ArrayBlockingQueue<>(BUFFERS + 4);
  private final BlockingQueue<byte[]> free = new ArrayBlockingQueue<>(BUFFERS);
  private final BlockingQueue<byte[]> deflated = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile Throwable failure;
  /** Set by the helper as it ends, whatever the reason. */
  private volatile boolean done;
  /** Set by the helper once it has written the central directory. */
  private volatile boolean completed;

  /** Starts the helper; {@code target} receives the deflated archive, written on the calling thread. */
  PipelinedDeflater(OutputStream target) {
    this.target = target;
    for (int i = 0; i < BUFFERS; i++) {
      free.add(new byte[BLOCK]);
    }
    thread = new Thread(this::run, "exporthub-zip-deflate");
    thread.setDaemon(true);
    thread.start();
  }

  private void run() {
    ZipStream archive = null;
    try {
      OutputStream sink = new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          deflated.add(Arrays.copyOfRange(b, off, off + len));
        }
      };
      BufferedOutputStream buffered = new BufferedOutputStream(sink, BLOCK);
      archive = new ZipStream(buffered);
      while (true) {
        Command command = commands.take();
        switch (command.kind()) {
          case PUT -> archive.putNextEntry(command.entry());
          case DATA -> {
            archive.write(command.block(), 0, command.length());
            free.add(command.block());
          }
          case CLOSE -> archive.closeEntry();
          case FINISH -> {
            archive.finish();
            buffered.flush();
            completed = true;
            return;
          }
        }
      }
    } catch (InterruptedException e) {
      // Stopped: the archive failed on the calling thread.
    } catch (Throwable e) {
      failure = e;
    } finally {
      if (archive != null) {
        archive.release();
      }
      done = true;
    }
  }

  @Override
  public void putNextEntry(ZipEntry entry) throws IOException {
    send(Command.put(entry));
  }

  @Override
  public void closeEntry() throws IOException {
    send(Command.CLOSE);
  }

  /** The stream an entry's content goes into: filled buffers are handed to the helper as they fill. */
  @Override
  public OutputStream content() {
    return new OutputStream() {
      private byte[] block;
      private int length;

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        int from = off;
        int remaining = len;
        while (remaining > 0) {
          if (block == null) {
            block = take(free);
            length = 0;
          }
          int n = Math.min(remaining, BLOCK - length);
          System.arraycopy(b, from, block, length, n);
          length += n;
          from += n;
          remaining -= n;
          if (length == BLOCK) {
            flush();
          }
        }
      }

      @Override
      public void flush() throws IOException {
        if (block != null && length > 0) {
          send(Command.data(block, length));
          block = null;
        }
      }
    };
  }

  /** Hands the helper a command, writing out what it deflated meanwhile. */
  private void send(Command command) throws IOException {
    while (true) {
      drain();
      try {
        if (commands.offer(command, 1, TimeUnit.MILLISECONDS)) {
          drain();
          return;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while writing an archive");
      }
    }
  }

  private byte[] take(BlockingQueue<byte[]> queue) throws IOException {
    while (true) {
      drain();
      try {
        byte[] block = queue.poll(1, TimeUnit.MILLISECONDS);
        if (block != null) {
          return block;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("Interrupted while writing an archive");
      }
    }
  }

  /** Writes out what the helper deflated so far; fails as the helper failed. */
  private void drain() throws IOException {
    // done before failure: the helper records a failure before it ends, so one seen to have
    // ended shows its failure too.
    boolean ended = done;
    Throwable failed = failure;
    if (failed != null) {
      release();
      if (failed instanceof IOException e) {
        throw e;
      }
      if (failed instanceof RuntimeException e) {
        throw e;
      }
      if (failed instanceof Error e) {
        throw e;
      }
      throw new IOException(failed);
    }
    if (ended && !completed) {
      throw new IOException("The archive's compressor stopped before the archive was complete");
    }
    for (byte[] bytes = deflated.poll(); bytes != null; bytes = deflated.poll()) {
      target.write(bytes);
    }
  }

  @Override
  public void finish() throws IOException {
    send(Command.FINISH);
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      release();
      throw new InterruptedIOException("Interrupted while writing an archive");
    }
    drain();
  }

  @Override
  public void release() {
    if (!done) {
      thread.interrupt();
    }
  }
}
