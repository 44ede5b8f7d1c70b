package dev.pulse.metrics.flow;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.time.Instant;
import java.util.AbstractList;
import java.util.Objects;
import java.util.RandomAccess;
import org.jspecify.annotations.Nullable;

/**
 * The issues a set of flow summaries found completed in the window, in completion-then-key order,
 * with what their items and scatter points are made of; and the immutable lists of those items and
 * points ({@link Items}, {@link Points}) that {@link FlowSummaries} hands out instead of building a
 * million objects nobody may read.
 *
 * <p>An item or point is made when a list is first asked for it and then kept, in one slot per
 * position shared by every list over the same completions, so that the whole set and a group
 * holding the same issue hand out the same object, as eagerly built lists did. A slot is set by
 * compare-and-set: concurrent readers see one object. The lists' contents never change, so {@link
 * FlowTimes} and {@link FlowSummary} keep them without copying.
 */
final class CompletedItems {
  private static final VarHandle ITEMS = MethodHandles.arrayElementVarHandle(ItemFlowTime[].class);
  private static final VarHandle POINTS = MethodHandles.arrayElementVarHandle(ScatterPoint[].class);

  final String[] key;
  final String[] project;
  final Instant[] created;
  final Instant[] end;

  /** The cycle's start: the first entry into an active status, where there is a cycle item. */
  final @Nullable Instant[] start;

  /** Lead time in hours, where there is a lead item. */
  final double[] leadHours;

  /** Cycle time in hours, where there is a cycle item. */
  final double[] cycleHours;

  private final @Nullable ItemFlowTime[] leadItems;
  private final @Nullable ItemFlowTime[] cycleItems;

  /** The whole set's scatter points. */
  private final @Nullable ScatterPoint[] points;

  CompletedItems(int count) {
    key = new String[count];
    project = new String[count];
    created = new Instant[count];
    end = new Instant[count];
    start = new Instant[count];
    leadHours = new double[count];
    cycleHours = new double[count];
    leadItems = new ItemFlowTime[count];
    cycleItems = new ItemFlowTime[count];
    points = new ScatterPoint[count];
  }

  private ItemFlowTime item(int p, boolean cycle) {
    @Nullable ItemFlowTime[] slots = cycle ? cycleItems : leadItems;
    ItemFlowTime held = slots[p];
    if (held != null) {
      return held;
    }
    Instant from = cycle ? Objects.requireNonNull(start[p]) : created[p];
    ItemFlowTime made =
        new ItemFlowTime(key[p], project[p], from, end[p], Duration.between(from, end[p]));
    @Nullable ItemFlowTime witness = (ItemFlowTime) ITEMS.compareAndExchange(slots, p, null, made);
    return witness == null ? made : witness;
  }

  /** The point at a position, made once and kept in {@code slots}. */
  private ScatterPoint point(@Nullable ScatterPoint[] slots, int slot, int p, boolean outlier) {
    ScatterPoint held = slots[slot];
    if (held != null) {
      return held;
    }
    ScatterPoint made = new ScatterPoint(key[p], end[p], leadHours[p], outlier);
    @Nullable ScatterPoint witness =
        (ScatterPoint) POINTS.compareAndExchange(slots, slot, null, made);
    return witness == null ? made : witness;
  }

  /** The lead or cycle items at some positions, in their order. */
  static final class Items extends AbstractList<ItemFlowTime> implements RandomAccess {
    private final CompletedItems source;
    private final int[] positions;
    private final int size;
    private final boolean cycle;

    Items(CompletedItems source, int[] positions, int size, boolean cycle) {
      this.source = source;
      this.positions = positions;
      this.size = size;
      this.cycle = cycle;
    }

    @Override
    public ItemFlowTime get(int index) {
      Objects.checkIndex(index, size);
      return source.item(positions[index], cycle);
    }

    @Override
    public int size() {
      return size;
    }
  }

  /**
   * The scatter points of a lead-time list's items, those above {@code p95} marked as outliers. A
   * point marked as the whole set marks it is the whole set's; any other is this list's own.
   */
  static final class Points extends AbstractList<ScatterPoint> implements RandomAccess {
    private final CompletedItems source;
    private final int[] positions;
    private final int size;
    private final double p95;

    /** The whole set's p95 ({@code NaN} when it has no items): where the points are shared. */
    private final double wholeP95;

    private final boolean whole;
    private final @Nullable ScatterPoint[] own;

    Points(
        CompletedItems source,
        int[] positions,
        int size,
        double p95,
        double wholeP95,
        boolean whole) {
      this.source = source;
      this.positions = positions;
      this.size = size;
      this.p95 = p95;
      this.wholeP95 = wholeP95;
      this.whole = whole;
      this.own = whole ? new ScatterPoint[0] : new ScatterPoint[size];
    }

    @Override
    public ScatterPoint get(int index) {
      Objects.checkIndex(index, size);
      int p = positions[index];
      double hours = source.leadHours[p];
      boolean outlier = hours > p95;
      if (whole || outlier == hours > wholeP95) {
        return source.point(source.points, p, p, outlier);
      }
      return source.point(own, index, p, outlier);
    }

    @Override
    public int size() {
      return size;
    }
  }
}
