/** Contract suites that connector and store authors extend, and the ETA accuracy harness. */
module dev.pulse.testkit {
  requires transitive dev.pulse.core;
  requires transitive org.junit.jupiter.api;
  requires static transitive org.jspecify;
  requires jdk.httpserver;
  requires com.fasterxml.jackson.databind;

  exports dev.pulse.testkit;
  exports dev.pulse.testkit.progress;
  exports dev.pulse.testkit.fake;
  exports dev.pulse.testkit.fake.jira;
  exports dev.pulse.testkit.fake.github;
  exports dev.pulse.testkit.fake.jenkins;
}
