package dev.pulse;

enum SystemClock implements PulseClock {
  INSTANCE;

  @Override
  public long wallTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public long monotonicNanos() {
    return System.nanoTime();
  }

  @Override
  public String toString() {
    return "PulseClock.system()";
  }
}
