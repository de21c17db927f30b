package io.parkloop.dashboards;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkloop.embedded.RequiredTool;
import io.parkloop.reference.ReferenceData;
import io.parkloop.reference.ReferenceLoader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Static checks of the deployment files ({@code deploy/}) and the Grafana dashboards
 * ({@code dashboards/grafana/}): everything parses, every image is pinned, every file that a
 * compose volume, a Dockerfile or a kustomization refers to exists, no password or token is
 * written into a file, the dashboards have stable unique uids and query only the provisioned data
 * source, alert rules query only the provisioned data source and notify a provisioned contact
 * point, and no query buckets days in UTC. No service is started; whether the queries run
 * against a real database is another test's business.
 *
 * <p>Each test collects every problem it finds and fails once with the whole list.
 */
class DeployFilesTest {
  /** The dashboards that docs and links refer to by uid: renaming one breaks bookmarks. */
  private static final Set<String> EXPECTED_DASHBOARDS =
      Set.of("parkloop-park-live", "parkloop-province", "parkloop-pipeline", "parkloop-discharge");

  private static final Set<String> FLOATING_TAGS =
      Set.of("latest", "stable", "edge", "main", "master", "nightly", "lts", "current", "rolling");
  /** An exact tag starts with a full version: 4.2.0, 2.23.0-pg17, 17.0.19_10-jre-noble. */
  private static final Pattern EXACT_TAG = Pattern.compile("v?\\d+\\.\\d+\\.\\d+([._+-].*)?");

  private static final Pattern SECRET_KEY = Pattern.compile("(?i).*(password|passwd|secret|token|credential).*");
  /** Keys that name a Secret object (or are one level above a reference) rather than hold a secret. */
  private static final Set<String> SECRET_NAMING_KEYS = Set.of("secretname", "secretkeyref", "secretref",
      "secretgenerator", "existingsecret", "securejsondata", "secrets", "automountserviceaccounttoken");
  /**
   * A reference to a value supplied at run time, with no fallback: ${NAME}, ${NAME:?message} or
   * ${NAME?message} (compose, Grafana), $NAME (Grafana) and $(NAME) (Kubernetes).
   */
  private static final Pattern REFERENCE = Pattern.compile(
      "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:?\\?[^}]*)?}|\\$[A-Za-z_][A-Za-z0-9_]*|\\$\\([A-Za-z_][A-Za-z0-9_]*\\)");
  /** password=..., token=... inside a larger string such as a JDBC URL. */
  private static final Pattern INLINE_SECRET =
      Pattern.compile("(?i)(password|passwd|pwd|secret|token)=([^&;\\s\"']*)");
  /** user:password@ inside a URL. */
  private static final Pattern URL_CREDENTIALS = Pattern.compile("://[^/\\s:@]+:([^@\\s/]+)@");

  private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
  private static final Pattern DATE_TRUNC = Pattern.compile("(?i)\\bdate_trunc\\s*\\(\\s*'(\\w+)'\\s*,");
  private static final Set<String> DAY_OR_LONGER =
      Set.of("day", "week", "month", "quarter", "year", "decade", "century", "millennium");
  private static final Pattern SHANGHAI = Pattern.compile("(?i)at\\s+time\\s+zone\\s+'asia/shanghai'");
  private static final Pattern UTC_MACROS = Pattern.compile("\\$__timeGroup|\\$__unixEpochGroup|\\btime_bucket");

  private static Path root;
  private static final Map<Path, List<Object>> YAML = new LinkedHashMap<>();
  /** Where compose mounts launcher/target/parkloop.jar. */
  private static final String LAUNCHER_JAR_IN_CONTAINER = "/opt/parkloop/parkloop.jar";
  private static final Map<Path, JsonNode> JSON = new LinkedHashMap<>();
  private static final Map<Path, String> UNPARSEABLE = new LinkedHashMap<>();

