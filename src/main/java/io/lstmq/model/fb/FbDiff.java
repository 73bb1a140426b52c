package io.lstmq.model.fb;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Compares two decoded trees field by field and lists where they differ, as field paths. */
public final class FbDiff {
    /** Decides which fields take part in the comparison (for example, to skip relocated buffer offsets). */
    public interface FieldFilter {
        boolean compare(TableDef table, FieldDef field);
    }

    private final FieldFilter filter;
    private final int maxReported;
    private final List<String> differences = new ArrayList<>();

    private FbDiff(FieldFilter filter, int maxReported) {
        this.filter = filter;
        this.maxReported = maxReported;
    }

    public static List<String> compare(FbTable a, FbTable b, String rootName, FieldFilter filter, int maxReported) {
        FbDiff d = new FbDiff(filter, maxReported);
        d.table(a, b, rootName);
        return d.differences;
    }

    public static List<String> compare(FbTable a, FbTable b) {
        return compare(a, b, a.def().name().toLowerCase(), (t, f) -> true, 100);
    }

    private void table(FbTable a, FbTable b, String where) {
        if (a.def() != b.def()) {
            report(where, a.def().name() + " vs " + b.def().name());
            return;
        }
        for (FieldDef f : a.def().fields()) {
            if (!filter.compare(a.def(), f)) {
                continue;
            }
            Object x = a.get(f);
            Object y = b.get(f);
            String at = where + "." + f.name();
            if (x == null || y == null) {
                if (x != y) {
                    report(at, x == null ? "absent vs present" : "present vs absent");
                }
            } else if (x instanceof FbTable tx) {
                table(tx, (FbTable) y, at);
            } else if (x instanceof List<?> lx) {
                List<?> ly = (List<?>) y;
                if (lx.size() != ly.size()) {
                    report(at, lx.size() + " vs " + ly.size() + " elements");
                    continue;
                }
                for (int i = 0; i < lx.size(); i++) {
                    Object ex = lx.get(i);
                    if (ex instanceof FbTable tex) {
                        table(tex, (FbTable) ly.get(i), at + "[" + i + "]");
                    } else if (!ex.equals(ly.get(i))) {
                        report(at + "[" + i + "]", "'" + ex + "' vs '" + ly.get(i) + "'");
                    }
                }
            } else if (x instanceof Double dx) {
                if (Double.doubleToRawLongBits(dx) != Double.doubleToRawLongBits((Double) y)) {
                    report(at, x + " vs " + y);
                }
            } else if (!Objects.equals(x, y)) {
                report(at, x instanceof FbScalarVector ? "vector contents differ" : x + " vs " + y);
            }
        }
    }

    private void report(String where, String what) {
        if (differences.size() < maxReported) {
            differences.add(where + ": " + what);
        }
    }
}
