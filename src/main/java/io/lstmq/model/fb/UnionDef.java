package io.lstmq.model.fb;

import java.util.ArrayList;
import java.util.List;

/** A schema union: member tables in wire order; type id 0 is NONE, member k has id k + 1. */
public final class UnionDef {
    private final String name;
    private final List<String> memberNames = new ArrayList<>();
    private final List<TableDef> members = new ArrayList<>();

    UnionDef(String name) {
        this.name = name;
    }

    void addMemberName(String table) {
        memberNames.add(table);
    }

    List<String> memberNames() {
        return memberNames;
    }

    void resolve(TableDef table) {
        members.add(table);
    }

    public String name() {
        return name;
    }

    /** The member table for a type id, or null for NONE or an undeclared id. */
    public TableDef member(int typeId) {
        return typeId >= 1 && typeId <= members.size() ? members.get(typeId - 1) : null;
    }

    /** The type id of a member table, or -1 when it is not a member. */
    public int typeIdOf(TableDef table) {
        int i = members.indexOf(table);
        return i < 0 ? -1 : i + 1;
    }

    public int memberCount() {
        return members.size();
    }
}
