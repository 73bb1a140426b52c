package io.lstmq.model.fb;

import io.lstmq.LstmqException;

/** The bytes do not form a valid flatbuffer of the schema; {@link #location()} says where, as a field path. */
public final class FbFormatException extends LstmqException {
    private final String location;
    private final String problem;

    public FbFormatException(String location, String problem) {
        super(location + ": " + problem);
        this.location = location;
        this.problem = problem;
    }

    public String location() {
        return location;
    }

    public String problem() {
        return problem;
    }
}
