package io.parkloop.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** The parts of Flink's REST API a deployment uses: upload and run a jar, watch a job and its checkpoints. */
public final class FlinkRest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

  private final String baseUrl;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  public FlinkRest(String baseUrl) {
    this.baseUrl = baseUrl;
  }

  /** {@code POST /jars/upload}: returns the jar's id for {@link #runJar}. */
  public String uploadJar(Path jar) {
    String boundary = "parkloop-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try {
      body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
          + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes(StandardCharsets.UTF_8));
      body.write(Files.readAllBytes(jar));
      body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + jar, e);
    }
    JsonNode answer = send(HttpRequest.newBuilder(uri("/jars/upload"))
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
    if (!"success".equals(answer.path("status").asText())) {
      throw new IllegalStateException("Flink refused the jar " + jar + ": " + answer);
    }
    return Path.of(answer.path("filename").asText()).getFileName().toString();
  }

  /** {@code POST /jars/:id/run}: starts the jar's main class with these arguments; returns the job id. */
  public String runJar(String jarId, String entryClass, List<String> programArgs) {
    ObjectNode request = JSON.createObjectNode().put("entryClass", entryClass);
    programArgs.forEach(request.putArray("programArgsList")::add);
    JsonNode answer = send(HttpRequest.newBuilder(uri("/jars/" + jarId + "/run"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(request.toString())));
    String jobId = answer.path("jobid").asText("");
    if (jobId.isEmpty()) {
      throw new IllegalStateException("Flink did not start " + entryClass + ": " + answer);
    }
    return jobId;
  }

  /** {@code GET /jobs/:id}: the job's state and its vertices' states. */
  public JsonNode job(String jobId) {
    return get("/jobs/" + jobId);
  }

  /** {@code GET /jobs/:id/checkpoints}: counts, the latest completed and, after a recovery, what was restored. */
  public JsonNode checkpoints(String jobId) {
    return get("/jobs/" + jobId + "/checkpoints");
  }

  /** {@code GET /jobs/:id/exceptions}: the failures so far, for messages. */
  public JsonNode exceptions(String jobId) {
    return get("/jobs/" + jobId + "/exceptions");
  }

  /** {@code PATCH /jobs/:id?mode=cancel}. */
  public void cancel(String jobId) {
    send(HttpRequest.newBuilder(uri("/jobs/" + jobId + "?mode=cancel"))
        .method("PATCH", HttpRequest.BodyPublishers.noBody()));
  }

  /** Whether the job runs with every one of its tasks running (so its checkpoints can complete). */
  public boolean isFullyRunning(String jobId) {
    JsonNode job = job(jobId);
    if (!"RUNNING".equals(job.path("state").asText())) {
      return false;
    }
    for (JsonNode vertex : job.path("vertices")) {
      if (!"RUNNING".equals(vertex.path("status").asText())) {
        return false;
      }
    }
    return true;
  }

  /** The ids of the TaskManagers the JobManager knows ({@code GET /taskmanagers}). */
  public Set<String> taskManagerIds() {
    Set<String> ids = new HashSet<>();
    get("/taskmanagers").path("taskmanagers").forEach(tm -> ids.add(tm.path("id").asText()));
    return ids;
  }

  /** Waits until the REST API answers; fails early if the JobManager process ends. */
  void awaitUp(ChildJvm jobManager, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      try {
        get("/overview");
        return;
      } catch (RuntimeException notYet) {
        failIfGoneOrLate(jobManager, deadline, "the JobManager's REST API at " + baseUrl + " did not answer");
      }
    }
  }

  /** Waits until a TaskManager the JobManager did not know in {@code known} has registered. */
  void awaitNewTaskManager(Set<String> known, ChildJvm taskManager, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (known.containsAll(taskManagerIds())) {
      failIfGoneOrLate(taskManager, deadline, "the new TaskManager did not register with the JobManager");
    }
  }

  private static void failIfGoneOrLate(ChildJvm process, long deadline, String what) {
    if (!process.isAlive() || System.nanoTime() > deadline) {
      throw new IllegalStateException(what + (process.isAlive() ? " in time" : "; the process ended")
          + "; the end of " + process.logFile() + ":\n" + process.logTail());
    }
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  private JsonNode send(HttpRequest.Builder request) {
    HttpRequest built = request.timeout(REQUEST_TIMEOUT).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(built.method() + " " + built.uri() + " answered " + response.statusCode()
            + ": " + response.body());
      }
      return response.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException(built.method() + " " + built.uri() + " failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted during " + built.uri(), e);
    }
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }
}
