package io.lstmq;

/**
 * A problem the user can act on: bad input, an unsupported model, a broken threshold.
 * The command line prints {@link #getMessage()} as one line and exits with code 2.
 */
public class LstmqException extends RuntimeException {
    public LstmqException(String message) {
        super(message);
    }

    public LstmqException(String message, Throwable cause) {
        super(message, cause);
    }
}
