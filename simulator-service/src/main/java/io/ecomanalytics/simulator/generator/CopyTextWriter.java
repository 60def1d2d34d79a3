package io.ecomanalytics.simulator.generator;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes rows in PostgreSQL's COPY text format (tab-separated, {@code \N} for null, backslash escapes) straight into a byte
 * buffer, so generating a row allocates almost nothing. Money is written from cents, timestamps from epoch seconds (UTC).
 */
public final class CopyTextWriter implements AutoCloseable {
    private final OutputStream out;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private boolean firstField = true;
    private long rows;

    public CopyTextWriter(OutputStream out) {
        this.out = out;
    }

    public long rows() {
        return rows;
    }

    public CopyTextWriter number(long value) {
        separator();
        ensure(20);
        if (value < 0) {
            buffer[position++] = '-';
            value = -value;
        }
        int start = position;
        do {
            buffer[position++] = (byte) ('0' + value % 10);
            value /= 10;
        } while (value > 0);
        reverse(start, position - 1);
        return this;
    }

    /** A numeric(14,2) from a number of cents. */
    public CopyTextWriter cents(long cents) {
        number(cents / 100);
        ensure(3);
        long rest = Math.abs(cents % 100);
        buffer[position++] = '.';
        buffer[position++] = (byte) ('0' + rest / 10);
        buffer[position++] = (byte) ('0' + rest % 10);
        return this;
    }

    public CopyTextWriter bool(boolean value) {
        separator();
        ensure(1);
        buffer[position++] = (byte) (value ? 't' : 'f');
        return this;
    }

    public CopyTextWriter nullValue() {
        separator();
        ensure(2);
        buffer[position++] = '\\';
        buffer[position++] = 'N';
        return this;
    }

    /** A timestamptz as {@code yyyy-MM-dd HH:mm:ss+00}. */
    public CopyTextWriter timestamp(long epochSecond) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(epochSecond, 0, ZoneOffset.UTC);
        separator();
        ensure(22);
        digits(t.getYear(), 4);
        buffer[position++] = '-';
        digits(t.getMonthValue(), 2);
        buffer[position++] = '-';
        digits(t.getDayOfMonth(), 2);
        buffer[position++] = ' ';
        digits(t.getHour(), 2);
        buffer[position++] = ':';
        digits(t.getMinute(), 2);
        buffer[position++] = ':';
        digits(t.getSecond(), 2);
        buffer[position++] = '+';
        buffer[position++] = '0';
        buffer[position++] = '0';
        return this;
    }

    public CopyTextWriter text(String value) {
        if (value == null) {
            return nullValue();
        }
        separator();
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        ensure(bytes.length * 2);
        for (byte b : bytes) {
            switch (b) {
                case '\\' -> escape('\\');
                case '\t' -> escape('t');
                case '\n' -> escape('n');
                case '\r' -> escape('r');
                default -> buffer[position++] = b;
            }
        }
        return this;
    }

    public void endRow() {
        ensure(1);
        buffer[position++] = '\n';
        firstField = true;
        rows++;
    }

    public void flush() {
        try {
            out.write(buffer, 0, position);
            position = 0;
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        flush();
        try {
            out.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void escape(char c) {
        buffer[position++] = '\\';
        buffer[position++] = (byte) c;
    }

    private void separator() {
        if (!firstField) {
            ensure(1);
            buffer[position++] = '\t';
        }
        firstField = false;
    }

    private void digits(int value, int width) {
        for (int i = width - 1; i >= 0; i--) {
            buffer[position + i] = (byte) ('0' + value % 10);
            value /= 10;
        }
        position += width;
    }

    private void reverse(int from, int to) {
        while (from < to) {
            byte tmp = buffer[from];
            buffer[from++] = buffer[to];
            buffer[to--] = tmp;
        }
    }

    private void ensure(int bytes) {
        if (position + bytes > buffer.length) {
            try {
                out.write(buffer, 0, position);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            position = 0;
            if (bytes > buffer.length) {
                throw new IllegalArgumentException("field of " + bytes + " bytes is larger than the row buffer");
            }
        }
    }
}
