package io.parkloop.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Flink standalone session cluster of separate OS processes on 127.0.0.1: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}) and TaskManagers ({@code TaskManagerRunner}), each
 * a JVM started the way Flink's own {@code jobmanager.sh}/{@code taskmanager.sh} start them: the
 * memory flags computed by Flink's {@code BashJavaUtils} from a generated {@code config.yaml}, on
 * the class path of Flink's artifacts (module {@code flink-cluster}). Jobs arrive over the REST
 * API ({@link FlinkRest}); checkpoints go to a directory of the work directory, so a TaskManager
 * killed with SIGKILL and replaced resumes the job from the latest one.
 */
public final class FlinkStandaloneCluster implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(FlinkStandaloneCluster.class);
  /** Written by module flink-cluster's build, on the class path of whoever depends on it. */
  public static final String CLASS_PATH_RESOURCE = "flink-cluster.classpath";
  private static final Duration START_TIMEOUT = Duration.ofMinutes(3);
  private static final String BASH_JAVA_UTILS = "org.apache.flink.runtime.util.bash.BashJavaUtils";
  private static final String RESULT_PREFIX = "BASH_JAVA_UTILS_EXEC_RESULT:";
  /** What Flink's default config.yaml opens for Java 17 (env.java.opts.all): Kryo and the runtime reflect into these. */
  private static final List<String> JAVA_17_OPENS = List.of(
      "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
      "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
      "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
      "--add-opens=java.base/java.lang=ALL-UNNAMED",
      "--add-opens=java.base/java.net=ALL-UNNAMED",
      "--add-opens=java.base/java.io=ALL-UNNAMED",
      "--add-opens=java.base/java.nio=ALL-UNNAMED",
      "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
      "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
      "--add-opens=java.base/java.text=ALL-UNNAMED",
      "--add-opens=java.base/java.time=ALL-UNNAMED",
      "--add-opens=java.base/java.util=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
      "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED");

  private final Path workDir;
  private final Path confDir;
  private final String classPath;
  private final int restPort;
  private final ChildJvm jobManager;
  private final List<ChildJvm> taskManagers = new ArrayList<>();
  private final FlinkRest rest;

  private FlinkStandaloneCluster(Path workDir, Path confDir, String classPath, int restPort, ChildJvm jobManager) {
    this.workDir = workDir;
    this.confDir = confDir;
    this.classPath = classPath;
    this.restPort = restPort;
    this.jobManager = jobManager;
    this.rest = new FlinkRest("http://127.0.0.1:" + restPort);
  }

  /** The class path of Flink's artifacts, as module flink-cluster's build resolved it. */
  public static String classPathFromResource() {
    try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(CLASS_PATH_RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(CLASS_PATH_RESOURCE + " is not on the class path: depend on"
            + " io.parkloop:parkloop-flink-cluster (test scope, transitive dependencies excluded)");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + CLASS_PATH_RESOURCE, e);
    }
  }

  /**
   * Starts the JobManager and one TaskManager with {@code slots} slots, and returns once the
   * TaskManager has registered.
   */
  public static FlinkStandaloneCluster start(Path workDir, String classPath, int slots) {
    Path absolute = workDir.toAbsolutePath();
    Path confDir = absolute.resolve("conf");
    int restPort = FreePorts.pick();
    int rpcPort = FreePorts.pick();
    try {
      Files.createDirectories(confDir);
      Files.writeString(confDir.resolve("config.yaml"), FlinkConfig.yaml(absolute, rpcPort, restPort, slots),
          StandardCharsets.UTF_8);
      Files.writeString(confDir.resolve("logback.xml"), FlinkConfig.LOGBACK, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write Flink's configuration into " + confDir, e);
    }
    ChildJvm jobManager = startFlinkJvm("flink-jobmanager", "GET_JM_RESOURCE_PARAMS",
        "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint", absolute, confDir, classPath,
        absolute.resolve("log").resolve("jobmanager.log"));
    FlinkStandaloneCluster cluster = new FlinkStandaloneCluster(absolute, confDir, classPath, restPort, jobManager);
    try {
      cluster.rest.awaitUp(jobManager, START_TIMEOUT);
      cluster.startTaskManager();
      log.info("Flink standalone cluster up: JobManager process {}, REST {}", jobManager.pid(), cluster.restUrl());
      return cluster;
    } catch (RuntimeException e) {
      cluster.close();
      throw e;
    }
  }

  /** Starts one more TaskManager process and returns once the JobManager lists it. */
  public ChildJvm startTaskManager() {
    var known = rest.taskManagerIds();
    int number = taskManagers.size() + 1;
    ChildJvm taskManager = startFlinkJvm("flink-taskmanager-" + number, "GET_TM_RESOURCE_PARAMS",
        "org.apache.flink.runtime.taskexecutor.TaskManagerRunner", workDir, confDir, classPath,
        workDir.resolve("log").resolve("taskmanager-" + number + ".log"));
    taskManagers.add(taskManager);
    rest.awaitNewTaskManager(known, taskManager, START_TIMEOUT);
    return taskManager;
  }

  /**
   * Asks Flink's BashJavaUtils for the JVM's memory flags and the matching dynamic properties, as
   * the start scripts do, then starts the JVM with them.
   */
  private static ChildJvm startFlinkJvm(String name, String resourceCommand, String mainClass, Path workDir,
      Path confDir, String classPath, Path logFile) {
    List<String> results = bashJavaUtils(resourceCommand, workDir, confDir, classPath);
    List<String> jvmArgs = new ArrayList<>(JAVA_17_OPENS);
    jvmArgs.addAll(split(results.get(0)));
    jvmArgs.add("-Dlogback.configurationFile=" + confDir.resolve("logback.xml"));
    List<String> args = new ArrayList<>(List.of("--configDir", confDir.toString()));
    if (results.size() > 1) {
      args.addAll(split(results.get(1)));
    }
    return ChildJvm.start(name, classPath, jvmArgs, mainClass, args, Map.of(), logFile);
  }

  private static List<String> bashJavaUtils(String command, Path workDir, Path confDir, String classPath) {
    Path output = workDir.resolve("log").resolve("bash-java-utils.log");
    ChildJvm utils = ChildJvm.start("flink-bash-java-utils", classPath, List.of("-Xmx128m"), BASH_JAVA_UTILS,
        List.of(command, "--configDir", confDir.toString()), Map.of(), output);
    int exit = utils.awaitExit(START_TIMEOUT);
    String text = utils.readLog();
    List<String> results = text.lines().filter(line -> line.startsWith(RESULT_PREFIX))
        .map(line -> line.substring(RESULT_PREFIX.length()).strip()).toList();
    if (exit != 0 || results.isEmpty()) {
      throw new IllegalStateException("Flink's BashJavaUtils " + command + " failed (exit code " + exit + "):\n"
          + utils.logTail());
    }
    return results;
  }

  private static List<String> split(String flags) {
    return Arrays.stream(flags.split(" ")).filter(flag -> !flag.isBlank()).toList();
  }

  /** The REST API's base URL, {@code http://127.0.0.1:<port>}. */
  public String restUrl() {
    return "http://127.0.0.1:" + restPort;
  }

  public FlinkRest rest() {
    return rest;
  }

  public ChildJvm jobManager() {
    return jobManager;
  }

  /** The TaskManagers started so far, killed ones included, in start order. */
  public List<ChildJvm> taskManagers() {
    return List.copyOf(taskManagers);
  }

  /** Where the jobs' checkpoints go: {@code <job id>/chk-N}. */
  public Path checkpoints() {
    return workDir.resolve("checkpoints");
  }

  /** SIGTERM to every TaskManager, then to the JobManager. */
  @Override
  public void close() {
    for (ChildJvm taskManager : taskManagers) {
      taskManager.close();
    }
    jobManager.close();
  }
}
