package org.spikescr.gen.ir;

import java.util.ArrayList;
import java.util.List;

/**
 * A valid/ready stream: a beat moves when valid and ready are both high. A consumer side (an input
 * stream) is spelled {@code s_<name>_data/_valid/_ready[/_last]}, a producer side {@code
 * m_<name>_...}.
 *
 * @param name stream name, without prefix (empty for a module's only stream of a direction)
 * @param direction {@link Direction#INPUT} for a consumer side, {@link Direction#OUTPUT} for a
 *     producer side
 * @param dataWidth bits of one beat's data
 * @param last whether the stream carries a {@code _last} flag (end of an utterance or step)
 */
public record StreamPort(String name, Direction direction, int dataWidth, boolean last) {

  /** Validates the width. */
  public StreamPort {
    if (dataWidth < 1) {
      throw new IllegalArgumentException(
          "stream " + name + ": data width must be at least 1, got " + dataWidth);
    }
  }

  /**
   * The prefix of its signals: {@code s_<name>_} or {@code m_<name>_} ({@code s_}/{@code m_} when
   * unnamed).
   */
  public String prefix() {
    return (direction == Direction.INPUT ? "s_" : "m_") + (name.isEmpty() ? "" : name + "_");
  }

  /** Its signals as plain ports: data, valid, ready and (if present) last. */
  public List<Port> ports() {
    Direction back = direction == Direction.INPUT ? Direction.OUTPUT : Direction.INPUT;
    List<Port> p = new ArrayList<>();
    p.add(new Port(prefix() + "data", direction, dataWidth, false));
    p.add(new Port(prefix() + "valid", direction, 1, false));
    p.add(new Port(prefix() + "ready", back, 1, false));
    if (last) {
      p.add(new Port(prefix() + "last", direction, 1, false));
    }
    return p;
  }
}