  @BeforeAll
  static void readFiles() throws IOException {
    root = repositoryRoot();
    for (Path file : files("yaml", "yml")) {
      try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        List<Object> documents = new ArrayList<>();
        yaml().loadAll(reader).forEach(documents::add);
        YAML.put(file, documents);
      } catch (RuntimeException e) {
        UNPARSEABLE.put(file, e.getMessage());
      }
    }
    ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    for (Path file : files("json")) {
      try {
        JSON.put(file, mapper.readTree(file.toFile()));
      } catch (IOException e) {
        UNPARSEABLE.put(file, e.getMessage());
      }
    }
  }

  @Test
  void everyYamlAndJsonFileParses() {
    assertThat(YAML).as("YAML files under deploy/ and dashboards/").isNotEmpty();
    assertThat(dashboards()).as("dashboards in dashboards/grafana/").isNotEmpty();
    assertThat(UNPARSEABLE).as("files that do not parse").isEmpty();
  }

  @Test
  void everyImageIsPinnedToAnExactTag() throws IOException {
    List<String> problems = new ArrayList<>();
    YAML.forEach((file, documents) -> documents.forEach(document -> walk(document, "", (path, entry) -> {
      if (entry.getKey().equals("image") && !(entry.getValue() instanceof Map)) {
        unpinned(String.valueOf(entry.getValue()))
            .ifPresent(why -> problems.add(name(file) + " " + path + ": " + entry.getValue() + " " + why));
      }
      if (entry.getKey().equals("newTag") && !EXACT_TAG.matcher(String.valueOf(entry.getValue())).matches()) {
        problems.add(name(file) + " " + path + ": tag " + entry.getValue() + " is not an exact version");
      }
    })));
    for (Path dockerfile : dockerfiles()) {
      for (String line : Files.readAllLines(dockerfile)) {
        String[] words = line.trim().split("\\s+");
        if (words.length >= 2 && words[0].equalsIgnoreCase("FROM")) {
          String image = words[1].startsWith("--") && words.length > 2 ? words[2] : words[1];
          unpinned(image).ifPresent(why -> problems.add(name(dockerfile) + ": FROM " + image + " " + why));
        }
      }
    }
    assertThat(problems).as("images that are not pinned to an exact tag").isEmpty();
  }

  @Test
  void everyFileThatComposeDockerfilesAndKustomizeReferToExists() throws IOException {
    List<String> problems = new ArrayList<>();
    YAML.forEach((file, documents) -> {
      for (Object document : documents) {
        if (document instanceof Map<?, ?> map && map.get("services") instanceof Map<?, ?> services) {
          checkCompose(file, map, services, problems);
        }
        if (document instanceof Map<?, ?> map && file.getFileName().toString().startsWith("kustomization.")) {
          checkKustomization(file, map, problems);
        }
      }
    });
    for (Path dockerfile : dockerfiles()) {
      for (String line : Files.readAllLines(dockerfile)) {
        List<String> words = new ArrayList<>(List.of(line.trim().split("\\s+")));
        if (words.size() >= 3 && (words.get(0).equalsIgnoreCase("COPY") || words.get(0).equalsIgnoreCase("ADD"))) {
          words.remove(0);
          words.removeIf(word -> word.startsWith("--"));
          // the build context is the repository root (see each Dockerfile's header)
          for (String source : words.subList(0, words.size() - 1)) {
            checkRepositoryFile(name(dockerfile), root.resolve(source), problems);
          }
        }
      }
    }
    assertThat(problems).as("references to files that are not in the repository").isEmpty();
  }

  @Test
  void kubernetesManifestsUseOnlyGeneratedConfigMapsAndDocumentedSecrets() throws IOException {
    List<String> problems = new ArrayList<>();
    Set<String> configMaps = new TreeSet<>();
    Set<String> usedConfigMaps = new TreeSet<>();
    Set<String> usedSecrets = new TreeSet<>();
    YAML.forEach((file, documents) -> {
      if (!name(file).startsWith("deploy/k8s/")) {
        return;
      }
      for (Object document : documents) {
        if (!(document instanceof Map<?, ?> map)) {
          continue;
        }
        if ("Secret".equals(map.get("kind")) && (map.containsKey("data") || map.containsKey("stringData"))) {
          problems.add(name(file) + ": defines Secret " + metadataName(map) + " with values; reference it instead");
        }
        if ("ConfigMap".equals(map.get("kind"))) {
          configMaps.add(metadataName(map));
        }
        if (map.get("configMapGenerator") instanceof List<?> generators) {
          generators.forEach(generator -> configMaps.add(String.valueOf(((Map<?, ?>) generator).get("name"))));
        }
        walk(map, "", (path, entry) -> {
          Object value = entry.getValue();
          if (Set.of("configMap", "configMapKeyRef", "configMapRef").contains(entry.getKey())
              && value instanceof Map<?, ?> reference) {
            usedConfigMaps.add(String.valueOf(reference.get("name")));
          }
          if (Set.of("secretKeyRef", "secretRef").contains(entry.getKey()) && value instanceof Map<?, ?> reference) {
            usedSecrets.add(String.valueOf(reference.get("name")));
          }
          if (entry.getKey().equals("secretName")) {
            usedSecrets.add(String.valueOf(value));
          }
        });
      }
    });
    Set<String> missing = new TreeSet<>(usedConfigMaps);
    missing.removeAll(configMaps);
    missing.forEach(name -> problems.add("ConfigMap " + name + " is mounted but neither generated nor defined"));
    String deployDoc = Files.readString(root.resolve("docs/deploy.md"));
    usedSecrets.stream().filter(secret -> !deployDoc.contains(secret))
        .forEach(secret -> problems.add("Secret " + secret + " is referenced but docs/deploy.md does not say how to create it"));
    assertThat(usedSecrets).as("Secrets the manifests reference").isNotEmpty();
    assertThat(problems).as("ConfigMaps and Secrets of deploy/k8s").isEmpty();
  }

  @Test
  void noPasswordOrTokenIsWrittenIntoAFile() {
    List<String> problems = new ArrayList<>();
    BiConsumer<String, Map.Entry<String, Object>> check = (where, entry) -> {
      String key = entry.getKey();
      Object value = entry.getValue();
      if (value instanceof String text) {
        inlineSecret(text).ifPresent(found -> problems.add(where + ": " + found));
      }
      if (SECRET_KEY.matcher(key).matches() && !SECRET_NAMING_KEYS.contains(key.toLowerCase(Locale.ROOT))
          && literal(value)) {
        problems.add(where + ": " + key + " has a literal value");
      }
    };
    YAML.forEach((file, documents) -> documents.forEach(document -> walk(document, "", (path, entry) -> {
      String where = name(file) + " " + path;
      check.accept(where, entry);
      // Kubernetes env lists: {name: DB_PASSWORD, value: ...}; compose env lists: "DB_PASSWORD=..."
      if (entry.getValue() instanceof Map<?, ?> env && env.get("name") instanceof String envName
          && env.containsKey("value")) {
        check.accept(where, Map.entry(envName, env.get("value")));
      }
      if (entry.getKey().equals("environment") && entry.getValue() instanceof List<?> list) {
        for (Object item : list) {
          String[] pair = String.valueOf(item).split("=", 2);
          if (pair.length == 2) {
            check.accept(where, Map.entry(pair[0], pair[1]));
          }
        }
      }
    })));
    JSON.forEach((file, json) -> walk(toPlain(json), "", (path, entry) -> check.accept(name(file) + " " + path, entry)));
    assertThat(problems).as("secrets written into files (use ${VAR}, ${VAR:?message} or a secretKeyRef)").isEmpty();
  }

  @Test
  void dashboardsHaveStableUniqueUidsAndShanghaiTime() {
    List<String> problems = new ArrayList<>();
    Map<String, Path> uids = new LinkedHashMap<>();
    dashboards().forEach((file, dashboard) -> {
      String uid = dashboard.path("uid").asText("");
      if (!uid.matches("[A-Za-z0-9_-]{1,40}")) {
        problems.add(name(file) + ": uid '" + uid + "' is not 1-40 letters, digits, - or _");
      }
      Path other = uids.put(uid, file);
      if (other != null) {
        problems.add(name(file) + ": uid " + uid + " is also the uid of " + name(other));
      }
      if (dashboard.path("schemaVersion").asInt() < 39) {
        problems.add(name(file) + ": schemaVersion " + dashboard.path("schemaVersion") + " < 39");
      }
      if (!dashboard.path("id").isNull() && !dashboard.path("id").isMissingNode()) {
        problems.add(name(file) + ": a provisioned dashboard has no database id (id: null)");
      }
      if (!"Asia/Shanghai".equals(dashboard.path("timezone").asText())) {
        problems.add(name(file) + ": timezone must be Asia/Shanghai, so that 'today' and day ranges are Shanghai days");
      }
      Set<Integer> panelIds = new LinkedHashSet<>();
      for (JsonNode panel : panels(dashboard)) {
        if (!panelIds.add(panel.path("id").asInt(-1))) {
          problems.add(name(file) + ": panel id " + panel.path("id") + " is used twice");
        }
        if (!panel.has("gridPos") || panel.path("title").asText().isBlank()) {
          problems.add(name(file) + ": panel " + panel.path("id") + " needs a title and a gridPos");
        }
      }
    });
    assertThat(problems).as("dashboard problems").isEmpty();
    assertThat(uids.keySet()).as("dashboard uids").containsAll(EXPECTED_DASHBOARDS);
  }

  @Test
  void everyPanelQueriesAProvisionedDataSource() {
    Map<String, String> provisioned = provisionedDataSources();
    assertThat(provisioned).as("provisioned data sources").containsEntry("parkloop-pg", "grafana-postgresql-datasource");

    List<String> problems = new ArrayList<>();
    dashboards().forEach((file, dashboard) -> {
      walkJson(dashboard, "", (path, node) -> {
        JsonNode source = node.get("datasource");
        if (source == null || source.isNull()) {
          return;
        }
        boolean annotation = path.startsWith("/annotations");
        if (!source.isObject()) {
          problems.add(name(file) + path + ": datasource by name (" + source + "); refer to it by uid");
        } else if (annotation && "-- Grafana --".equals(source.path("uid").asText())) {
          return;
        } else if (!source.path("type").asText().equals(provisioned.get(source.path("uid").asText()))) {
          problems.add(name(file) + path + ": datasource " + source + " is not a provisioned data source");
        }
      });
      for (JsonNode panel : panels(dashboard)) {
        JsonNode targets = panel.path("targets");
        for (JsonNode target : targets) {
          if (!target.has("datasource") && !panel.has("datasource")) {
            problems.add(name(file) + ": panel '" + panel.path("title").asText() + "' has a query without a datasource");
          }
          if (target.has("rawSql") && !target.path("rawQuery").asBoolean()) {
            problems.add(name(file) + ": panel '" + panel.path("title").asText() + "' must keep its SQL as code (rawQuery)");
          }
        }
      }
    });
    assertThat(problems).as("panels and variables whose data source is not provisioned").isEmpty();
  }

  @Test
  void alertRulesQueryAProvisionedDataSourceAndNotifyAProvisionedContactPoint() {
    Set<String> dataSources = provisionedDataSources().keySet();
    List<String> problems = new ArrayList<>();
    Set<String> ruleUids = new LinkedHashSet<>();
    Set<String> contactPoints = new LinkedHashSet<>();
    List<String> receivers = new ArrayList<>();
    YAML.forEach((file, documents) -> {
      if (!name(file).startsWith("deploy/grafana/provisioning/alerting/")) {
        return;
      }
      for (Object document : documents) {
        if (!(document instanceof Map<?, ?> map)) {
          continue;
        }
        for (Object group : list(map.get("groups"))) {
          for (Object rule : list(((Map<?, ?>) group).get("rules"))) {
            alertRuleProblems(name(file), (Map<?, ?>) rule, dataSources, ruleUids).forEach(problems::add);
          }
        }
        list(map.get("contactPoints")).forEach(point -> contactPoints.add(String.valueOf(((Map<?, ?>) point).get("name"))));
        list(map.get("policies")).forEach(policy -> policyReceivers((Map<?, ?>) policy, receivers));
      }
    });
    receivers.stream().filter(receiver -> !contactPoints.contains(receiver)).forEach(receiver ->
        problems.add("a notification policy sends to " + receiver + ", which is no provisioned contact point"));
    assertThat(ruleUids).as("provisioned alert rules").isNotEmpty();
    assertThat(receivers).as("notification policy receivers").isNotEmpty();
    assertThat(problems).as("alert rules and notification problems").isEmpty();
  }

  /** A rule's uid is stable and unique, it queries provisioned data sources only, and its condition is one of its queries. */
  private static List<String> alertRuleProblems(String file, Map<?, ?> rule, Set<String> dataSources,
      Set<String> uids) {
    List<String> problems = new ArrayList<>();
    String uid = String.valueOf(rule.get("uid"));
    String where = file + " rule " + uid;
    if (!uid.matches("[A-Za-z0-9_-]{1,40}")) {
      problems.add(where + ": uid is not 1-40 letters, digits, - or _");
    }
    if (!uids.add(uid)) {
      problems.add(where + ": uid is used twice");
    }
    Set<String> refIds = new LinkedHashSet<>();
    for (Object item : list(rule.get("data"))) {
      Map<?, ?> query = (Map<?, ?>) item;
      refIds.add(String.valueOf(query.get("refId")));
      String source = String.valueOf(query.get("datasourceUid"));
      if (!source.equals("__expr__") && !dataSources.contains(source)) {
        problems.add(where + ": data source " + source + " is not provisioned");
      }
      if (query.get("model") instanceof Map<?, ?> model && model.get("rawSql") instanceof String sql) {
        if (sql.contains("$")) {
          problems.add(where + ": its SQL has a '$', which Grafana's provisioning expands as an environment variable");
        }
        queryProblems(sql).forEach(problem -> problems.add(where + ": " + problem));
      }
    }
    if (!refIds.contains(String.valueOf(rule.get("condition")))) {
      problems.add(where + ": its condition " + rule.get("condition") + " is none of its queries " + refIds);
    }
    return problems;
  }

  private static void policyReceivers(Map<?, ?> policy, List<String> receivers) {
    if (policy.get("receiver") != null) {
      receivers.add(String.valueOf(policy.get("receiver")));
    }
    list(policy.get("routes")).forEach(route -> policyReceivers((Map<?, ?>) route, receivers));
  }

  @Test
  void queriesKeepAsiaShanghaiDaysAndAvoidUtcMacros() {
    List<String> problems = new ArrayList<>();
    int[] queries = {0};
    dashboards().forEach((file, dashboard) -> walkJson(dashboard, "", (path, node) -> {
      Set<String> texts = new LinkedHashSet<>();
      if (node.path("rawSql").isTextual()) {
        texts.add(node.path("rawSql").asText());
      }
      if (path.startsWith("/templating") && "query".equals(node.path("type").asText())) {
        texts.add(node.path("query").isTextual() ? node.path("query").asText() : node.path("query").path("rawSql").asText());
        texts.add(node.path("definition").asText(""));
      }
      texts.remove("");
      for (String sql : texts) {
        queries[0]++;
        queryProblems(sql).forEach(problem -> problems.add(name(file) + path + ": " + problem));
      }
    }));
    assertThat(queries[0]).as("queries found in the dashboards").isGreaterThan(10);
    assertThat(problems).as("queries that bucket time in UTC").isEmpty();
  }

  /** What is wrong with one SQL query, if anything: UTC bucketing macros or a day cut in UTC. */
  static List<String> queryProblems(String sql) {
    List<String> problems = new ArrayList<>();
    Matcher macro = UTC_MACROS.matcher(sql);
    while (macro.find()) {
      problems.add("uses " + macro.group() + " (buckets in UTC; use hour/day rows or date_trunc ... AT TIME ZONE 'Asia/Shanghai')");
    }
    Matcher trunc = DATE_TRUNC.matcher(sql);
    while (trunc.find()) {
      String unit = trunc.group(1).toLowerCase(Locale.ROOT);
      String argument = untilClosingParenthesis(sql, trunc.end());
      if (DAY_OR_LONGER.contains(unit) && !SHANGHAI.matcher(argument).find()) {
        problems.add("date_trunc('" + unit + "', " + argument.strip() + ") cuts days in the session's time zone;"
            + " truncate <timestamptz> AT TIME ZONE 'Asia/Shanghai'");
      }
    }
    if (Pattern.compile("(?i)::\\s*date\\b").matcher(sql).find()) {
      problems.add("casts to date (the session's time zone decides the day); use AT TIME ZONE 'Asia/Shanghai'");
    }
    return problems;
  }

  @Test
  void theQueryCheckCatchesUtcDays() {
    assertThat(queryProblems("select date_trunc('day', period_start) from indicator_value")).hasSize(1);
    assertThat(queryProblems("select $__timeGroupAlias(period_start, 1d) from t")).hasSize(1);
    assertThat(queryProblems("select time_bucket('1 day', period_start) from t")).hasSize(1);
    assertThat(queryProblems("select period_start::date from t")).hasSize(1);
    assertThat(queryProblems("select date_trunc('month', (now() AT TIME ZONE 'Asia/Shanghai')) AT TIME ZONE 'Asia/Shanghai'"))
        .isEmpty();
    assertThat(queryProblems("select date_trunc('minute', updated_at) from indicator_value")).isEmpty();
  }

  @Test
  void shellScriptsParse() throws IOException, InterruptedException {
    RequiredTool.BASH.require();
    List<String> problems = new ArrayList<>();
    List<Path> scripts;
    try (Stream<Path> walk = Files.walk(root.resolve("deploy"))) {
      scripts = walk.filter(file -> file.toString().endsWith(".sh")).sorted().toList();
    }
    for (Path script : scripts) {
      Process bash = new ProcessBuilder(RequiredTool.BASH.binary().toString(), "-n", script.toString()).redirectErrorStream(true).start();
      String output = new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!bash.waitFor(30, TimeUnit.SECONDS) || bash.exitValue() != 0) {
        problems.add(name(script) + ": " + output.strip());
      }
    }
    assertThat(scripts).isNotEmpty();
    assertThat(problems).as("shell scripts with syntax errors").isEmpty();
  }

  /**
   * The deployed stack runs the launcher's deployed commands only, `migrate` and `bridge` (the
   * processes of the cluster-shaped test), and the jobs on Flink: never `run`, whose in-process
   * copy of the jobs would compute everything a second time beside the Flink cluster's.
   */
  @Test
  void theLauncherRunsMigrateAndBridgeOnlyAndTheJobsRunOnFlink() throws IOException {
    Map<String, String> commands = new TreeMap<>();
    YAML.forEach((file, documents) -> documents.forEach(document -> {
      if (document instanceof Map<?, ?> map && map.get("services") instanceof Map<?, ?> services) {
        services.forEach((service, definition) -> {
          if (((Map<?, ?>) definition).get("command") instanceof List<?> command
              && command.contains(LAUNCHER_JAR_IN_CONTAINER)) {
            int jar = command.indexOf(LAUNCHER_JAR_IN_CONTAINER);
            commands.put(name(file) + " services." + service,
                jar + 1 < command.size() ? String.valueOf(command.get(jar + 1)) : "(none)");
          }
        });
      }
      walk(document, "", (path, entry) -> {
        if (entry.getValue() instanceof Map<?, ?> container
            && String.valueOf(container.get("image")).startsWith("parkloop/bridge:")) {
          Object args = container.get("args");
          commands.put(name(file) + " " + path, args instanceof List<?> list && !list.isEmpty()
              ? String.valueOf(list.get(0)) : "(the image's CMD)");
        }
      });
    }));
    assertThat(commands).as("launcher commands of compose and Kubernetes")
        .allSatisfy((where, command) -> assertThat(command).as(where).isIn("migrate", "bridge"))
        .containsValues("migrate", "bridge");
    String flinkJob = Files.readString(root.resolve("deploy/k8s/flink.yaml"))
        + Files.readString(root.resolve("deploy/flink/start-job.sh"));
    assertThat(flinkJob).as("the job's entry point on Flink").contains("io.parkloop.jobs.IndicatorJobMain");
    assertThat(Files.readString(root.resolve("deploy/bridge/Dockerfile"))).contains("CMD [\"bridge\"]");
  }

  @Test
  void theExampleReferenceDataLoads() {
    ReferenceData reference = ReferenceLoader.load(root.resolve("deploy/reference/reference.example.yaml"));

    assertThat(reference.parks()).isNotEmpty();
    assertThat(reference.meters()).isNotEmpty();
  }

  // --- compose, kustomize, build outputs ---------------------------------------------------------

  private static void checkCompose(Path file, Map<?, ?> compose, Map<?, ?> services, List<String> problems) {
    Path base = file.getParent();
    Set<Object> namedVolumes = compose.get("volumes") instanceof Map<?, ?> volumes ? new LinkedHashSet<>(volumes.keySet())
        : Set.of();
    services.forEach((service, definition) -> {
      String where = name(file) + " services." + service;
      Map<?, ?> spec = (Map<?, ?>) definition;
      if (spec.get("volumes") instanceof List<?> volumes) {
        for (Object volume : volumes) {
          String source;
          if (volume instanceof Map<?, ?> longSyntax) {
            source = String.valueOf(longSyntax.get("source"));
          } else {
            Optional<String> resolved = resolveVariables(String.valueOf(volume));
            if (resolved.isEmpty()) {
              problems.add(where + ": volume " + volume + " needs a default for its variable, a file in the repository");
              continue;
            }
            source = resolved.get().split(":", 2)[0];
          }
          if (source.startsWith("/") || source.startsWith("~")) {
            problems.add(where + ": volume " + volume + " mounts a path of one machine; use a path in the repository");
          } else if (source.startsWith(".")) {
            checkRepositoryFile(where, base.resolve(source), problems);
          } else if (!namedVolumes.contains(source)) {
            problems.add(where + ": named volume " + source + " is not declared under volumes:");
          }
        }
      }
      if (spec.get("env_file") != null) {
        List<?> envFiles = spec.get("env_file") instanceof List<?> list ? list : List.of(spec.get("env_file"));
        envFiles.forEach(envFile -> checkRepositoryFile(where, base.resolve(String.valueOf(envFile)), problems));
      }
      if (spec.get("build") instanceof Map<?, ?> build && build.get("context") != null) {
        checkRepositoryFile(where, base.resolve(String.valueOf(build.get("context"))), problems);
      }
    });
    for (String section : List.of("configs", "secrets")) {
      if (compose.get(section) instanceof Map<?, ?> entries) {
        entries.forEach((key, value) -> {
          if (value instanceof Map<?, ?> entry && entry.get("file") != null) {
            checkRepositoryFile(name(file) + " " + section + "." + key, base.resolve(String.valueOf(entry.get("file"))),
                problems);
          }
        });
      }
    }
  }

  private static void checkKustomization(Path file, Map<?, ?> kustomization, List<String> problems) {
    Path base = file.getParent();
    List<String> paths = new ArrayList<>();
    for (String key : List.of("resources", "configurations", "components", "crds", "patchesStrategicMerge")) {
      if (kustomization.get(key) instanceof List<?> list) {
        list.forEach(item -> paths.add(String.valueOf(item)));
      }
    }
    if (kustomization.get("patches") instanceof List<?> patches) {
      patches.stream().filter(Map.class::isInstance).map(patch -> ((Map<?, ?>) patch).get("path"))
          .filter(path -> path != null).forEach(path -> paths.add(String.valueOf(path)));
    }
    for (String generatorKey : List.of("configMapGenerator", "secretGenerator")) {
      if (kustomization.get(generatorKey) instanceof List<?> generators) {
        for (Object generator : generators) {
          Map<?, ?> spec = (Map<?, ?>) generator;
          for (String key : List.of("files", "envs")) {
            if (spec.get(key) instanceof List<?> list) {
              // "key=path" or "path"
              list.forEach(item -> paths.add(String.valueOf(item).replaceFirst("^[^=]*=", "")));
            }
          }
        }
      }
    }
    paths.stream().filter(path -> !path.contains("://"))
        .forEach(path -> checkRepositoryFile(name(file), base.resolve(path), problems));
  }

  /**
   * A file must be in the repository, except a build output ({@code <module>/target/<jar>}): that
   * must be named the way its module's POM names it, so a version bump cannot silently break the
   * mount. A module that is not in this tree yet cannot be checked and is skipped.
   */
  private static void checkRepositoryFile(String where, Path path, List<String> problems) {
    Path file = path.normalize();
    if (!file.startsWith(root)) {
      problems.add(where + ": " + path + " is outside the repository");
      return;
    }
    Path relative = root.relativize(file);
    int target = -1;
    for (int i = 0; i < relative.getNameCount(); i++) {
      if (relative.getName(i).toString().equals("target")) {
        target = i;
        break;
      }
    }
    if (target < 0) {
      if (!Files.exists(file)) {
        problems.add(where + ": " + relative + " does not exist");
      }
      return;
    }
    Path pom = root.resolve(target == 0 ? Path.of("pom.xml") : relative.subpath(0, target).resolve("pom.xml"));
    if (!Files.exists(pom)) {
      return;
    }
    Set<String> expected = buildOutputs(pom);
    if (!expected.contains(file.getFileName().toString())) {
      problems.add(where + ": " + relative + " is not what " + root.relativize(pom) + " builds " + expected);
    }
  }

  private static Set<String> buildOutputs(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      Document document = factory.newDocumentBuilder().parse(pom.toFile());
      Element project = document.getDocumentElement();
      String artifactId = child(project, "artifactId").orElseThrow();
      String version = child(project, "version")
          .or(() -> childElement(project, "parent").flatMap(parent -> child(parent, "version"))).orElseThrow();
      Set<String> names = new LinkedHashSet<>();
      names.add(artifactId + "-" + version + ".jar");
      for (String finalName : texts(document, "finalName")) {
        names.add(finalName + ".jar");
      }
      for (String classifier : texts(document, "shadedClassifierName")) {
        names.add(artifactId + "-" + version + "-" + classifier + ".jar");
      }
      return names;
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + pom, e);
    }
  }

  // --- secrets ----------------------------------------------------------------------------------

  private static boolean literal(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Map || value instanceof List) {
      return false;
    }
    String text = String.valueOf(value).strip();
    return !text.isEmpty() && !REFERENCE.matcher(text).matches();
  }

  private static Optional<String> inlineSecret(String text) {
    Matcher inline = INLINE_SECRET.matcher(text);
    while (inline.find()) {
      String value = inline.group(2);
      if (!value.isEmpty() && !startsWithReference(value, text, inline.start(2))) {
        return Optional.of(inline.group(1) + "= with a literal value");
      }
    }
    Matcher url = URL_CREDENTIALS.matcher(text);
    if (url.find() && !startsWithReference(url.group(1), text, url.start(1))) {
      return Optional.of("credentials in a URL");
    }
    return Optional.empty();
  }

  /** The value at {@code start} of {@code text} is a ${...}, $NAME or $(NAME) reference without a default. */
  private static boolean startsWithReference(String value, String text, int start) {
    Matcher reference = REFERENCE.matcher(text);
    return value.startsWith("$") && reference.find(start) && reference.start() == start;
  }

  // --- dashboards -------------------------------------------------------------------------------

  /** The provisioned data sources: uid → type. */
  private static Map<String, String> provisionedDataSources() {
    Map<String, String> provisioned = new LinkedHashMap<>();
    YAML.forEach((file, documents) -> {
      if (name(file).startsWith("deploy/grafana/provisioning/datasources/")) {
        documents.stream().filter(Map.class::isInstance).map(Map.class::cast)
            .map(document -> document.get("datasources")).filter(List.class::isInstance)
            .flatMap(list -> ((List<?>) list).stream()).map(Map.class::cast)
            .forEach(source -> provisioned.put(String.valueOf(source.get("uid")), String.valueOf(source.get("type"))));
      }
    });
    return provisioned;
  }

  private static Map<Path, JsonNode> dashboards() {
    Map<Path, JsonNode> dashboards = new LinkedHashMap<>();
    JSON.forEach((file, json) -> {
      if (name(file).startsWith("dashboards/grafana/")) {
        dashboards.put(file, json);
      }
    });
    return dashboards;
  }

  /** Every panel, including those inside collapsed rows. */
  private static List<JsonNode> panels(JsonNode dashboard) {
    List<JsonNode> panels = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      panels.add(panel);
      panel.path("panels").forEach(panels::add);
    }
    return panels;
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** A YAML list, or an empty one when the key is absent. */
  private static List<?> list(Object node) {
    return node instanceof List<?> list ? list : List.of();
  }

  private static Optional<String> unpinned(String image) {
    if (image.contains("$")) {
      return Optional.of("comes from a variable");
    }
    if (image.contains("@sha256:")) {
      return Optional.empty();
    }
    String last = image.substring(image.lastIndexOf('/') + 1);
    int colon = last.indexOf(':');
    if (colon < 0) {
      return Optional.of("has no tag");
    }
    String tag = last.substring(colon + 1);
    if (FLOATING_TAGS.contains(tag.toLowerCase(Locale.ROOT))) {
      return Optional.of("has the floating tag " + tag);
    }
    return EXACT_TAG.matcher(tag).matches() ? Optional.empty() : Optional.of("has no exact version tag");
  }

  /** Replaces ${NAME:-default} and ${NAME-default} by the default; empty if a variable has none. */
  private static Optional<String> resolveVariables(String text) {
    Matcher variable = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (variable.find()) {
      String operator = variable.group(2);
      if (operator == null || operator.endsWith("?")) {
        return Optional.empty();
      }
      variable.appendReplacement(out, Matcher.quoteReplacement(variable.group(3)));
    }
    variable.appendTail(out);
    return Optional.of(out.toString());
  }

  private static String untilClosingParenthesis(String text, int from) {
    int depth = 1;
    boolean quoted = false;
    for (int i = from; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')' && --depth == 0) {
        return text.substring(from, i);
      }
    }
    return text.substring(from);
  }

  /**
   * Calls {@code visit} with the path and key/value of every map entry in a YAML tree, and of
   * every list element (its index as the key), so that command arguments and env lists are seen.
   */
  private static void walk(Object node, String path, BiConsumer<String, Map.Entry<String, Object>> visit) {
    if (node instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String key = String.valueOf(entry.getKey());
        visit.accept(path + "/" + key, Map.entry(key, entry.getValue() == null ? "" : entry.getValue()));
        walk(entry.getValue(), path + "/" + key, visit);
      }
    } else if (node instanceof List<?> list) {
      for (int i = 0; i < list.size(); i++) {
        Object item = list.get(i);
        visit.accept(path + "/" + i, Map.entry(Integer.toString(i), item == null ? "" : item));
        walk(item, path + "/" + i, visit);
      }
    }
  }

  private static void walkJson(JsonNode node, String path, BiConsumer<String, JsonNode> visit) {
    if (node.isObject()) {
      visit.accept(path, node);
      node.properties().forEach(field -> walkJson(field.getValue(), path + "/" + field.getKey(), visit));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walkJson(node.get(i), path + "/" + i, visit);
      }
    }
  }

  private static Object toPlain(JsonNode json) {
    return new ObjectMapper().convertValue(json, Object.class);
  }

  private static String metadataName(Map<?, ?> resource) {
    return resource.get("metadata") instanceof Map<?, ?> metadata ? String.valueOf(metadata.get("name")) : "?";
  }

  private static Optional<String> child(Element parent, String tag) {
    return childElement(parent, tag).map(element -> element.getTextContent().strip());
  }

  private static Optional<Element> childElement(Element parent, String tag) {
    NodeList children = parent.getChildNodes();
    for (int i = 0; i < children.getLength(); i++) {
      if (children.item(i) instanceof Element element && element.getTagName().equals(tag)) {
        return Optional.of(element);
      }
    }
    return Optional.empty();
  }

  private static List<String> texts(Document document, String tag) {
    List<String> texts = new ArrayList<>();
    NodeList nodes = document.getElementsByTagName(tag);
    for (int i = 0; i < nodes.getLength(); i++) {
      texts.add(nodes.item(i).getTextContent().strip());
    }
    return texts;
  }

  private static Yaml yaml() {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    return new Yaml(new SafeConstructor(options));
  }

  private static List<Path> files(String... extensions) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String folder : List.of("deploy", "dashboards")) {
      try (Stream<Path> walk = Files.walk(root.resolve(folder))) {
        walk.filter(Files::isRegularFile)
            .filter(file -> !isBuildOrToolDirectory(root.relativize(file)))
            .filter(file -> Stream.of(extensions).anyMatch(ext -> file.getFileName().toString().endsWith("." + ext)))
            .sorted().forEach(files::add);
      }
    }
    return files;
  }

  private static boolean isBuildOrToolDirectory(Path relative) {
    for (Path part : relative) {
      String name = part.toString();
      if (name.equals("target") || name.equals("node_modules") || name.startsWith(".")) {
        return true;
      }
    }
    return false;
  }

  private static List<Path> dockerfiles() throws IOException {
    try (Stream<Path> walk = Files.walk(root.resolve("deploy"))) {
      return walk.filter(file -> file.getFileName().toString().equals("Dockerfile")).sorted().toList();
    }
  }

  private static String name(Path file) {
    return root.relativize(file).toString();
  }

  private static Path repositoryRoot() {
    String configured = System.getProperty("parkloop.root");
    Path start = Path.of(configured != null ? configured : "").toAbsolutePath().normalize();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy")) && Files.isDirectory(dir.resolve("dashboards"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no repository root with deploy/ and dashboards/ above " + start);
  }
}
