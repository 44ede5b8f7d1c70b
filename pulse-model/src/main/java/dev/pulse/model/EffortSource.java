package dev.pulse.model;

/** Where an issue's effort (on the story-point scale) came from. */
public enum EffortSource {
  /** A native story-points field. */
  STORY_POINTS,
  /** A T-shirt size mapped to points. */
  TSHIRT_TO_POINTS,
  /** An original time estimate mapped to points. */
  HOURS_TO_POINTS,
  /** Not estimated: metrics count items instead of summing points. */
  UNESTIMATED
}
