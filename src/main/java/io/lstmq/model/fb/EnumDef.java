package io.lstmq.model.fb;

import java.util.Map;
import java.util.TreeMap;

/** A schema enum: its underlying scalar kind and its named values. */
public final class EnumDef {
    private final String name;
    private final BaseType underlying;
    private final Map<Long, String> namesByValue = new TreeMap<>();
    private final Map<String, Long> valuesByName = new java.util.HashMap<>();

    EnumDef(String name, BaseType underlying) {
        this.name = name;
        this.underlying = underlying;
    }

    void add(String member, long value) {
        namesByValue.put(value, member);
        valuesByName.put(member, value);
    }

    public String name() {
        return name;
    }

    public BaseType underlying() {
        return underlying;
    }

    /** The member's name, or null when the value is not declared. */
    public String nameOf(long value) {
        return namesByValue.get(value);
    }

    public Long valueOf(String member) {
        return valuesByName.get(member);
    }

    public boolean isDeclared(long value) {
        return namesByValue.containsKey(value);
    }

    public long maxValue() {
        return ((TreeMap<Long, String>) namesByValue).lastKey();
    }
}
