package io.lstmq.model;

import io.lstmq.LstmqException;

/** A model file that cannot be used, with the file and the place inside it (subgraph, operator, tensor). */
public final class ModelException extends LstmqException {
    private final String file;
    private final String location;

    public ModelException(String file, String location, String problem) {
        super(file + ": " + location + ": " + problem);
        this.file = file;
        this.location = location;
    }

    public String file() {
        return file;
    }

    public String location() {
        return location;
    }
}
