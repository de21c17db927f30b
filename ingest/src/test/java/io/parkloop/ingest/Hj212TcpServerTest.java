package io.parkloop.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.parkloop.avro.DeadLetter;
import io.parkloop.avro.Reading;
import io.parkloop.ingest.hj212.Hj212Decoder;
import io.parkloop.ingest.hj212.Hj212Frames;
import io.parkloop.ingest.hj212.Hj212Packet;
import io.parkloop.schemas.AvroCodec;
import io.parkloop.schemas.Topics;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class Hj212TcpServerTest {
  private static final String WATER_MN = "88888880000001";
  private static final String AIR_MN = "88888880000002";
  private static final List<String> WATER_FACTORS = List.of("w01018-Avg", "w21003-Avg", "w00000-Cou");
  private static final List<String> AIR_FACTORS = List.of("a21026-Avg", "a21002-Avg", "a34013-Avg");
  /** Flag of an HJ 212-2017 packet: version bits 0100, plus bit A when it asks for a reply. */
  private static final int ASKS_FOR_REPLY = 5;
  private static final int NO_REPLY = 4;
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-03-01T00:15:02Z"), ZoneOffset.UTC);

  private final IngestMetrics metrics = new IngestMetrics();
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
  }

  @Test
  void everyPacketOfSeveralAnalysersIsReadAndAnsweredHoweverTheStreamIsCut() throws Exception {
    MockProducer<byte[], byte[]> kafka = kafka(true);
    Hj212TcpServer server = start(kafka, config());
    int clients = 6;
    ExecutorService analysers = Executors.newFixedThreadPool(clients);
    toClose.add(analysers::shutdownNow);
    List<Future<Session>> sessions = new ArrayList<>();
    for (int client = 0; client < clients; client++) {
      sessions.add(analysers.submit(analyser(server.port(), client, new Random(212_000 + client))));
    }

    int valuesSent = 0;
    for (Future<Session> future : sessions) {
      Session session = future.get(15, TimeUnit.SECONDS);
      assertThat(session.replies()).extracting(Hj212Packet::qn).containsExactlyElementsOf(session.qnsAskingForReply());
      assertThat(session.replies()).allSatisfy(reply -> {
        assertThat(reply.cn()).isEqualTo("9014");
        assertThat(reply.mn()).isEqualTo(session.mn());
      });
      assertThat(readingsFrom(kafka, session.source())).hasSize(session.values());
      valuesSent += session.values();
    }
    assertThat(readings(kafka)).hasSize(valuesSent);
    assertThat(readings(kafka)).extracting(Reading::getMeter).containsOnly("E001-WW1", "E002-GAS1");
    assertThat(deadLetters(kafka)).isEmpty();
    assertThat(metrics.tcpConnectionsOpen()).isZero();
  }

  /** One analyser: a few dozen hour-data packets, some asking for a reply, sent in random pieces. */
  private static Callable<Session> analyser(int port, int client, Random random) {
    return () -> {
      String mn = client % 2 == 0 ? WATER_MN : AIR_MN;
      List<String> factors = mn.equals(WATER_MN) ? WATER_FACTORS : AIR_FACTORS;
      ByteArrayOutputStream stream = new ByteArrayOutputStream();
      List<String> qnsAskingForReply = new ArrayList<>();
      int values = 0;
      for (int i = 0; i < 40; i++) {
        String qn = String.format(Locale.ROOT, "202603010800%02d%03d", client, i);
        boolean asks = random.nextBoolean();
        int count = 1 + random.nextInt(factors.size());
        stream.writeBytes(hourData(mn, qn, asks ? ASKS_FOR_REPLY : NO_REPLY, factors.subList(0, count)));
        values += count;
        if (asks) {
          qnsAskingForReply.add(qn);
        }
      }
      try (AnalyserClient analyser = new AnalyserClient(port)) {
        // pieces from one byte to about three packets: most packets split, many packed together
        analyser.sendInPieces(stream.toByteArray(), random, 600);
        List<Hj212Packet> replies = analyser.finish();
        return new Session(analyser.source(), mn, values, qnsAskingForReply, replies);
      }
    };
  }

  private record Session(String source, String mn, int values, List<String> qnsAskingForReply,
      List<Hj212Packet> replies) {}

  @Test
  void aPacketWithABadCrcIsDeadLetteredAndTheConnectionCarriesOn() throws Exception {
    MockProducer<byte[], byte[]> kafka = kafka(true);
    Hj212TcpServer server = start(kafka, config());
    byte[] corrupt = hourData(WATER_MN, "20260301080000002", ASKS_FOR_REPLY, WATER_FACTORS);
    corrupt[corrupt.length - 3] = (byte) (corrupt[corrupt.length - 3] == '0' ? '1' : '0');

    try (AnalyserClient analyser = client(server)) {
      analyser.send(concat(
          hourData(WATER_MN, "20260301080000001", ASKS_FOR_REPLY, WATER_FACTORS),
          corrupt,
          hourData(WATER_MN, "20260301080000003", ASKS_FOR_REPLY, WATER_FACTORS)));
      List<Hj212Packet> replies = analyser.finish();

      assertThat(replies).extracting(Hj212Packet::qn).containsExactly("20260301080000001", "20260301080000003");
      assertThat(deadLetters(kafka)).singleElement().satisfies(letter -> {
        assertThat(letter.getReason()).isEqualTo("bad_crc");
        assertThat(letter.getSource()).isEqualTo(analyser.source());
        assertThat(bytes(letter)).isEqualTo(corrupt);
      });
      assertThat(readings(kafka)).hasSize(2 * WATER_FACTORS.size());
    }
  }

  @Test
  void garbageAndAClientDroppingMidFrameCostOnlyThatClient() throws Exception {
    MockProducer<byte[], byte[]> kafka = kafka(true);
    Hj212TcpServer server = start(kafka, config());
    AnalyserClient steady = client(server);
    byte[] frame = hourData(WATER_MN, "20260301080000001", ASKS_FOR_REPLY, WATER_FACTORS);

    AnalyserClient rogue = client(server);
    rogue.send(concat("GET / HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII), Arrays.copyOf(frame, 40)));
    await(() -> deadLetters(kafka).size() == 1);
    rogue.abort();
    await(() -> metrics.tcpConnectionsOpen() == 1);

    assertThat(deadLetters(kafka)).extracting(DeadLetter::getReason).containsExactly("malformed_packet");
    steady.send(frame);
    assertThat(steady.nextReply().qn()).isEqualTo("20260301080000001");
    AnalyserClient newcomer = client(server);
    newcomer.send(heartbeat(AIR_MN, "20260301080000002"));
    assertThat(newcomer.nextReply().qn()).isEqualTo("20260301080000002");
  }

  @Test
  void repliesOnlyOnceKafkaHasTakenEveryRecordOfThePacket() throws Exception {
    MockProducer<byte[], byte[]> kafka = kafka(false);
    Hj212TcpServer server = start(kafka, config());
    AnalyserClient analyser = client(server);

    analyser.send(hourData(WATER_MN, "20260301080000001", ASKS_FOR_REPLY, WATER_FACTORS.subList(0, 2)));
    await(() -> kafka.history().size() == 2);
    assertThat(analyser.nothingReceived()).isTrue();
    kafka.completeNext();
    assertThat(analyser.nothingReceived()).as("one record of two taken").isTrue();
    kafka.completeNext();

    assertThat(analyser.nextReply().qn()).isEqualTo("20260301080000001");
    await(() -> metrics.hj212RepliesSent() == 1); // counted once the write returned, maybe after the client read it
  }

  @Test
  void aRecordKafkaRefusesIsSentAgainAndOnlyThenAnswered() throws Exception {
    MockProducer<byte[], byte[]> kafka = kafka(false);
    Hj212TcpServer server = start(kafka, config());
    AnalyserClient analyser = client(server);

    analyser.send(hourData(WATER_MN, "20260301080000001", ASKS_FOR_REPLY, WATER_FACTORS.subList(0, 1)));
    await(() -> kafka.history().size() == 1);
    kafka.errorNext(new TimeoutException("brokers unreachable"));
    await(() -> kafka.history().size() == 2);
    assertThat(analyser.nothingReceived()).isTrue();
    kafka.completeNext();

    assertThat(analyser.nextReply().qn()).isEqualTo("20260301080000001");
    assertThat(kafka.history().get(1).value()).isEqualTo(kafka.history().get(0).value());
  }

  @Test
  void stopsReadingFromAClientWhosePacketsKafkaHasNotTakenYet() throws Exception {
    MockProducer<byte[], byte[]> kafka = kafka(false);
    Hj212TcpServer server = start(kafka, config().withMaxUnansweredPackets(2));
    AnalyserClient analyser = client(server);
    analyser.send(oneValue("20260301080000001"));
    await(() -> kafka.history().size() == 1);
    analyser.send(oneValue("20260301080000002"));
    await(() -> kafka.history().size() == 2);

    // the barrier: the server no longer reads this connection (no read interest on its socket)
    await(() -> metrics.tcpConnectionsHeldBack() == 1);
    analyser.send(oneValue("20260301080000003"));
    assertThat(kafka.history()).hasSize(2);
    kafka.completeNext();
    kafka.completeNext();

    assertThat(analyser.nextReply().qn()).isEqualTo("20260301080000001");
    assertThat(analyser.nextReply().qn()).isEqualTo("20260301080000002");
    await(() -> kafka.history().size() == 3);
    assertThat(metrics.tcpConnectionsHeldBack()).isZero();
  }

  @Test
  void closesAConnectionThatStaysSilentPastTheIdleTimeout() throws Exception {
    Hj212TcpServer server = start(kafka(true), config().withIdleTimeout(Duration.ofMillis(200)));
    AnalyserClient silent = client(server);

    assertThat(silent.closedByServer()).isTrue();
    assertThat(metrics.tcpConnectionsOpen()).isZero();
  }

  @Test
  void turnsAwayConnectionsBeyondTheMaximumAndKeepsServingTheOthers() throws Exception {
    Hj212TcpServer server = start(kafka(true), config().withMaxConnections(2));
    AnalyserClient first = client(server);
    AnalyserClient second = client(server);
    first.send(heartbeat(WATER_MN, "1"));
    second.send(heartbeat(AIR_MN, "2"));
    assertThat(first.nextReply().qn()).isEqualTo("1");
    assertThat(second.nextReply().qn()).isEqualTo("2");

    AnalyserClient third = client(server);

    assertThat(third.closedByServer()).isTrue();
    assertThat(metrics.tcpConnectionsRefused()).isEqualTo(1);
    first.send(heartbeat(WATER_MN, "3"));
    assertThat(first.nextReply().qn()).isEqualTo("3");
  }

  /**
   * A client that drips a packet a byte at a time, each well within the idle timeout, holds its
   * slot only until the frame time is up: then its bytes are dead-lettered, the connection is
   * closed and the one slot serves the next analyser.
   */
  @Test
  void aSlowDripClientIsCutOffAfterTheFrameTimeAndItsSlotFreed() throws Exception {
    MockProducer<byte[], byte[]> kafka = kafka(true);
    Hj212TcpServer server = start(kafka, config().withMaxConnections(1).withIdleTimeout(Duration.ofSeconds(30))
        .withMaxFrameTime(Duration.ofMillis(500)));
    byte[] frame = hourData(WATER_MN, "20260301080000001", ASKS_FOR_REPLY, WATER_FACTORS);
    AnalyserClient dripper = client(server);
    ExecutorService drip = Executors.newSingleThreadExecutor();
    toClose.add(0, drip::shutdownNow);
    drip.submit(() -> {
      for (byte b : frame) {
        dripper.send(new byte[] {b});
        Thread.sleep(50);
      }
      return null;
    });

    assertThat(dripper.closedByServer()).as("the server closes the dripping connection").isTrue();
    drip.shutdownNow();

    await(() -> deadLetters(kafka).size() == 1);
    byte[] dripped = bytes(deadLetters(kafka).get(0));
    assertThat(dripped.length).as("bytes dripped before the cut").isBetween(2, frame.length - 1);
    assertThat(dripped).isEqualTo(Arrays.copyOf(frame, dripped.length));
    assertThat(deadLetters(kafka).get(0).getSource()).isEqualTo(dripper.source());
    await(() -> metrics.tcpConnectionsOpen() == 0);
    AnalyserClient next = client(server);
    next.send(heartbeat(AIR_MN, "20260301080000002"));
    assertThat(next.nextReply().qn()).isEqualTo("20260301080000002");
    assertThat(metrics.tcpConnectionsRefused()).isZero();
  }

  private static Hj212TcpServerConfig config() {
    return Hj212TcpServerConfig.defaults("127.0.0.1", 0);
  }

  private static MockProducer<byte[], byte[]> kafka(boolean acknowledgeAtOnce) {
    return new MockProducer<>(acknowledgeAtOnce, null, new ByteArraySerializer(), new ByteArraySerializer());
  }

  private Hj212TcpServer start(MockProducer<byte[], byte[]> kafka, Hj212TcpServerConfig config) throws IOException {
    Hj212Ingest ingest = new Hj212Ingest(() -> TestReference.DATA, new Hj212Decoder(), metrics);
    Hj212TcpServer server = new Hj212TcpServer(config, ingest, kafka, metrics, CLOCK);
    toClose.add(server);
    server.start();
    return server;
  }

  private AnalyserClient client(Hj212TcpServer server) throws IOException {
    AnalyserClient client = new AnalyserClient(server.port());
    toClose.add(0, client); // clients close before the server
    return client;
  }

  private static byte[] hourData(String mn, String qn, int flag, List<String> factors) {
    String values = factors.stream().map(factor -> factor + "=12.5," + factor.substring(0, 6) + "-Flag=N")
        .collect(Collectors.joining(";"));
    return Hj212Frames.encode("QN=" + qn + ";ST=32;CN=2061;PW=123456;MN=" + mn + ";Flag=" + flag
        + ";CP=&&DataTime=20260301080000;" + values + "&&");
  }

  /** An hour-data packet with one value that asks for a reply. */
  private static byte[] oneValue(String qn) {
    return hourData(WATER_MN, qn, ASKS_FOR_REPLY, WATER_FACTORS.subList(0, 1));
  }

  private static byte[] heartbeat(String mn, String qn) {
    return Hj212Frames.encode("QN=" + qn + ";ST=32;CN=8013;PW=123456;MN=" + mn + ";Flag=" + ASKS_FOR_REPLY
        + ";CP=&&HeartbeatTime=120&&");
  }

  private static List<Reading> readings(MockProducer<byte[], byte[]> kafka) {
    return decoded(kafka, Topics.READINGS, Reading.class);
  }

  private static List<Reading> readingsFrom(MockProducer<byte[], byte[]> kafka, String source) {
    return readings(kafka).stream().filter(reading -> reading.getSource().equals(source)).toList();
  }

  private static List<DeadLetter> deadLetters(MockProducer<byte[], byte[]> kafka) {
    return decoded(kafka, Topics.DEAD_LETTERS, DeadLetter.class);
  }

  private static <T extends SpecificRecord> List<T> decoded(
      MockProducer<byte[], byte[]> kafka, String topic, Class<T> type) {
    AvroCodec<T> codec = AvroCodec.of(type);
    List<T> decoded = new ArrayList<>();
    for (ProducerRecord<byte[], byte[]> record : kafka.history()) {
      if (record.topic().equals(topic)) {
        try {
          decoded.add(codec.decode(record.value()));
        } catch (IOException e) {
          fail("undecodable record on " + topic, e);
        }
      }
    }
    return decoded;
  }

  private static byte[] bytes(DeadLetter letter) {
    byte[] payload = new byte[letter.getPayload().remaining()];
    letter.getPayload().duplicate().get(payload);
    return payload;
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  /** Waits up to 5 s for something another thread does. */
  private static void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("condition not met within 5 s");
      }
      Thread.sleep(10);
    }
  }
}
